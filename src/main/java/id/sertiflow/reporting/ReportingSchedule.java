package id.sertiflow.reporting;

import org.springframework.stereotype.Component;

/** What {@code platform-daily-report.bpmn} reads as {@code ${reportingSchedule.cron}} and {@code .retryCycle}. */
@Component("reportingSchedule")
public class ReportingSchedule {

  private final ReportingProperties properties;

  ReportingSchedule(ReportingProperties properties) {
    this.properties = properties;
  }

  public String getCron() {
    return properties.cron();
  }

  public String getRetryCycle() {
    return properties.retryCycle();
  }
}
