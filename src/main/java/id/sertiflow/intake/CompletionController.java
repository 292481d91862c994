package id.sertiflow.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.sertiflow.api.ApiProblem;
import id.sertiflow.api.ApiProblem.FieldProblem;
import id.sertiflow.api.TypedInput;
import id.sertiflow.api.TypedInput.Checked;
import id.sertiflow.metrics.ServiceMetrics;
import id.sertiflow.metrics.ServiceMetrics.IntakeOutcome;
import id.sertiflow.status.StatusDocument;
import id.sertiflow.status.StatusDocuments;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The learning platform's door: finished classes come in here (API key). */
@RestController
@RequestMapping(path = "/api/v1/completions", produces = "application/json")
@Tag(name = "Intake")
class CompletionController {

  static final int MAX_BATCH = 1000;

  private final Intake intake;
  private final StatusDocuments documents;
  private final ObjectMapper json;
  private final TypedInput input;
  private final ServiceMetrics metrics;

  CompletionController(Intake intake, StatusDocuments documents, ObjectMapper json,
      TypedInput input, ServiceMetrics metrics) {
    this.metrics = metrics;
    this.intake = intake;
    this.documents = documents;
    this.json = json;
    this.input = input;
  }

  @Operation(summary = "Report a finished class: 201 with the status document, 200 for a replay")
  @PostMapping(consumes = "application/json")
  ResponseEntity<StatusDocument> complete(@io.swagger.v3.oas.annotations.parameters.RequestBody(
      content = @Content(schema = @Schema(implementation = CompletionRequest.class)))
      @RequestBody JsonNode completion) {
    Intake.Received received;
    try {
      received = intake.receive(input.read(completion, CompletionRequest.class));
    } catch (ApiProblem refused) {
      metrics.intake(IntakeOutcome.REJECTED);
      throw refused;
    }
    metrics.intake(received.outcome() == Intake.Outcome.CREATED ? IntakeOutcome.CREATED
        : IntakeOutcome.DUPLICATE);
    StatusDocument document = documents.of(received.certificate());
    if (received.outcome() == Intake.Outcome.DUPLICATE) {
      return ResponseEntity.ok(document);
    }
    return ResponseEntity.created(URI.create("/api/v1/certificates/" + document.certificateId()))
        .body(document);
  }

  enum BatchOutcome { CREATED, DUPLICATE, REJECTED }

  record BatchResult(int index, String completionId, BatchOutcome outcome, String certificateId,
      List<FieldProblem> errors) {}

  record BatchResults(List<BatchResult> results) {}

  @Operation(summary = "Up to 1,000 completions as a JSON array; valid ones are taken even when others are rejected")
  @PostMapping(path = "/batch", consumes = "application/json")
  BatchResults batch(@io.swagger.v3.oas.annotations.parameters.RequestBody(
      content = @Content(array = @ArraySchema(schema = @Schema(implementation = CompletionRequest.class),
          maxItems = MAX_BATCH)))
      @RequestBody JsonNode completions) {
    if (!completions.isArray()) {
      throw ApiProblem.invalid(List.of(new FieldProblem("", "must be a JSON array of completions")));
    }
    List<JsonNode> items = new ArrayList<>();
    completions.forEach(items::add);
    return takeAll(items, false);
  }

  @Operation(summary = "Up to 1,000 completions as CSV with a header row of the JSON field names (learner.name, ...)")
  @PostMapping(path = "/batch", consumes = "text/csv")
  BatchResults batchCsv(Reader csv) throws IOException {
    return takeAll(CsvCompletions.read(csv, json, MAX_BATCH), true);
  }

  /**
   * Each item checked on its own; the valid ones taken together, the others answered with their
   * problems, all in the batch's order.
   *
   * @param cells whether the items' values are CSV cells (text) rather than JSON
   */
  private BatchResults takeAll(List<JsonNode> items, boolean cells) {
    if (items.size() > MAX_BATCH) {
      throw ApiProblem.invalid(List.of(new FieldProblem("",
          "must hold at most " + MAX_BATCH + " completions; split the batch")));
    }
    List<Checked<CompletionRequest>> checked = items.stream()
        .map(item -> cells ? input.checkText(item, CompletionRequest.class)
            : input.check(item, CompletionRequest.class))
        .toList();
    Iterator<Intake.Answer> taken = intake.receiveAll(checked.stream()
        .filter(Checked::isValid).map(Checked::value).toList()).iterator();
    List<BatchResult> results = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      JsonNode id = items.get(i).path("completionId");
      String completionId = id.isTextual() ? id.textValue() : null;
      if (!checked.get(i).isValid()) {
        results.add(new BatchResult(i, completionId, BatchOutcome.REJECTED, null,
            checked.get(i).problems()));
        continue;
      }
      Intake.Answer answer = taken.next();
      Intake.Received received = answer.received();
      if (received != null) {
        results.add(new BatchResult(i, completionId,
            received.outcome() == Intake.Outcome.CREATED ? BatchOutcome.CREATED : BatchOutcome.DUPLICATE,
            received.certificate().id().toString(), List.of()));
      } else {
        ApiProblem problem = answer.refused();
        List<FieldProblem> errors = problem.errors().isEmpty()
            ? List.of(new FieldProblem("", problem.detail())) : problem.errors();
        results.add(new BatchResult(i, completionId, BatchOutcome.REJECTED, null, errors));
      }
    }
    results.forEach(result -> metrics.intake(IntakeOutcome.valueOf(result.outcome().name())));
    return new BatchResults(results);
  }
}
