package id.sertiflow.intake;

import id.sertiflow.api.NoControlCharacters;
import id.sertiflow.certificate.Certificate.Completion;
import id.sertiflow.certificate.LearnerName;
import id.sertiflow.platform.Platform;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.Locale;

/**
 * A finished class as the learning platform sends it (API.md, "Intake"), one item of a batch or a
 * CSV row alike. Read and checked by api.TypedInput; what the OpenAPI document shows of it is these
 * same annotations.
 *
 * @param redemptionCode upper-cased, and spaces or tabs around it dropped, before it is checked
 * @param completedAt no later than now by the service clock, with the five minutes a client's clock
 *     may run ahead (calendar.ValidationClock)
 * @param reviewSubmitted false when absent
 */
@Schema(name = "Completion", description = "A learner finished a class")
record CompletionRequest(
    @Schema(example = "lms-7f3a91")
    @NotBlank @Size(max = 64) @NoControlCharacters
    @Pattern(regexp = "[A-Za-z0-9._:-]{1,64}",
        message = "must be 1 to 64 characters of A-Z, a-z, 0-9, '.', '_', ':' or '-'")
    String completionId,

    @Schema(example = "PK7H2K9Q4M", description = "upper-cased by the service")
    @NotBlank @NoControlCharacters
    @Pattern(regexp = "[A-Z0-9]{6,32}", message = "must be 6 to 32 letters A-Z or digits")
    String redemptionCode,

    @NotNull Platform platform,

    @NotNull @Valid Learner learner,

    @Schema(example = "BUDI SANTOSO", description = "the name on the Kartu Prakerja account",
        requiredMode = Schema.RequiredMode.REQUIRED)
    @LearnerName String prakerjaName,

    @NotNull @Valid Course course,

    @NotNull
    @Min(value = 0, message = "must be a whole number from 0 to 100")
    @Max(value = 100, message = "must be a whole number from 0 to 100")
    Integer progressPercent,

    @NotNull Boolean examPassed,

    @Schema(example = "SA-2026-000123")
    @NotBlank @Size(max = 64) @NoControlCharacters String certificateNumber,

    @Schema(example = "2026-11-27T15:30:00+07:00")
    @NotNull @PastOrPresent(message = "must not be in the future") OffsetDateTime completedAt,

    @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED, defaultValue = "false")
    boolean reviewSubmitted) {

  // deliberately plain: one @, a dot in the domain, no spaces; the LMS has verified the address
  static final String EMAIL = "[^@\\s\\p{Cntrl}]{1,64}@[^@\\s\\p{Cntrl}]+\\.[^@\\s\\p{Cntrl}.]+";

  CompletionRequest {
    if (redemptionCode != null) {
      // not trim(): a control character at either end must still be found
      redemptionCode = redemptionCode.replaceAll("^[ \\t]+|[ \\t]+$", "").toUpperCase(Locale.ROOT);
    }
  }

  record Learner(
      @Schema(example = "u-1029") @NotBlank @Size(max = 128) @NoControlCharacters String id,
      @Schema(example = "Budi Santoso", requiredMode = Schema.RequiredMode.REQUIRED) @LearnerName String name,
      @Schema(example = "budi@example.com", format = "email")
      @NotBlank @Size(max = 254) @NoControlCharacters
      @Pattern(regexp = EMAIL, message = "must be an e-mail address") String email) {}

  record Course(
      @Schema(example = "c-77") @NotBlank @Size(max = 128) @NoControlCharacters String id,
      @Schema(example = "Digital Marketing untuk UMKM")
      @NotBlank @Size(max = 300) @NoControlCharacters String title) {}

  /** Eligible for a certificate: the class finished to 100% and the exam passed. */
  boolean eligible() {
    return progressPercent == 100 && examPassed;
  }

  /** What the certificate keeps of it. */
  Completion completion() {
    return new Completion(completionId, redemptionCode, certificateNumber, platform, learner.id(),
        learner.name(), learner.email(), prakerjaName, course.id(), course.title(),
        completedAt.toInstant(), reviewSubmitted);
  }
}
