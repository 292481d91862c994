package id.sertiflow.reporting;

import id.sertiflow.calendar.ServiceClock;
import id.sertiflow.calendar.WorkingDayCalendar;
import id.sertiflow.engine.RunningCommand;
import id.sertiflow.platform.Platform;
import id.sertiflow.platform.PlatformProperties;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * "Open report run": one run per scheduled minute, whatever the number of nodes or timers. The
 * run's slot is claimed in {@code report_run}; a second claim of the same slot finds it taken
 * (or, racing, fails on the primary key and is retried into finding it taken).
 */
@Component("openReportRun")
class OpenReportRun implements JavaDelegate {

  private static final Logger log = LoggerFactory.getLogger(OpenReportRun.class);
  static final DateTimeFormatter SLOT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

  private final JdbcTemplate jdbc;
  private final WorkingDayCalendar calendar;
  private final ServiceClock clock;
  private final ReportingProperties properties;
  private final PlatformProperties platforms;

  OpenReportRun(JdbcTemplate jdbc, WorkingDayCalendar calendar, ServiceClock clock,
      ReportingProperties properties, PlatformProperties platforms) {
    this.jdbc = jdbc;
    this.calendar = calendar;
    this.clock = clock;
    this.properties = properties;
    this.platforms = platforms;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ZonedDateTime slot = scheduledTime().atZone(WorkingDayCalendar.JAKARTA).truncatedTo(ChronoUnit.MINUTES);
    String slotKey = SLOT.format(slot);
    execution.setVariable(ReportProcess.VAR_RUN_SLOT, slotKey);
    boolean reportToday;
    if (properties.workingDaysOnly() && !calendar.isWorkingDay(slot.toLocalDate())) {
      log.info("Daily report {} skipped: {} is not a working day", slotKey, slot.toLocalDate());
      reportToday = false;
    } else {
      reportToday = jdbc.update("insert into report_run (slot, started_at) select cast(? as varchar(16)), cast(? as timestamp with time zone)"
          + " where not exists (select 1 from report_run where slot = ?)",
          slotKey, java.sql.Timestamp.from(clock.now()), slotKey) == 1;
      if (!reportToday) {
        log.info("Daily report {} already ran; this start ends here", slotKey);
      }
    }
    execution.setVariable(ReportProcess.VAR_REPORT_TODAY, reportToday);
    execution.setVariable(ReportProcess.VAR_PLATFORMS, new ArrayList<>(Arrays.stream(Platform.values())
        .filter(p -> platforms.of(p).map(s -> s.baseUrl() != null && !s.baseUrl().isBlank()).orElse(false))
        .map(Platform::name).toList()));
  }

  /** When the timer was due, so that two timers of one schedule claim the same slot. */
  private Instant scheduledTime() {
    return RunningCommand.jobDueDate().orElseGet(clock::now);
  }
}
