package id.sertiflow.status;

import id.sertiflow.api.ApiProblem;
import id.sertiflow.api.ApiProblem.FieldProblem;
import id.sertiflow.certificate.Certificate;
import id.sertiflow.certificate.Certificates;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Where a certificate is: read from the read model alone, never from the engine's history. */
@RestController
@RequestMapping(path = "/api/v1", produces = "application/json")
@Tag(name = "Status")
@Transactional(readOnly = true)
class StatusController {

  private static final ApiProblem NO_SUCH_CERTIFICATE =
      ApiProblem.notFound("There is no certificate with this id or code.");

  private final Certificates certificates;
  private final StatusDocuments documents;

  StatusController(Certificates certificates, StatusDocuments documents) {
    this.certificates = certificates;
    this.documents = documents;
  }

  @Operation(summary = "A certificate's status by its id (API key)")
  @GetMapping("/certificates/{certificateId}")
  StatusDocument byId(@PathVariable String certificateId) {
    return documents.of(find(certificateId).orElseThrow(() -> NO_SUCH_CERTIFICATE));
  }

  @Operation(summary = "A certificate's status by its redemption code (API key)")
  @GetMapping(path = "/certificates", params = "redemptionCode")
  StatusDocument byRedemptionCode(@RequestParam String redemptionCode) {
    return certificates.findByRedemptionCode(redemptionCode.trim().toUpperCase(Locale.ROOT))
        .map(documents::of).orElseThrow(() -> NO_SUCH_CERTIFICATE);
  }

  /** The learner's own question: redemption code and the e-mail used in class. */
  record StatusLookup(String redemptionCode, String email) {}

  @Operation(summary = "The learner's look-up: redemption code + e-mail; 404 when the pair does not match")
  @PostMapping(path = "/status-lookups", consumes = "application/json")
  StatusDocument lookUp(@RequestBody StatusLookup lookup) {
    List<FieldProblem> problems = new ArrayList<>();
    if (lookup == null || lookup.redemptionCode() == null || lookup.redemptionCode().isBlank()) {
      problems.add(new FieldProblem("redemptionCode", "is required"));
    }
    if (lookup == null || lookup.email() == null || lookup.email().isBlank()) {
      problems.add(new FieldProblem("email", "is required"));
    }
    if (!problems.isEmpty()) {
      throw ApiProblem.invalid(problems);
    }
    // a wrong e-mail and an unknown code get the same answer: the code alone reveals nothing
    return certificates.findByRedemptionCode(lookup.redemptionCode().trim().toUpperCase(Locale.ROOT))
        .filter(c -> c.learnerEmail().trim().equalsIgnoreCase(lookup.email().trim()))
        .map(documents::forLearner)
        .orElseThrow(() -> ApiProblem.notFound("No certificate matches this redemption code and e-mail."));
  }

  private Optional<Certificate> find(String certificateId) {
    try {
      return certificates.findById(UUID.fromString(certificateId));
    } catch (IllegalArgumentException notAnId) {
      return Optional.empty();
    }
  }
}
