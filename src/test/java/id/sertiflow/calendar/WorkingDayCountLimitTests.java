package id.sertiflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The longest count of working days the calendar takes, on a calendar of weekends and the
 * fixed-date national holidays alone: no database, no Spring.
 */
class WorkingDayCountLimitTests {

  /** A holiday table with nothing stored in it. */
  static final class NothingStored extends CalendarTable {
    NothingStored() {
      super(new JdbcTemplate());
    }

    @Override
    Set<LocalDate> holidayDatesBetween(LocalDate first, LocalDate last) {
      return Set.of();
    }

    @Override
    boolean hasHoliday(LocalDate date) {
      return false;
    }
  }

  /** A refusal comes at once; before the limit, a count of 2^31 - 1 never came back. */
  static final Duration AT_ONCE = Duration.ofSeconds(5);

  final WorkingDayCalendar calendar = new WorkingDayCalendar(new NothingStored());
  final Instant tuesdayMorning =
      LocalDateTime.parse("2026-12-01T09:00").atZone(WorkingDayCalendar.JAKARTA).toInstant();

  @Test
  void countsTheLongestCountItTakes() {
    Instant due = assertTimeoutPreemptively(AT_ONCE,
        () -> calendar.addWorkingDays(tuesdayMorning, WorkingDayCalendar.MAX_WORKING_DAYS));
    assertThat(LocalDateTime.ofInstant(due, WorkingDayCalendar.JAKARTA).toLocalTime())
        .hasToString("09:00");
    // about fourteen years of weekdays when no holiday but the fixed-date ones is stored
    assertThat(LocalDateTime.ofInstant(due, WorkingDayCalendar.JAKARTA).getYear()).isEqualTo(2041);
    assertThat(calendar.workingDaysBetween(tuesdayMorning, due))
        .isEqualTo(WorkingDayCalendar.MAX_WORKING_DAYS);
  }

  @Test
  void refusesACountAboveTheLimitAtOnce() {
    for (int workingDays : new int[] {WorkingDayCalendar.MAX_WORKING_DAYS + 1, Integer.MAX_VALUE}) {
      assertTimeoutPreemptively(AT_ONCE, () -> assertThatThrownBy(
          () -> calendar.addWorkingDays(tuesdayMorning, workingDays))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("from 0 to " + WorkingDayCalendar.MAX_WORKING_DAYS));
    }
  }

  @Test
  void refusesANegativeCount() {
    assertThatThrownBy(() -> calendar.addWorkingDays(tuesdayMorning, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
