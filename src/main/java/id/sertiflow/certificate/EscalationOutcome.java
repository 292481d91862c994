package id.sertiflow.certificate;

/**
 * What an operator can decide on an escalation task in Tasklist; the values of the tasks' forms
 * ({@code escalationOutcome}) and of the {@code escalation_outcome} record.
 */
public enum EscalationOutcome {
  /** The operator contacted whoever is late; the task opens again after the follow-up if still late. */
  WAIT,
  /** The report goes to the platform again: at once (platform report) or with the next run (later stages). */
  RESEND,
  /** Learner support entered the name the learner gave them; the names are checked again. */
  CORRECT_NAME,
  /** Nothing more can be done: the certificate ends, REJECTED, its stage FAILED. */
  CLOSE
}
