package id.sertiflow.simulator;

import org.slf4j.Logger;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import org.springframework.core.env.Environment;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * The simulator's way to SertiFlow's real doors: one {@link RestClient} on the JDK's HTTP client
 * with connect and read timeouts, and the base URL, by default this node's own port as the running
 * server reports it ({@code local.server.port}, known only once the server has started).
 */
@Component
@ConditionalOnSimulator
class SimulatorHttp {

  private final SimulatorProperties settings;
  private final Environment environment;
  private final RestClient client;

  SimulatorHttp(SimulatorProperties settings, Environment environment) {
    this.settings = settings;
    this.environment = environment;
    HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(settings.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
    requests.setReadTimeout(settings.readTimeout());
    this.client = RestClient.builder().requestFactory(requests).build();
  }

  RestClient client() {
    return client;
  }

  /** Without a trailing slash. */
  String baseUrl() {
    String configured = settings.callbackBaseUrl();
    if (configured != null && !configured.isBlank()) {
      return configured.trim().replaceAll("/+$", "");
    }
    String port = environment.getProperty("local.server.port",
        environment.getProperty("server.port", "8080"));
    return "http://localhost:" + port;
  }

  /** One line for a log: why a call did not get through, without a stack trace. */
  /**
   * Runs a scheduled tick of the simulator so that a failed one is logged and the next one comes:
   * a throwing {@code @Scheduled} method would be logged by Spring with its whole stack each time.
   */
  static void tick(Logger log, String what, Runnable tick) {
    try {
      tick.run();
    } catch (RuntimeException e) {
      log.warn("{}: the tick failed: {}", what, reason(e));
    }
  }

  static String reason(Throwable failure) {
    Throwable root = failure;
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ConnectException) {
        return "connection refused";
      }
      if (t instanceof HttpConnectTimeoutException) {
        return "connect timeout";
      }
      if (t instanceof HttpTimeoutException) {
        return "read timeout";
      }
      root = t;
    }
    String message = root.getMessage();
    return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
