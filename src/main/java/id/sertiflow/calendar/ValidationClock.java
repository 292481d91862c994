package id.sertiflow.calendar;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.springframework.boot.autoconfigure.validation.ValidationConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Bean Validation's "now" ({@code @PastOrPresent} on a request) is the service clock's, so that a
 * test which moves the clock moves it too, plus the allowance API.md gives a client whose clock
 * runs ahead: a completion may be up to five minutes "in the future". No request has a
 * {@code @Future}, which the allowance would shorten.
 */
@Configuration(proxyBeanMethods = false)
class ValidationClock {

  static final Duration CLIENT_CLOCK_AHEAD = Duration.ofMinutes(5);

  @Bean
  ValidationConfigurationCustomizer serviceClockForValidation(ServiceClock clock) {
    // the allowance as a clock that far ahead: Hibernate Validator 8's own temporal tolerance is
    // not applied to java.time values
    // in Jakarta time: OffsetDateTime compares the same instant at another offset as later, so the
    // last allowed moment, written as the service writes times, must count as allowed
    Clock latestAllowed = Clock.offset(new ServiceTime(clock, WorkingDayCalendar.JAKARTA),
        CLIENT_CLOCK_AHEAD);
    return configuration -> configuration.clockProvider(() -> latestAllowed);
  }

  /** The service clock as a {@link Clock}, read at every use. */
  private static final class ServiceTime extends Clock {
    private final ServiceClock clock;
    private final ZoneId zone;

    ServiceTime(ServiceClock clock, ZoneId zone) {
      this.clock = clock;
      this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
      return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
      return new ServiceTime(clock, other);
    }

    @Override
    public Instant instant() {
      return clock.now();
    }
  }
}
