package id.sertiflow.migration;

import org.camunda.bpm.engine.migration.MigrationPlanBuilder;
import org.springframework.stereotype.Component;

/**
 * Version 1 to 2 of {@code certificate-reporting}: version 2 adds "Remind learner to review and
 * rate" at the start of "Await report to platform", before the message catch. No id of version 1
 * changed, so mapping equal activities moves every wait (each stage's message catch and deadline
 * timer, open escalation and review tasks, follow-up timers, the name correction) as it is, and
 * there is nothing to add. An instance already waiting in the stage keeps waiting there; it meets
 * the reminder the next time it enters the stage (a correction, a resend, a calendar change).
 *
 * <p>No {@code updateEventTriggers()}: the messages and timers are the same, and a follow-up
 * timer's date is counted from the moment the operator decided, so evaluating the timer again at
 * migration would move it. The jobs keep their due dates.
 */
@Component
class CertificateReportingV1ToV2 implements VersionStep {

  @Override
  public String from() {
    return "1";
  }

  @Override
  public String to() {
    return "2";
  }

  @Override
  public MigrationPlanBuilder instructions(MigrationPlanBuilder plan) {
    return plan;
  }
}
