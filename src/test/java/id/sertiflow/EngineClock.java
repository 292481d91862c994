package id.sertiflow;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The engine's clock ({@link ClockUtil}) for a test class, registered on a field:
 *
 * <pre>
 * &#64;RegisterExtension final EngineClock clock = EngineClock.at(wib("2026-11-27T15:31:00"));
 * </pre>
 *
 * <p>SertiFlow's {@code ServiceClock} reads the engine's clock, so moving it moves deadlines,
 * lateness, due timers and the time of signed callbacks together. Each test starts at the time the
 * class names (or on real time, {@link #realTime()}), and the clock is on real time again after
 * each test whatever the test did: the clock is one for the whole JVM, and a time left set would
 * be the next class's surprise.
 */
public final class EngineClock implements BeforeEachCallback, AfterEachCallback {

  /** Where each test starts; null for real time. */
  private final Instant start;

  private EngineClock(Instant start) {
    this.start = start;
  }

  /** Each test starts at {@code start}, the clock standing still there until it is moved. */
  public static EngineClock at(OffsetDateTime start) {
    return new EngineClock(start.toInstant());
  }

  /** Each test starts on real time, and may set the clock itself. */
  public static EngineClock realTime() {
    return new EngineClock(null);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    ClockUtil.reset();
    if (start != null) {
      set(start);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    ClockUtil.reset();
  }

  /** The engine's time is {@code now} until it is moved again. */
  public void set(OffsetDateTime now) {
    set(now.toInstant());
  }

  public void set(Instant now) {
    ClockUtil.setCurrentTime(Date.from(now));
  }

  /** Moves the engine's time on by {@code duration} from where it stands. */
  public void advance(Duration duration) {
    set(now().plus(duration));
  }

  /** The engine's time now. */
  public Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  /** Back on real time within a test (after each test it is in any case). */
  public void reset() {
    ClockUtil.reset();
  }
}
