package id.sertiflow.intake;

import id.sertiflow.api.ApiProblem;
import com.fasterxml.jackson.databind.JsonNode;
import id.sertiflow.api.TypedInput;
import id.sertiflow.certificate.Certificates;
import id.sertiflow.certificate.LearnerName;
import id.sertiflow.certificate.LearnerNameCorrections;
import id.sertiflow.status.StatusDocument;
import id.sertiflow.status.StatusDocuments;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The learner fixed the name on the training account (API key). */
@RestController
@Tag(name = "Intake")
class LearnerController {

  private final LearnerNameCorrections corrections;
  private final Certificates certificates;
  private final StatusDocuments documents;
  private final TypedInput input;

  LearnerController(LearnerNameCorrections corrections, Certificates certificates,
      StatusDocuments documents, TypedInput input) {
    this.corrections = corrections;
    this.certificates = certificates;
    this.documents = documents;
    this.input = input;
  }

  /** The learner's corrected name on the training account. */
  @Schema(name = "NameCorrection")
  record NameCorrection(
      @Schema(example = "Budi Santoso", requiredMode = Schema.RequiredMode.REQUIRED) @LearnerName String name) {}

  @Operation(summary = "Correct the learner's name on the training account; the name check runs again")
  @PatchMapping(path = "/api/v1/certificates/{certificateId}/learner",
      consumes = "application/json", produces = "application/json")
  StatusDocument correctName(@PathVariable String certificateId,
      @io.swagger.v3.oas.annotations.parameters.RequestBody(
          content = @Content(schema = @Schema(implementation = NameCorrection.class)))
      @RequestBody JsonNode body) {
    String name = input.read(body, NameCorrection.class).name();
    UUID id;
    try {
      id = UUID.fromString(certificateId);
    } catch (IllegalArgumentException notAnId) {
      throw ApiProblem.notFound("There is no certificate with this id.");
    }
    if (corrections.correct(id, name).isEmpty()) {
      throw ApiProblem.notFound("There is no certificate with this id.");
    }
    // read again after the commit: events that waited for the name have been applied by now
    return certificates.findById(id).map(documents::of)
        .orElseThrow(() -> ApiProblem.notFound("There is no certificate with this id."));
  }
}
