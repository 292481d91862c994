package id.sertiflow.calendar;

import java.util.List;
import java.util.SortedSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Says, at {@code /actuator/health} (component {@code calendar}) and once in the log at start-up,
 * which of this year and next have no decree loaded. Deadlines there still count weekends and the
 * fixed-date national holidays, but not the lunar holidays and collective leave the decree would
 * add. The service stays up: a provisional year is a chore for an operator, not an outage.
 */
@Component
class CalendarHealthIndicator implements HealthIndicator {

  private static final Logger log = LoggerFactory.getLogger(CalendarHealthIndicator.class);

  private final WorkingDayCalendar calendar;
  private final ServiceClock clock;

  CalendarHealthIndicator(WorkingDayCalendar calendar, ServiceClock clock) {
    this.calendar = calendar;
    this.clock = clock;
  }

  @Override
  public Health health() {
    int thisYear = clock.nowInJakarta().getYear();
    SortedSet<Integer> provisional = calendar.provisionalYears(thisYear, thisYear + 1);
    Health.Builder health = Health.up()
        .withDetail("checkedYears", List.of(thisYear, thisYear + 1))
        .withDetail("provisionalYears", provisional);
    if (!provisional.isEmpty()) {
      health.withDetail("warning", warning(provisional));
    }
    return health.build();
  }

  @EventListener(ApplicationReadyEvent.class)
  void warnAboutProvisionalYears() {
    int thisYear = clock.nowInJakarta().getYear();
    SortedSet<Integer> provisional = calendar.provisionalYears(thisYear, thisYear + 1);
    if (!provisional.isEmpty()) {
      log.warn(warning(provisional));
    }
  }

  private static String warning(SortedSet<Integer> provisional) {
    return "No holiday decree is loaded for " + provisional + ": working days there skip only"
        + " weekends and the fixed-date national holidays, so deadlines reaching into it may move."
        + " Enter the decree's dates (PUT /api/v1/calendar/holidays/{date}), then record it"
        + " (PUT /api/v1/calendar/years/{year}).";
  }
}
