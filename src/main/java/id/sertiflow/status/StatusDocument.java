package id.sertiflow.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import id.sertiflow.certificate.ActionReason;
import id.sertiflow.certificate.CertificateState;
import id.sertiflow.certificate.Stage;
import id.sertiflow.certificate.StageStatus;
import id.sertiflow.platform.Platform;
import java.time.OffsetDateTime;
import java.util.List;

/** The status document of API.md: where a certificate is and by when it is due. */
public record StatusDocument(
    String certificateId,
    String certificateNumber,
    String redemptionCode,
    Platform platform,
    Course course,
    Learner learner,
    CertificateState state,
    @JsonInclude(JsonInclude.Include.NON_NULL) Stage currentStage,
    boolean late,
    OffsetDateTime expectedOnDashboardBy,
    List<StageView> stages,
    @JsonInclude(JsonInclude.Include.ALWAYS) ActionRequired actionRequired,
    Message message,
    boolean reviewSubmitted,
    OffsetDateTime updatedAt) {

  public record Course(String id, String title) {}

  /** {@code id} is left out where the learner looks the certificate up alone. */
  public record Learner(@JsonInclude(JsonInclude.Include.NON_NULL) String id, String name) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record StageView(Stage stage, StageStatus status, OffsetDateTime completedAt,
      OffsetDateTime dueAt, Boolean late, Boolean atRisk) {}

  public record ActionRequired(ActionReason reason, Message message) {}

  /** One sentence for the learner, in Bahasa Indonesia and in English. */
  public record Message(String id, String en) {}

  StatusDocument withoutLearnerId() {
    return new StatusDocument(certificateId, certificateNumber, redemptionCode, platform, course,
        new Learner(null, learner.name()), state, currentStage, late, expectedOnDashboardBy,
        stages, actionRequired, message, reviewSubmitted, updatedAt);
  }
}
