package id.sertiflow.calendar;

import id.sertiflow.engine.EngineClock;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.springframework.stereotype.Component;

/**
 * The one clock of SertiFlow. It reads the engine's clock so that a test which moves Camunda's
 * time ({@link EngineClock}) moves deadlines, lateness and timers together.
 */
@Component
public class ServiceClock {

  public Instant now() {
    return EngineClock.now();
  }

  /** Now, written the way the API writes every timestamp: in Jakarta time. */
  public OffsetDateTime nowInJakarta() {
    return WorkingDayCalendar.inJakarta(now());
  }
}
