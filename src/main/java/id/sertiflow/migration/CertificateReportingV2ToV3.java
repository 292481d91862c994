package id.sertiflow.migration;

import org.camunda.bpm.engine.migration.MigrationPlanBuilder;
import org.springframework.stereotype.Component;

/**
 * Version 2 to 3 of {@code certificate-reporting}: version 3 counts the read-only fields of the
 * escalation and review forms when the form is shown (their default values) instead of storing
 * them as variables of the escalation's scope when the task opens. No id changed, so mapping equal
 * activities moves every wait as it is. An open task keeps the fields version 2 stored and shows
 * them until its next assignment, when they are counted afresh and no longer stored.
 *
 * <p>No {@code updateEventTriggers()}, for the reasons of {@link CertificateReportingV1ToV2}.
 */
@Component
class CertificateReportingV2ToV3 implements VersionStep {

  @Override
  public String from() {
    return "2";
  }

  @Override
  public String to() {
    return "3";
  }

  @Override
  public MigrationPlanBuilder instructions(MigrationPlanBuilder plan) {
    return plan;
  }
}
