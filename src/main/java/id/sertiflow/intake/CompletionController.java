package id.sertiflow.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.sertiflow.api.ApiProblem;
import id.sertiflow.api.ApiProblem.FieldProblem;
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

  CompletionController(Intake intake, StatusDocuments documents, ObjectMapper json) {
    this.intake = intake;
    this.documents = documents;
    this.json = json;
  }

  @Operation(summary = "Report a finished class: 201 with the status document, 200 for a replay")
  @PostMapping(consumes = "application/json")
  ResponseEntity<StatusDocument> complete(@io.swagger.v3.oas.annotations.parameters.RequestBody(
      content = @Content(schema = @Schema(implementation = CompletionSchema.class)))
      @RequestBody JsonNode completion) {
    Intake.Received received = intake.receive(completion);
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
      content = @Content(array = @ArraySchema(schema = @Schema(implementation = CompletionSchema.class),
          maxItems = MAX_BATCH)))
      @RequestBody JsonNode completions) {
    if (!completions.isArray()) {
      throw ApiProblem.invalid(List.of(new FieldProblem("", "must be a JSON array of completions")));
    }
    List<JsonNode> items = new ArrayList<>();
    completions.forEach(items::add);
    return takeAll(items);
  }

  @Operation(summary = "Up to 1,000 completions as CSV with a header row of the JSON field names (learner.name, ...)")
  @PostMapping(path = "/batch", consumes = "text/csv")
  BatchResults batchCsv(Reader csv) throws IOException {
    return takeAll(CsvCompletions.read(csv, json, MAX_BATCH));
  }

  private BatchResults takeAll(List<JsonNode> items) {
    if (items.size() > MAX_BATCH) {
      throw ApiProblem.invalid(List.of(new FieldProblem("",
          "must hold at most " + MAX_BATCH + " completions; split the batch")));
    }
    List<Intake.Answer> answers = intake.receiveAll(items);
    List<BatchResult> results = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      JsonNode id = items.get(i).path("completionId");
      String completionId = id.isTextual() ? id.textValue() : null;
      Intake.Received received = answers.get(i).received();
      if (received != null) {
        results.add(new BatchResult(i, completionId,
            received.outcome() == Intake.Outcome.CREATED ? BatchOutcome.CREATED : BatchOutcome.DUPLICATE,
            received.certificate().id().toString(), List.of()));
      } else {
        ApiProblem problem = answers.get(i).refused();
        List<FieldProblem> errors = problem.errors().isEmpty()
            ? List.of(new FieldProblem("", problem.detail())) : problem.errors();
        results.add(new BatchResult(i, completionId, BatchOutcome.REJECTED, null, errors));
      }
    }
    return new BatchResults(results);
  }
}
