package id.sertiflow.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * The run's one way of waiting for the other processes: ask again until the condition holds or
 * the time is up. The nodes and PostgreSQL live in their own processes on wall time, so there is
 * no engine clock to move; every wait is bounded and ends as soon as the condition holds.
 */
final class Poll {

  private static final Duration PAUSE = Duration.ofMillis(200);

  private Poll() {}

  /** Whether {@code condition} held within {@code timeout}. */
  static boolean until(Duration timeout, BooleanSupplier condition) throws InterruptedException {
    Instant until = Instant.now().plus(timeout);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(until)) {
        return false;
      }
      Thread.sleep(PAUSE.toMillis());
    }
    return true;
  }
}
