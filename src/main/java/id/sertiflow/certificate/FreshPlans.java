package id.sertiflow.certificate;

import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;
import org.hibernate.Session;
import org.postgresql.PGConnection;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Look-ups of many keys at once (an IN list of a chunk's redemption codes, completion ids, event
 * ids, certificate ids) in the tables that grow as the service runs, planned by PostgreSQL for
 * the values of each call instead of with the generic plan of a prepared statement.
 *
 * <p>Why: the driver prepares a statement after its fifth run on a connection, and PostgreSQL
 * then keeps one generic plan for it until the table's statistics change. A plan made while
 * {@code certificate} was nearly empty scans it whole: on a fresh database taking 100,000
 * completions, intake's replay look-ups took 287 ms each at 60,000 certificates with autovacuum
 * off and 37 ms on average with it on (it analyses a growing table only once a minute), against
 * 0.35 ms planned for the values (docs/benchmarks.md). Every other statement, Camunda's included,
 * keeps its prepared plan: with every statement planned afresh, the daily report of 100,000
 * certificates ran at 239/s against 427/s, and intake at 926/s against 1,110/s.
 */
@Component
public class FreshPlans {

  private final EntityManager entities;
  private final TransactionTemplate readOnly;

  FreshPlans(EntityManager entities, PlatformTransactionManager transactions) {
    this.entities = entities;
    this.readOnly = new TransactionTemplate(transactions);
    this.readOnly.setReadOnly(true);
  }

  /**
   * Runs {@code lookUp} (repository calls) with each statement it sends planned afresh; in the
   * caller's transaction if there is one, in a read-only one of its own otherwise.
   */
  public <T> T lookUp(Supplier<T> lookUp) {
    return readOnly.execute(tx -> entities.unwrap(Session.class)
        .doReturningWork(connection -> plannedPerCall(connection, lookUp)));
  }

  private static <T> T plannedPerCall(Connection connection, Supplier<T> lookUp)
      throws SQLException {
    if (!connection.isWrapperFor(PGConnection.class)) {
      return lookUp.get(); // H2 plans each statement itself
    }
    PGConnection postgres = connection.unwrap(PGConnection.class);
    int threshold = postgres.getPrepareThreshold();
    // 0: the driver sends the statement unnamed, and PostgreSQL plans it for the values bound
    postgres.setPrepareThreshold(0);
    try {
      return lookUp.get();
    } finally {
      postgres.setPrepareThreshold(threshold);
    }
  }
}
