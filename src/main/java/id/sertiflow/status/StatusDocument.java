package id.sertiflow.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import id.sertiflow.certificate.ActionReason;
import id.sertiflow.certificate.CertificateState;
import id.sertiflow.certificate.Stage;
import id.sertiflow.certificate.StageStatus;
import id.sertiflow.platform.Platform;
import io.swagger.v3.oas.annotations.media.Schema;
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

  /**
   * One stage. Beside API.md's fields: {@code label}, what the learner calls it (the platform
   * named); {@code workingDays}, its SLA after the stage before; {@code lateWorkingDays}, on a late
   * stage, whole working days past {@code dueAt}, counted as deadlines are.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record StageView(
      Stage stage,
      @Schema(description = "what the learner calls the stage, in Bahasa Indonesia and English")
      Message label,
      StageStatus status,
      OffsetDateTime completedAt,
      OffsetDateTime dueAt,
      @Schema(description = "the stage's deadline: working days after the stage before it finished")
      int workingDays,
      Boolean late,
      @Schema(description = "on a late stage: whole working days past dueAt (0 while less than one)")
      Integer lateWorkingDays,
      Boolean atRisk) {}

  public record ActionRequired(ActionReason reason, Message message) {}

  /** One sentence for the learner, in Bahasa Indonesia and in English. */
  public record Message(String id, String en) {}

  StatusDocument withoutLearnerId() {
    return new StatusDocument(certificateId, certificateNumber, redemptionCode, platform, course,
        new Learner(null, learner.name()), state, currentStage, late, expectedOnDashboardBy,
        stages, actionRequired, message, reviewSubmitted, updatedAt);
  }
}
