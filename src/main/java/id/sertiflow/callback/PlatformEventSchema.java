package id.sertiflow.callback;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;

/**
 * A platform event as the OpenAPI document describes it. The body is read raw, because its
 * signature covers the exact bytes; this record only tells platforms the shape.
 */
@Schema(name = "PlatformEvent", description = "One event; the body may also be an array of up to 1,000")
record PlatformEventSchema(
    @Schema(example = "tkp-evt-99812", pattern = "[A-Za-z0-9._:-]{1,128}") String eventId,
    @Schema(allowableValues = {"REPORTED_TO_PMO", "PMO_VERIFIED", "PMO_REJECTED"}) String type,
    @Schema(example = "PK7H2K9Q4M") String redemptionCode,
    OffsetDateTime occurredAt,
    @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED, example = "NAME_MISMATCH",
        description = "with PMO_REJECTED; NAME_MISMATCH sends the certificate back to the learner")
        String reason,
    @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED) String detail) {}
