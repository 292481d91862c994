package id.sertiflow.certificate;

import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * The names that Java shares with {@code processes/certificate-reporting.bpmn}: process key,
 * messages and variables. The BPMN file is the source of truth; these must match it.
 */
public final class CertificateProcess {

  public static final String KEY = "certificate-reporting";

  public static final String MESSAGE_LEARNER_NAME_CORRECTED = "LearnerNameCorrected";
  public static final String MESSAGE_REPORTED_TO_PLATFORM = "ReportedToPlatform";
  public static final String MESSAGE_REPORTED_TO_PMO = "ReportedToPmo";
  public static final String MESSAGE_PMO_VERIFIED = "PmoVerified";
  public static final String MESSAGE_PMO_REJECTED = "PmoRejected";
  public static final String MESSAGE_PLATFORM_REJECTED = "PlatformRejected";

  /** The read model's id of the certificate, set at start. */
  public static final String VAR_CERTIFICATE_ID = "certificateId";
  public static final String VAR_NAMES_MATCH = "namesMatch";
  /**
   * When the event that completes a stage happened, passed with its message as {@link
   * #eventOccurredAt}: read once by the stage's end listener, never stored.
   */
  public static final String VAR_EVENT_OCCURRED_AT = "eventOccurredAt";
  public static final String VAR_PMO_REJECTION_REASON = "pmoRejectionReason";
  public static final String VAR_PMO_REJECTION_DETAIL = "pmoRejectionDetail";
  public static final String VAR_PLATFORM_REJECTION_REASON = "platformRejectionReason";
  public static final String VAR_NAME_CORRECTION_DUE_AT = "nameCorrectionDueAt";

  /** What an operator decided on an escalation task (the form's enum): see {@link EscalationOutcome}. */
  public static final String VAR_ESCALATION_OUTCOME = "escalationOutcome";
  /** After how many working days a kept-waiting escalation opens again (the form's field). */
  public static final String VAR_FOLLOW_UP_WORKING_DAYS = "followUpWorkingDays";
  /** When a kept-waiting escalation opens again; its follow-up timer reads it. */
  public static final String VAR_FOLLOW_UP_DUE_AT = "followUpDueAt";
  /** The learner's name as an operator of learner support entered it. */
  public static final String VAR_CORRECTED_NAME = "correctedName";
  /** What an operator decided on a review of a PMO's or a platform's rejection (the form's enum). */
  public static final String VAR_REJECTION_OUTCOME = "rejectionOutcome";

  /** The variable each waiting stage's escalation timer reads its deadline from. */
  public static final Map<Stage, String> DUE_AT_VARIABLES = Map.of(
      Stage.REPORTED_TO_PLATFORM, "reportToPlatformDueAt",
      Stage.REPORTED_TO_PMO, "reportToPmoDueAt",
      Stage.VERIFIED_BY_PMO, "pmoVerificationDueAt");

  /** The sub-process in which each stage waits, with its escalation timer. */
  public static final Map<Stage, String> STAGE_SCOPES = Map.of(
      Stage.REPORTED_TO_PLATFORM, "SubProcess_AwaitReportToPlatform",
      Stage.REPORTED_TO_PMO, "SubProcess_AwaitReportToPmo",
      Stage.VERIFIED_BY_PMO, "SubProcess_AwaitPmoVerification");

  /** The message that completes each stage. */
  public static final Map<Stage, String> STAGE_MESSAGES = Map.of(
      Stage.REPORTED_TO_PLATFORM, MESSAGE_REPORTED_TO_PLATFORM,
      Stage.REPORTED_TO_PMO, MESSAGE_REPORTED_TO_PMO,
      Stage.VERIFIED_BY_PMO, MESSAGE_PMO_VERIFIED);

  /** How long a learner has to correct the name before learner support steps in. */
  public static final int NAME_CORRECTION_WORKING_DAYS = 3;

  /**
   * The value of {@link #VAR_EVENT_OCCURRED_AT} for a message: transient, so that it lives only
   * while the message is correlated. Stored, it was an insert and a delete in every stage change.
   */
  public static TypedValue eventOccurredAt(Instant at) {
    return Variables.dateValue(Date.from(at), true);
  }

  private CertificateProcess() {}
}
