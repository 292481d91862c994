package id.sertiflow.migration;

import id.sertiflow.api.ParametersOf;
import id.sertiflow.api.TypedInput;
import id.sertiflow.migration.ProcessMigrations.Progress;
import id.sertiflow.migration.ProcessMigrations.Started;
import id.sertiflow.migration.ProcessMigrations.Version;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators move running certificates to a new version of the process: {@code POST} starts a
 * batch and answers at once with what it moves; {@code GET .../{batchId}} says how far it is and
 * what failed; {@code GET} lists the versions that still have certificates running.
 */
@RestController
@RequestMapping("/api/v1/process-migrations")
class ProcessMigrationController {

  private static final String VERSION = "must be a whole number from 1 to 100000";

  record MigrationRequest(
      @Schema(description = "the version (Cockpit's number) whose running certificates move")
      @NotNull(message = VERSION) @Min(value = 1, message = VERSION) @Max(value = 100_000, message = VERSION)
      Integer fromVersion,
      @Schema(description = "the version they move to; the latest when absent")
      @Min(value = 1, message = VERSION) @Max(value = 100_000, message = VERSION)
      Integer toVersion) {}

  record BatchId(
      @Schema(description = "the batch id POST answered")
      @NotNull @Pattern(regexp = "[A-Za-z0-9-]{1,64}", message = "must be a batch id") String batchId) {}

  /** Running certificates per version, and the migrations not finished. */
  record Overview(List<Version> versions, List<String> migrationsRunning) {}

  private final ProcessMigrations migrations;
  private final TypedInput input;

  ProcessMigrationController(ProcessMigrations migrations, TypedInput input) {
    this.migrations = migrations;
    this.input = input;
  }

  @GetMapping
  Overview overview() {
    return new Overview(migrations.versions(),
        migrations.migrationsRunning().stream().map(b -> b.getId()).toList());
  }

  @PostMapping
  ResponseEntity<Started> start(
      @io.swagger.v3.oas.annotations.parameters.RequestBody(
          content = @Content(schema = @Schema(implementation = MigrationRequest.class)))
      @RequestBody JsonNode body) {
    MigrationRequest request = input.read(body, MigrationRequest.class);
    Started started = migrations.start(request.fromVersion(), request.toVersion());
    if (started.batchId() == null) {
      return ResponseEntity.ok(started);
    }
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .location(URI.create("/api/v1/process-migrations/" + started.batchId())).body(started);
  }

  @GetMapping("/{batchId}")
  @ParametersOf(BatchId.class)
  Progress progress(@PathVariable String batchId) {
    return migrations.progress(input.checkParameters(BatchId.class, "batchId", batchId).orRefuse().batchId());
  }
}
