package id.sertiflow.reporting;

import id.sertiflow.calendar.WorkingDayCalendar;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;

/**
 * What {@code platform-daily-report.bpmn} reads as {@code ${reportingSchedule.cron}} and {@code
 * .retryCycle}; and, for the operators' alert on a daily report that did not run, when the last
 * run was due and when the last one ran.
 */
@Component("reportingSchedule")
public class ReportingSchedule {

  /** How far back the last due run is looked for: past any weekend and holiday run of days. */
  static final Duration LOOK_BACK = Duration.ofDays(10);

  private final ReportingProperties properties;
  private final WorkingDayCalendar calendar;
  private final JdbcTemplate jdbc;

  ReportingSchedule(ReportingProperties properties, WorkingDayCalendar calendar, JdbcTemplate jdbc) {
    this.properties = properties;
    this.calendar = calendar;
    this.jdbc = jdbc;
  }

  public String getCron() {
    return properties.cron();
  }

  public String getRetryCycle() {
    return properties.retryCycle();
  }

  /**
   * The latest minute at or before {@code now} at which the schedule runs a report (a working day,
   * unless {@code working-days-only} is off); empty when none fell in the last ten
   * days ({@link #LOOK_BACK}). The cron is read as Camunda reads it, with day names (MON-FRI) or
   * {@code *}; a numbered day of week would mean another day to Spring's reader.
   */
  public Optional<Instant> lastDueAtOrBefore(Instant now) {
    CronExpression cron;
    try {
      cron = CronExpression.parse(properties.cron());
    } catch (IllegalArgumentException unreadable) {
      return Optional.empty();
    }
    ZonedDateTime until = now.atZone(WorkingDayCalendar.JAKARTA);
    ZonedDateTime next = cron.next(until.minus(LOOK_BACK));
    ZonedDateTime last = null;
    while (next != null && !next.isAfter(until)) {
      if (!properties.workingDaysOnly() || calendar.isWorkingDay(next.toLocalDate())) {
        last = next;
      }
      next = cron.next(next);
    }
    return Optional.ofNullable(last).map(ZonedDateTime::toInstant);
  }

  /** When the latest report run started (scheduled or requested), if any ever did. */
  public Optional<Instant> lastRunStartedAt() {
    Timestamp at = jdbc.queryForObject("select max(started_at) from report_run", Timestamp.class);
    return Optional.ofNullable(at).map(Timestamp::toInstant);
  }
}
