package id.sertiflow.status;

import id.sertiflow.certificate.Stage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The stages a certificate goes through, with their deadlines in working days and their names,
 * for anyone: the status page explains the way before a learner looks anything up, from the same
 * {@link Stage} that sets the deadlines.
 */
@RestController
@Tag(name = "Status")
class StageController {

  /** Where no certificate says which platform: the learner's label names the kind. */
  static final String ANY_PLATFORM_IN_BAHASA = "platform digital";
  static final String ANY_PLATFORM_IN_ENGLISH = "the digital platform";

  record StageSummary(
      Stage stage,
      @Schema(description = "its place in the pipeline, from 1") int order,
      @Schema(description = "its deadline: working days after the stage before it finished")
      int workingDays,
      @Schema(description = "what the learner calls it, in Bahasa Indonesia and English")
      StatusDocument.Message label) {}

  private static final List<StageSummary> STAGES = Stage.IN_ORDER.stream()
      .map(stage -> new StageSummary(stage, stage.order(), stage.workingDays(),
          StatusDocuments.label(stage.learnerLabel(ANY_PLATFORM_IN_BAHASA, ANY_PLATFORM_IN_ENGLISH))))
      .toList();

  @Operation(summary = "The stages in order, each with its deadline in working days and its"
      + " learner-facing name (no credentials)")
  @GetMapping(path = "/api/v1/stages", produces = "application/json")
  List<StageSummary> stages() {
    return STAGES;
  }
}
