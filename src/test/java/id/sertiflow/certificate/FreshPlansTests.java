package id.sertiflow.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import id.sertiflow.SertiflowTest;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.hibernate.Session;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Look-ups planned for their values: inside, PostgreSQL plans each statement afresh; after, the
 * pooled connection prepares statements again as the driver does (left at 0, every statement of
 * the service would be planned each time: the daily report of 100,000 ran at 239/s against 427/s).
 */
@SertiflowTest
class FreshPlansTests {

  @Autowired FreshPlans freshPlans;
  @Autowired Certificates certificates;
  @Autowired EntityManager entities;
  @Autowired TransactionTemplate transaction;
  @Autowired DataSource dataSource;

  @Test
  void aLookUpOutsideATransactionAnswersInAReadOnlyOneOfItsOwn() {
    List<Certificate> found = freshPlans.lookUp(
        () -> certificates.findByCompletionIdIn(List.of("no-such-completion", "nor-this-one")));

    assertThat(found).isEmpty();
  }

  @Test
  void onPostgresqlTheLookUpIsPlannedPerCallAndTheConnectionPreparesAgainAfter()
      throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      assumeTrue(connection.isWrapperFor(PGConnection.class), "PostgreSQL's driver only");
    }
    transaction.executeWithoutResult(status -> {
      int before = prepareThreshold();

      int during = freshPlans.lookUp(() -> {
        certificates.ownersOf(List.of("NO-SUCH-CODE"));
        return prepareThreshold();
      });

      assertThat(during).isZero();
      assertThat(before).isPositive();
      assertThat(prepareThreshold()).isEqualTo(before);
    });
  }

  private int prepareThreshold() {
    return entities.unwrap(Session.class).doReturningWork(
        connection -> connection.unwrap(PGConnection.class).getPrepareThreshold());
  }
}
