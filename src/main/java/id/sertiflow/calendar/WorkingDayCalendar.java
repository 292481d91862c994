package id.sertiflow.calendar;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.springframework.stereotype.Component;

/**
 * The one place that knows what an Indonesian working day is and how deadlines count them.
 * STUB: weekends only; holidays come with the calendar feature.
 */
@Component
public class WorkingDayCalendar {

  public static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");

  public static OffsetDateTime inJakarta(Instant instant) {
    return instant == null ? null : instant.atZone(JAKARTA).toOffsetDateTime();
  }

  public boolean isWorkingDay(LocalDate date) {
    return date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY;
  }

  /** {@code workingDays} working days after {@code from}, as DESIGN.md defines it. */
  public Instant addWorkingDays(Instant from, int workingDays) {
    ZonedDateTime t = from.atZone(JAKARTA);
    if (!isWorkingDay(t.toLocalDate())) {
      LocalDate d = t.toLocalDate().plusDays(1);
      while (!isWorkingDay(d)) {
        d = d.plusDays(1);
      }
      t = d.atStartOfDay(JAKARTA);
    }
    LocalDate d = t.toLocalDate();
    for (int i = 0; i < workingDays; i++) {
      d = d.plusDays(1);
      while (!isWorkingDay(d)) {
        d = d.plusDays(1);
      }
    }
    return d.atTime(t.toLocalTime()).atZone(JAKARTA).toInstant();
  }
}
