package id.sertiflow.certificate;

public enum StageStatus {
  PENDING,
  IN_PROGRESS,
  DONE,
  FAILED,
  /** the stage the certificate waited in when its learner's data was erased; it never finishes */
  ERASED
}
