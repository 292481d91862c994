package id.sertiflow.status;

import com.fasterxml.jackson.databind.JsonNode;
import id.sertiflow.api.ApiProblem;
import id.sertiflow.api.TypedInput;
import id.sertiflow.certificate.Certificate;
import id.sertiflow.certificate.CertificateReads;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.NotBlank;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where a certificate is: read from the read model alone, never from the engine's history, each
 * answer one SQL statement ({@link CertificateReads}) outside any transaction.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = "application/json")
@Tag(name = "Status")
class StatusController {

  private static final ApiProblem NO_SUCH_CERTIFICATE =
      ApiProblem.notFound("There is no certificate with this id or code.");

  private static final ApiProblem NO_MATCH =
      ApiProblem.notFound("No certificate matches this redemption code and e-mail.");

  private final CertificateReads certificates;
  private final StatusDocuments documents;
  private final LookupRateLimit rateLimit;
  private final TypedInput input;

  StatusController(CertificateReads certificates, StatusDocuments documents,
      LookupRateLimit rateLimit, TypedInput input) {
    this.certificates = certificates;
    this.documents = documents;
    this.rateLimit = rateLimit;
    this.input = input;
  }

  @Operation(summary = "A certificate's status by its id (API key)")
  @GetMapping("/certificates/{certificateId}")
  StatusDocument byId(@PathVariable String certificateId) {
    return documentById(certificateId).orElseThrow(() -> NO_SUCH_CERTIFICATE);
  }

  @Operation(summary = "A certificate's status by its redemption code (API key)")
  @GetMapping(path = "/certificates", params = "redemptionCode")
  StatusDocument byRedemptionCode(@RequestParam String redemptionCode) {
    return documentByCode(redemptionCode).orElseThrow(() -> NO_SUCH_CERTIFICATE);
  }

  /**
   * The two reads of the provider's apps, as the controller and {@link StatusReadsBeforeDispatch}
   * both answer them: the document of the certificate with this id or redemption code, as the
   * client wrote it, or empty where there is none (or the text is no id or code at all).
   */
  Optional<StatusDocument> documentById(String certificateId) {
    return find(certificateId).map(documents::of);
  }

  Optional<StatusDocument> documentByCode(String redemptionCode) {
    String code = asCode(redemptionCode);
    return code == null ? Optional.empty() : certificates.byRedemptionCode(code).map(documents::of);
  }

  /**
   * The learner's own question: redemption code and the e-mail used in class. Nothing more is
   * asked of them: any other code or address is simply not found.
   */
  record StatusLookup(@NotBlank(message = "is required") String redemptionCode,
      @NotBlank(message = "is required") String email) {}

  /**
   * The rate limit counts in a transaction of its own first, and the read follows, so that a
   * look-up holds one connection at a time.
   */
  @Operation(summary = "The learner's look-up: redemption code + e-mail; 404 when the pair does not "
      + "match; 429 (with Retry-After) past the rate limit per client address or per code")
  @PostMapping(path = "/status-lookups", consumes = "application/json")
  StatusDocument lookUp(@io.swagger.v3.oas.annotations.parameters.RequestBody(
          content = @Content(schema = @Schema(implementation = StatusLookup.class)))
      @RequestBody JsonNode body, HttpServletRequest request) {
    StatusLookup lookup = input.read(body, StatusLookup.class);
    String code = asCode(lookup.redemptionCode());
    // The client address is the connection's peer. Behind a proxy or load balancer that is the
    // proxy, for every learner: the operator then sets server.forward-headers-strategy=native and
    // server.tomcat.remoteip.internal-proxies (README, "The learners' status page"), so that
    // getRemoteAddr() is the address the proxy appended to X-Forwarded-For. SertiFlow never reads
    // that header itself, and "framework" would not do: it takes the left-most entry, which any
    // client writes, and would choose a fresh address per look-up.
    rateLimit.count(request.getRemoteAddr(), code == null ? "" : code);
    if (code == null) {
      throw NO_MATCH;
    }
    // a wrong e-mail and an unknown code get the same answer: the code alone reveals nothing
    return certificates.byRedemptionCode(code)
        .filter(c -> c.learnerEmail().trim().equalsIgnoreCase(lookup.email().trim()))
        .map(documents::forLearner)
        .orElseThrow(() -> NO_MATCH);
  }

  /**
   * The code as stored (trimmed, upper case), or null for one holding a control character: no
   * redemption code has one, and PostgreSQL cannot even compare text holding a NUL.
   */
  private static String asCode(String raw) {
    String code = raw.trim().toUpperCase(Locale.ROOT);
    return code.chars().anyMatch(Character::isISOControl) ? null : code;
  }

  private Optional<Certificate> find(String certificateId) {
    try {
      return certificates.byId(UUID.fromString(certificateId));
    } catch (IllegalArgumentException notAnId) {
      return Optional.empty();
    }
  }
}
