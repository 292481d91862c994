package id.sertiflow;

import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;

/** The daily report's jobs, run by a test as the job executor would run them. */
public final class ReportJobs {

  /** The report process's key (reporting.ReportProcess.KEY). */
  public static final String DAILY_REPORT = "platform-daily-report";

  private ReportJobs() {}

  /** Runs every report job that is due now; failures count down retries, as the executor's do. */
  public static void drain(ManagementService management) {
    for (int round = 0; round < 100; round++) {
      List<Job> due = management.createJobQuery().processDefinitionKey(DAILY_REPORT)
          .messages().executable().list();
      if (due.isEmpty()) {
        return;
      }
      for (Job job : due) {
        try {
          management.executeJob(job.getId());
        } catch (RuntimeException failed) {
          // the engine has recorded the failure and rescheduled the job by the retry cycle
        }
      }
    }
    throw new AssertionError("report jobs did not settle");
  }
}
