package id.sertiflow.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import id.sertiflow.api.ApiProblem;
import id.sertiflow.api.ApiProblem.FieldProblem;
import id.sertiflow.api.NoControlCharacters;
import id.sertiflow.api.TypedInput;
import id.sertiflow.calendar.ServiceClock;
import id.sertiflow.calendar.WorkingDayCalendar;
import id.sertiflow.certificate.LearnerDataStore.Held;
import id.sertiflow.certificate.PersonalData;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.security.Principal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The privacy officer's doors (group {@code privacy-officer}): what SertiFlow holds of a learner,
 * and the erasure of it, with the list of erasures done.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = "application/json")
@Tag(name = "Personal data")
class PersonalDataController {

  static final int MAX_REASON = 500;
  static final int DEFAULT_PAGE = 100;
  static final int MAX_PAGE = 1000;
  private static final String FIRST = "must be a whole number from 0 to " + (Integer.MAX_VALUE - MAX_PAGE);
  private static final String PAGE = "must be a whole number from 1 to " + MAX_PAGE;

  private static final ApiProblem NOTHING_HELD =
      ApiProblem.notFound("SertiFlow holds no personal data of this learner.");
  private static final ApiProblem NOTHING_MATCHES =
      ApiProblem.notFound("No learner's personal data matches: nothing was erased.");

  /** Whose data to erase (a learner id or one of the learner's redemption codes) and why. */
  record ErasureRequest(
      @Schema(example = "u-1029") @Size(max = 128) @NoControlCharacters String learnerId,
      @Schema(example = "PK7H2K9Q4M") @Size(max = 32) @NoControlCharacters String redemptionCode,
      @Schema(example = "the learner's request of 2026-12-01 (ticket 4711)")
      @NotBlank(message = "is required") @Size(max = MAX_REASON)
      @NoControlCharacters String reason) {

    ErasureRequest {
      learnerId = blankIsNone(learnerId);
      redemptionCode = blankIsNone(redemptionCode);
      reason = reason == null ? null : reason.strip();
    }
  }

  record ErasureDone(UUID erasureId, int certificates, OffsetDateTime erasedAt) {}

  record LearnerKey(@NotBlank @Size(max = 128) @NoControlCharacters String learnerId) {}

  /** Everything held of a learner; each piece names where it is kept (docs/personal-data.md). */
  record LearnersData(String learnerId, OffsetDateTime asOf, List<UUID> certificates,
      List<Held> held) {}

  record Page(
      @Min(value = 0, message = FIRST) @Max(value = Integer.MAX_VALUE - MAX_PAGE, message = FIRST)
      Integer firstResult,
      @Min(value = 1, message = PAGE) @Max(value = MAX_PAGE, message = PAGE) Integer maxResults) {}

  private final PersonalData personalData;
  private final Erasures erasures;
  private final ErasureRecords records;
  private final ServiceClock clock;
  private final TypedInput input;

  PersonalDataController(PersonalData personalData, Erasures erasures, ErasureRecords records,
      ServiceClock clock, TypedInput input) {
    this.personalData = personalData;
    this.erasures = erasures;
    this.records = records;
    this.clock = clock;
    this.input = input;
  }

  @Operation(summary = "Every piece of a learner's personal data SertiFlow holds, wherever it is"
      + " kept (group privacy-officer); 404 when nothing is held")
  @GetMapping("/learners/{learnerId}/personal-data")
  LearnersData personalData(@PathVariable String learnerId) {
    String learner = input.checkParameters(LearnerKey.class, "learnerId", learnerId).orRefuse()
        .learnerId();
    List<Held> held = personalData.heldOf(learner);
    if (held.isEmpty()) {
      throw NOTHING_HELD;
    }
    List<UUID> certificates = held.stream().map(Held::certificateId).distinct().toList();
    return new LearnersData(learner, WorkingDayCalendar.inJakarta(clock.now()), certificates, held);
  }

  @Operation(summary = "Erases a learner's personal data from every store (group privacy-officer);"
      + " 404 when nothing matches")
  @PostMapping("/erasures")
  ErasureDone erase(
      @io.swagger.v3.oas.annotations.parameters.RequestBody(
          content = @Content(schema = @Schema(implementation = ErasureRequest.class)))
      @RequestBody JsonNode body, Principal officer) {
    TypedInput.Checked<ErasureRequest> checked = input.check(body, ErasureRequest.class);
    ErasureRequest request = checked.value();
    List<FieldProblem> problems = new java.util.ArrayList<>(checked.problems());
    // one learner, named one way: every bad field is named in the one answer
    if (given(body, "learnerId") == given(body, "redemptionCode")) {
      String message = "give one of learnerId and redemptionCode";
      for (String field : List.of("learnerId", "redemptionCode")) {
        if (problems.stream().noneMatch(p -> p.field().equals(field))) {
          problems.add(new FieldProblem(field, message));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw ApiProblem.invalid(problems);
    }
    List<UUID> certificates = request.learnerId() != null
        ? personalData.certificatesOfLearner(request.learnerId())
        : personalData.certificatesOfCodeOwner(request.redemptionCode());
    if (certificates.isEmpty()) {
      throw NOTHING_MATCHES;
    }
    // the record stays after the learner's data is gone: it may not hold any of it
    if (personalData.mentions(request.reason(), certificates)) {
      throw ApiProblem.invalid(List.of(new FieldProblem("reason",
          "must not name the learner (id, name, e-mail or redemption code): it is kept")));
    }
    Erasures.Done done = erasures.erase(certificates, officer.getName(), request.reason());
    if (done.certificates().isEmpty()) {
      throw NOTHING_MATCHES; // erased meanwhile by another request
    }
    return new ErasureDone(done.erasureId(), done.certificates().size(),
        WorkingDayCalendar.inJakarta(done.erasedAt()));
  }

  @Operation(summary = "The erasures done, the latest first: who, when, why, which certificates"
      + " (group privacy-officer)")
  @GetMapping("/erasures")
  List<ErasureRecords.Erasure> erasures(@RequestParam(required = false) String firstResult,
      @RequestParam(required = false) String maxResults) {
    Page page = input.checkParameters(Page.class, "firstResult", firstResult,
        "maxResults", maxResults).orRefuse();
    return records.page(page.firstResult() == null ? 0 : page.firstResult(),
        page.maxResults() == null ? DEFAULT_PAGE : page.maxResults());
  }

  /** Whether the body gives the field a value (the record's own checks judge the value). */
  private static boolean given(JsonNode body, String field) {
    JsonNode value = body == null ? null : body.get(field);
    return value != null && !value.isNull() && !(value.isTextual() && value.asText().isBlank());
  }

  private static String blankIsNone(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
