package id.sertiflow.reporting;

import id.sertiflow.engine.RunningCommand;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Request report run": an operator chose to resend an overdue report now. A run of the daily
 * report starts at once, in the operator's transaction, and takes every certificate still
 * waiting for its report, this one included, as a scheduled run would; its sends are jobs of
 * their own. It claims the current minute like any run, so a scheduled run of the same minute
 * (which takes this certificate too) makes it end at once.
 */
@Component("requestReportRun")
class RequestReportRun implements JavaDelegate {

  private final RuntimeService runtime;

  RequestReportRun(RuntimeService runtime) {
    this.runtime = runtime;
  }

  @Override
  public void execute(DelegateExecution execution) {
    // the operator may work the task; starting the run is SertiFlow's part, not a right of theirs
    // under Camunda authorization
    RunningCommand.withoutAuthorization(
        () -> runtime.startProcessInstanceByMessage(ReportProcess.MESSAGE_REPORT_REQUESTED));
  }
}
