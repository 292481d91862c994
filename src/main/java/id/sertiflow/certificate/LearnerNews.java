package id.sertiflow.certificate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Something about a certificate that its learner should hear of without asking: published in the
 * transaction of the change that caused it, so that whatever a listener writes commits or rolls
 * back with the change. Who tells the learner, and how, is not this module's business.
 *
 * @param certificate the certificate as the change left it
 * @param occurrence what tells this occurrence from an earlier one of the same kind (the names that
 *     differ, the deadline that passed), so that {@link #key()} is the same however often the same
 *     change is replayed and different when the thing happens anew
 * @param stage the stage that is late ({@link Kind#STAGE_LATE}), else {@code null}
 * @param rejectionReason the PMO's reason ({@link Kind#PMO_REJECTED}), else {@code null}
 * @param rejectionDetail the PMO's words on it, if any
 */
public record LearnerNews(Kind kind, Certificate certificate, String occurrence, Stage stage,
    String rejectionReason, String rejectionDetail) {

  public enum Kind {
    /** the name on the training account differs from the Kartu Prakerja name: the learner acts */
    NAME_MISMATCH,
    /** the PMO turned the certificate down */
    PMO_REJECTED,
    /** a stage missed its deadline */
    STAGE_LATE,
    /** verified: on the learner's Prakerja dashboard */
    VERIFIED
  }

  /** One per certificate and occurrence: {@code NAME_MISMATCH:1f0c…}, {@code STAGE_LATE:REPORTED_TO_PMO:…}. */
  public String key() {
    return occurrence.isEmpty() ? kind.name() : kind.name() + ":" + occurrence;
  }

  public UUID certificateId() {
    return certificate.id();
  }

  static LearnerNews nameMismatch(Certificate certificate) {
    // a correction that still differs is news again; the same names checked again are not
    String names = certificate.learnerName() + "\n" + certificate.prakerjaName();
    return new LearnerNews(Kind.NAME_MISMATCH, certificate, shortDigest(names), null, null, null);
  }

  static LearnerNews pmoRejected(Certificate certificate, String reason, String detail) {
    return new LearnerNews(Kind.PMO_REJECTED, certificate,
        epochSecond(certificate.stage(Stage.VERIFIED_BY_PMO).dueAt()), null, reason, detail);
  }

  static LearnerNews stageLate(Certificate certificate, Stage stage) {
    return new LearnerNews(Kind.STAGE_LATE, certificate,
        stage.name() + ":" + epochSecond(certificate.stage(stage).dueAt()), stage, null, null);
  }

  static LearnerNews verified(Certificate certificate) {
    return new LearnerNews(Kind.VERIFIED, certificate, "", null, null, null);
  }

  private static String epochSecond(Instant at) {
    return at == null ? "-" : Long.toString(at.getEpochSecond());
  }

  private static String shortDigest(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
