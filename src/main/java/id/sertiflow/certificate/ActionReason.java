package id.sertiflow.certificate;

/** Why a certificate needs someone to act before it can go on. */
public enum ActionReason {
  NAME_MISMATCH,
  PLATFORM_REJECTED,
  PMO_REJECTED
}
