package id.sertiflow.certificate;

import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * The process-wide names that Java shares with {@code processes/certificate-reporting.bpmn}:
 * process key, the messages that are not a stage's own, and variables. What belongs to one stage
 * (its wait, message, deadline variable) is in {@link Stage}. The BPMN file is the source of
 * truth; {@code ProcessModelTests} fails when these no longer match it.
 */
public final class CertificateProcess {

  public static final String KEY = "certificate-reporting";

  public static final String MESSAGE_LEARNER_NAME_CORRECTED = "LearnerNameCorrected";
  public static final String MESSAGE_PMO_REJECTED = "PmoRejected";
  public static final String MESSAGE_PLATFORM_REJECTED = "PlatformRejected";
  /**
   * The learner's personal data is to be erased: the process ends at once, whatever it waited
   * for, at {@link #END_EVENT_DATA_ERASED}.
   */
  public static final String MESSAGE_DATA_ERASURE_REQUESTED = "DataErasureRequested";
  /** "Closed: data erased", where an erasure ends a certificate in flight. */
  public static final String END_EVENT_DATA_ERASED = "EndEvent_DataErased";

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
  /** The learner's name as an operator of learner support entered it. */
  public static final String VAR_CORRECTED_NAME = "correctedName";
  /** What an operator decided on a review of a PMO's or a platform's rejection (the form's enum). */
  public static final String VAR_REJECTION_OUTCOME = "rejectionOutcome";

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
