package id.sertiflow.certificate;

/** Where a certificate stands as a whole, as the status API says it. */
public enum CertificateState {
  IN_PROGRESS,
  /** someone must act: the learner (name mismatch) or an operator (rejected report) */
  ACTION_REQUIRED,
  /** on the learner's Prakerja dashboard */
  VERIFIED,
  /** closed without verification */
  REJECTED,
  /** closed in flight because the learner's personal data was erased ("Closed: data erased") */
  ERASED
}
