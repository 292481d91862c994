package id.sertiflow.reporting;

import com.fasterxml.jackson.databind.ObjectMapper;
import id.sertiflow.calendar.ServiceClock;
import id.sertiflow.platform.CallbackSignature;
import id.sertiflow.platform.Platform;
import id.sertiflow.platform.PlatformProperties;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * The one HTTP client for every digital platform's report endpoint (API.md, "What SertiFlow sends
 * to a digital platform"). Base URL, timeouts and secret come from each platform's settings.
 * Anything but a 200 with a readable answer is a {@link PlatformUnavailable}, which the engine
 * retries and, once the retries run out, shows as an incident.
 */
@Component
class PlatformClient {

  record Rejection(String redemptionCode, String reason) {}

  record Answer(List<String> accepted, List<Rejection> rejected) {
    Answer {
      accepted = accepted == null ? List.of() : accepted;
      rejected = rejected == null ? List.of() : rejected;
    }
  }

  /**
   * The platform did not take a report. Camunda keeps its message as the failed job's and the
   * incident's, and its stack trace with every cause's message: so the message says only the
   * platform, the batch, the HTTP status or the kind of I/O failure, and a masked excerpt of the
   * answer ({@link PersonalDataMask}), and no cause that holds the answer is chained to it (Spring's
   * response exceptions and Jackson's parse errors quote it).
   */
  static final class PlatformUnavailable extends RuntimeException {
    PlatformUnavailable(String message, Throwable causeWithoutTheAnswer) {
      super(message, causeWithoutTheAnswer);
    }
  }

  private final PlatformProperties platforms;
  private final ObjectMapper json;
  private final ServiceClock clock;
  private final Map<Platform, RestClient> clients = new ConcurrentHashMap<>();

  PlatformClient(PlatformProperties platforms, ObjectMapper json, ServiceClock clock) {
    this.platforms = platforms;
    this.json = json;
    this.clock = clock;
  }

  Answer send(Platform platform, String batchId, byte[] payload) {
    PlatformProperties.Settings settings = platforms.of(platform)
        .orElseThrow(() -> new IllegalStateException("No settings for platform " + platform));
    String timestamp = Long.toString(clock.now().getEpochSecond());
    String didNotTake = platform + " did not take " + batchId + ": ";
    ResponseEntity<byte[]> answer;
    try {
      answer = clients.computeIfAbsent(platform, p -> client(settings)).post()
          .uri("/completion-reports")
          .contentType(MediaType.APPLICATION_JSON)
          .header("Idempotency-Key", batchId)
          .header(CallbackSignature.TIMESTAMP_HEADER, timestamp)
          .header(CallbackSignature.SIGNATURE_HEADER,
              CallbackSignature.sign(settings.secret() == null ? "" : settings.secret(), timestamp, payload))
          .body(payload)
          .retrieve()
          .toEntity(byte[].class);
    } catch (RestClientResponseException refused) {
      throw new PlatformUnavailable(didNotTake + "HTTP " + refused.getStatusCode().value()
          + answered(refused.getResponseBodyAsString(StandardCharsets.UTF_8), payload), null);
    } catch (ResourceAccessException noAnswer) {
      // the I/O failure itself (refused, reset, timed out) holds no answer: it stays the cause
      Throwable io = noAnswer.getCause();
      throw new PlatformUnavailable(didNotTake + "no answer ("
          + (io != null ? io.getClass().getSimpleName() : "I/O error") + ")",
          io instanceof IOException ? io : null);
    } catch (RestClientException other) {
      throw new PlatformUnavailable(didNotTake + other.getClass().getSimpleName(), null);
    }
    String status = "HTTP " + answer.getStatusCode().value();
    byte[] body = answer.getBody();
    if (body == null || body.length == 0) {
      throw new PlatformUnavailable(didNotTake + status + " with an empty answer", null);
    }
    try {
      return json.readValue(body, Answer.class);
    } catch (IOException unreadable) {
      // Jackson's message quotes the answer where it stopped reading: not chained
      throw new PlatformUnavailable(didNotTake + status + " with an unreadable answer"
          + answered(new String(body, StandardCharsets.UTF_8), payload), null);
    }
  }

  /** ", answer: ..." with what an incident may quote of {@code answer}; empty when there is none. */
  private String answered(String answer, byte[] payload) {
    String excerpt;
    try {
      excerpt = new PersonalDataMask(json.readValue(payload, ReportChunks.Request.class).reports())
          .excerpt(answer);
    } catch (IOException notOurReport) {
      // without the report's names nothing can be masked, so nothing is quoted
      return "";
    }
    return excerpt.isEmpty() ? "" : ", answer: " + excerpt;
  }

  private static RestClient client(PlatformProperties.Settings settings) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
    JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
    factory.setReadTimeout(settings.readTimeout());
    return RestClient.builder().baseUrl(settings.baseUrl()).requestFactory(factory).build();
  }
}
