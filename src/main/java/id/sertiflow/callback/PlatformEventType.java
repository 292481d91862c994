package id.sertiflow.callback;

import id.sertiflow.certificate.Stage;

/** What a digital platform tells us, and the stage each event completes. */
enum PlatformEventType {
  REPORTED_TO_PMO(Stage.REPORTED_TO_PMO),
  PMO_VERIFIED(Stage.VERIFIED_BY_PMO),
  /** ends the verification stage too, but as a failure */
  PMO_REJECTED(Stage.VERIFIED_BY_PMO);

  final Stage stage;

  PlatformEventType(Stage stage) {
    this.stage = stage;
  }
}
