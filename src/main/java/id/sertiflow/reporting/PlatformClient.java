package id.sertiflow.reporting;

import com.fasterxml.jackson.databind.ObjectMapper;
import id.sertiflow.callback.CallbackSignature;
import id.sertiflow.calendar.ServiceClock;
import id.sertiflow.platform.Platform;
import id.sertiflow.platform.PlatformProperties;
import java.io.IOException;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The one HTTP client for every digital platform's report endpoint (API.md, "What SertiFlow sends
 * to a digital platform"). Base URL, timeouts and secret come from each platform's settings.
 * Anything but a 200 with a readable answer is a {@link PlatformUnavailable}, which the engine
 * retries.
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

  static final class PlatformUnavailable extends RuntimeException {
    PlatformUnavailable(String message, Throwable cause) {
      super(message, cause);
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
    try {
      byte[] body = clients.computeIfAbsent(platform, p -> client(settings)).post()
          .uri("/completion-reports")
          .contentType(MediaType.APPLICATION_JSON)
          .header("Idempotency-Key", batchId)
          .header(CallbackSignature.TIMESTAMP_HEADER, timestamp)
          .header(CallbackSignature.SIGNATURE_HEADER,
              CallbackSignature.sign(settings.secret() == null ? "" : settings.secret(), timestamp, payload))
          .body(payload)
          .retrieve()
          .body(byte[].class);
      if (body == null) {
        throw new PlatformUnavailable(platform + " answered " + batchId + " with an empty body", null);
      }
      return json.readValue(body, Answer.class);
    } catch (RestClientException | IOException e) {
      throw new PlatformUnavailable(platform + " did not take " + batchId + ": " + e.getMessage(), e);
    }
  }

  private static RestClient client(PlatformProperties.Settings settings) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
    JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
    factory.setReadTimeout(settings.readTimeout());
    return RestClient.builder().baseUrl(settings.baseUrl()).requestFactory(factory).build();
  }
}
