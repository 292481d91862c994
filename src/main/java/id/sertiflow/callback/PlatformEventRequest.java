package id.sertiflow.callback;

import id.sertiflow.api.NoControlCharacters;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.Locale;

/**
 * One platform event as a digital platform sends it (API.md, "Digital platform callbacks"), alone
 * or in an array. Read and checked by api.TypedInput from the signed bytes; what the OpenAPI
 * document shows of it is these same annotations.
 *
 * @param redemptionCode upper-cased, and spaces or tabs around it dropped
 * @param reason with PMO_REJECTED; NAME_MISMATCH sends the certificate back to the learner
 * @param detail free text: may break lines
 */
@Schema(name = "PlatformEvent", description = "One event; the body may also be an array of up to 1,000")
record PlatformEventRequest(
    @Schema(example = "tkp-evt-99812")
    @NotBlank @Size(max = 128) @NoControlCharacters
    @Pattern(regexp = "[A-Za-z0-9._:-]{1,128}",
        message = "must be 1 to 128 characters of A-Z, a-z, 0-9, '.', '_', ':' or '-'")
    String eventId,

    @NotNull PlatformEventType type,

    @Schema(example = "PK7H2K9Q4M")
    @NotBlank @Size(max = 32) @NoControlCharacters String redemptionCode,

    @Schema(example = "2026-11-30T09:12:00+07:00") @NotNull OffsetDateTime occurredAt,

    @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED, example = "NAME_MISMATCH")
    @Size(max = 64) @NoControlCharacters @Pattern(regexp = NOT_BLANK, message = "must not be blank")
    String reason,

    @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED)
    @Size(max = 2000) @NoControlCharacters(lineBreaks = true)
    @Pattern(regexp = NOT_BLANK, message = "must not be blank")
    String detail) {

  /** Absent is fine for an optional text; blank is not. */
  static final String NOT_BLANK = "(?s).*\\S.*";

  PlatformEventRequest {
    if (redemptionCode != null) {
      // not trim(): a control character at either end must still be found
      redemptionCode = redemptionCode.replaceAll("^[ \\t]+|[ \\t]+$", "").toUpperCase(Locale.ROOT);
    }
  }
}
