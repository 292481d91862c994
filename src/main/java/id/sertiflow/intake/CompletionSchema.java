package id.sertiflow.intake;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;

/**
 * The completion of API.md as the OpenAPI document describes it. Requests are read field by
 * field ({@link CompletionReader}) so that every bad field is named at once; this record only
 * tells clients the shape.
 */
@Schema(name = "Completion", description = "A learner finished a class")
record CompletionSchema(
    @Schema(example = "lms-7f3a91", pattern = "[A-Za-z0-9._:-]{1,64}") String completionId,
    @Schema(example = "PK7H2K9Q4M", pattern = "[A-Z0-9]{6,32}",
        description = "upper-cased by the service") String redemptionCode,
    @Schema(allowableValues = {"BUKALAPAK", "PINTARIA", "TOKOPEDIA", "PIJAR_MAHIR", "KARIERMU"})
        String platform,
    Learner learner,
    @Schema(example = "BUDI SANTOSO", description = "the name on the Kartu Prakerja account")
        String prakerjaName,
    Course course,
    @Schema(minimum = "0", maximum = "100") int progressPercent,
    boolean examPassed,
    @Schema(example = "SA-2026-000123") String certificateNumber,
    @Schema(description = "no later than now + 5 minutes") OffsetDateTime completedAt,
    @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED, defaultValue = "false") boolean reviewSubmitted) {

  record Learner(@Schema(example = "u-1029") String id, @Schema(example = "Budi Santoso") String name,
      @Schema(example = "budi@example.com") String email) {}

  record Course(@Schema(example = "c-77") String id,
      @Schema(example = "Digital Marketing untuk UMKM") String title) {}
}
