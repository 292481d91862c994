package id.sertiflow.intake;

import id.sertiflow.api.ApiProblem;
import id.sertiflow.api.InputCheck;
import id.sertiflow.certificate.Certificates;
import id.sertiflow.certificate.LearnerNameCorrections;
import id.sertiflow.certificate.LearnerNames;
import id.sertiflow.status.StatusDocument;
import id.sertiflow.status.StatusDocuments;
import io.swagger.v3.oas.annotations.Operation;
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

  LearnerController(LearnerNameCorrections corrections, Certificates certificates,
      StatusDocuments documents) {
    this.corrections = corrections;
    this.certificates = certificates;
    this.documents = documents;
  }

  record LearnerName(Object name) {}

  @Operation(summary = "Correct the learner's name on the training account; the name check runs again")
  @PatchMapping(path = "/api/v1/certificates/{certificateId}/learner",
      consumes = "application/json", produces = "application/json")
  StatusDocument correctName(@PathVariable String certificateId, @RequestBody LearnerName body) {
    Object name = body == null ? null : body.name();
    InputCheck in = new InputCheck();
    LearnerNames.read(in, "name", name);
    in.check();
    UUID id;
    try {
      id = UUID.fromString(certificateId);
    } catch (IllegalArgumentException notAnId) {
      throw ApiProblem.notFound("There is no certificate with this id.");
    }
    if (corrections.correct(id, (String) name).isEmpty()) {
      throw ApiProblem.notFound("There is no certificate with this id.");
    }
    // read again after the commit: events that waited for the name have been applied by now
    return certificates.findById(id).map(documents::of)
        .orElseThrow(() -> ApiProblem.notFound("There is no certificate with this id."));
  }
}
