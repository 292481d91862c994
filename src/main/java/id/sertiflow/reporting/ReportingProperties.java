package id.sertiflow.reporting;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code sertiflow.reporting.*}: when the daily report runs and how it retries.
 *
 * @param cron a Camunda timer cycle in cron form, in Jakarta time (the JVM runs in Asia/Jakarta)
 * @param retryCycle a Camunda retry cycle for a failed call to a platform
 * @param chunkSize reports per request to a platform
 * @param workingDaysOnly skip runs that fall on a non-working day (off only in demo mode, where
 *     a "day" is a minute)
 */
@ConfigurationProperties(prefix = "sertiflow.reporting")
record ReportingProperties(String cron, String retryCycle, Integer chunkSize,
    Boolean workingDaysOnly) {

  ReportingProperties {
    cron = cron == null || cron.isBlank() ? "0 0 10 ? * MON-FRI" : cron;
    retryCycle = retryCycle == null || retryCycle.isBlank() ? "R5/PT10M" : retryCycle;
    chunkSize = chunkSize == null || chunkSize < 1 ? 500 : chunkSize;
    workingDaysOnly = workingDaysOnly == null || workingDaysOnly;
  }
}
