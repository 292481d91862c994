package id.sertiflow.simulator;

import id.sertiflow.api.ApiProblem;
import id.sertiflow.platform.Platform;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.HttpStatus;
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
  /** 1,000 reports take about 300 KB; SertiFlow's own 1 MiB limit covers only /api/. */
  static final int MAX_BODY_BYTES = 2 * 1024 * 1024;

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

  /** The raw body, never more than the limit held in memory. */
  private static byte[] body(HttpServletRequest request) throws IOException {
    if (request.getContentLengthLong() > MAX_BODY_BYTES) {
      throw tooLarge();
    }
    try (InputStream in = request.getInputStream()) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES) {
        throw tooLarge();
      }
      return body;
    }
  }

  private static ApiProblem tooLarge() {
    return new ApiProblem(HttpStatus.PAYLOAD_TOO_LARGE, "Request body too large",
        "A report request may be at most 2 MiB: send at most " + SimulatedPlatforms.MAX_REPORTS
            + " reports at once.", null);
  }
}
