package id.sertiflow.simulator;

import id.sertiflow.api.ApiProblem;
import id.sertiflow.api.RequestSizeLimit;
import id.sertiflow.platform.Platform;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The simulated digital platforms' report endpoint, on the same contract as a real platform's
 * (API.md, "What SertiFlow sends to a digital platform"). The demo configuration points
 * {@code sertiflow.platforms.<code>.base-url} here.
 */
@RestController
@ConditionalOnSimulator
@Tag(name = "Simulator (demo only)")
class SimulatedPlatformController {

  static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  private final SimulatedPlatforms platforms;

  SimulatedPlatformController(SimulatedPlatforms platforms) {
    this.platforms = platforms;
  }

  @Operation(summary = "A simulated platform takes completion reports: 200 with accepted and"
      + " rejected codes; the same Idempotency-Key again gets the same answer",
      requestBody = @RequestBody(description = "{\"batchId\", \"provider\", \"reports\": [{"
          + "\"redemptionCode\", \"certificateNumber\", \"participantName\", \"courseId\","
          + " \"completedAt\", \"reviewSubmitted\"}]}, at most 1,000 reports", required = true))
  @PostMapping(path = "/simulator/{platform}/completion-reports", consumes = "application/json",
      produces = "application/json")
  SimulatedPlatforms.ReportAnswer report(
      @Parameter(description = "bukalapak, pintaria, tokopedia, pijar-mahir or kariermu")
      @PathVariable String platform,
      @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
      HttpServletRequest request) throws IOException {
    Platform to = Platform.fromCode(platform)
        .orElseThrow(() -> ApiProblem.notFound("There is no simulated platform " + platform + "."));
    return platforms.report(to, idempotencyKey, body(request));
  }

  /** The raw body, within SertiFlow's limit on every request body (1 MiB: 1,000 reports take about 300 KB). */
  private static byte[] body(HttpServletRequest request) throws IOException {
    return RequestSizeLimit.readAll(request);
  }
}
