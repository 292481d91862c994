package id.sertiflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import id.sertiflow.SertiflowTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A job shared by the nodes runs on one of them at a time: while this node holds a job's lock,
 * a second node asking for it is refused, and once it is let go the second node gets it.
 */
@SertiflowTest
class SharedSchedulesTests {

  @Autowired LockProvider thisNode;
  @Autowired DataSource dataSource;

  @Test
  void aSecondNodeIsRefusedWhileTheFirstHoldsTheJobAndGetsItAfterwards() {
    LockProvider otherNode = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration
        .builder().withJdbcTemplate(new JdbcTemplate(dataSource)).usingDbTime()
        .withLockedByValue("the other node").build());
    LockConfiguration job = new LockConfiguration(Instant.now(), "shared-schedules-test",
        Duration.ofMinutes(5), Duration.ZERO);

    Optional<SimpleLock> held = thisNode.lock(job);
    assertThat(held).as("the first node takes the job").isPresent();
    assertThat(otherNode.lock(job)).as("the other node, while the first holds it").isEmpty();

    held.get().unlock();
    Optional<SimpleLock> taken = otherNode.lock(job);
    assertThat(taken).as("the other node, once the first let go").isPresent();
    taken.get().unlock();
  }
}
