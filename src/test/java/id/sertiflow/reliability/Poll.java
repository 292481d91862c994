package id.sertiflow.reliability;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The run's one way of waiting for the other processes: ask again until the condition holds or
 * the time is up. The nodes and PostgreSQL live in their own processes on wall time, so there is
 * no engine clock to move; every wait is bounded and ends as soon as the condition holds.
 * Awaitility (with spring-boot-starter-test) does the asking: first at once, then every 200 ms,
 * on the calling thread, and what the condition throws reaches the caller.
 */
final class Poll {

  private static final Duration PAUSE = Duration.ofMillis(200);

  private Poll() {}

  /** Whether {@code condition} held within {@code timeout}. */
  static boolean until(Duration timeout, BooleanSupplier condition) {
    try {
      Awaitility.await()
          .atMost(timeout)
          .pollDelay(Duration.ZERO)
          .pollInterval(PAUSE)
          .pollInSameThread()
          .until(condition::getAsBoolean);
      return true;
    } catch (ConditionTimeoutException timedOut) {
      return false;
    }
  }
}
