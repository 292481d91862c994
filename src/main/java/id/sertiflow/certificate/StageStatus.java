package id.sertiflow.certificate;

public enum StageStatus {
  PENDING,
  IN_PROGRESS,
  DONE,
  FAILED
}
