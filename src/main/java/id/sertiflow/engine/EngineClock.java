package id.sertiflow.engine;

import java.time.Instant;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The engine's clock, which its timers and due dates read. SertiFlow's own clock
 * ({@code calendar.ServiceClock}) reads this one, so that a test which moves Camunda's time moves
 * deadlines, lateness and timers together.
 *
 * <p>In {@code engine}: {@code ClockUtil} is Camunda's internal type, and no public API reads the
 * engine's current time.
 */
public final class EngineClock {

  public static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  private EngineClock() {}
}
