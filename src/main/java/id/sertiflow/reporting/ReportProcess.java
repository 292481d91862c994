package id.sertiflow.reporting;

/** The names Java shares with {@code processes/platform-daily-report.bpmn}. */
final class ReportProcess {

  static final String KEY = "platform-daily-report";
  /** Starts a run now, outside the schedule: an operator asked for a report to be sent again. */
  static final String MESSAGE_REPORT_REQUESTED = "ReportRequested";
  static final String VAR_REPORT_TODAY = "reportToday";
  static final String VAR_PLATFORMS = "platforms";
  static final String VAR_PLATFORM = "platform";
  static final String VAR_CHUNK_IDS = "chunkIds";
  static final String VAR_CHUNK_ID = "chunkId";
  static final String VAR_RUN_SLOT = "runSlot";

  private ReportProcess() {}
}
