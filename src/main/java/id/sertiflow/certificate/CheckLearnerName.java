package id.sertiflow.certificate;

import static id.sertiflow.certificate.CertificateProcess.VAR_NAMES_MATCH;

import id.sertiflow.calendar.ServiceClock;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Check learner name": a report whose names differ would bounce at the PMO, so the learner is
 * asked to fix the name first. The first check counts the report's deadline from the class
 * completion; a later one (after a correction or a resubmission) from now.
 */
@Component("checkLearnerName")
class CheckLearnerName implements JavaDelegate {

  private final CertificateProgress progress;
  private final ServiceClock clock;

  CheckLearnerName(CertificateProgress progress, ServiceClock clock) {
    this.progress = progress;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    boolean firstCheck = !execution.hasVariable(VAR_NAMES_MATCH);
    Certificate certificate = progress.certificateOf(execution);
    boolean match = LearnerNames.match(certificate.learnerName(), certificate.prakerjaName());
    execution.setVariable(VAR_NAMES_MATCH, match);
    if (match) {
      Instant since = firstCheck ? certificate.completedAt() : clock.now();
      progress.reportingOpened(execution, since, !firstCheck);
    } else {
      progress.nameMismatch(execution);
    }
  }
}
