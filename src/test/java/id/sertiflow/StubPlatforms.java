package id.sertiflow;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import id.sertiflow.platform.Platform;
import java.util.Arrays;
import java.util.function.Function;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The five platforms' report endpoints as the tests meet them: one real HTTP server (WireMock)
 * for the test JVM, on a port the system picks, so that a run never fails on a port another
 * process holds. As the initializer of the shared test context ({@link SertiflowTest}) it points
 * every platform's {@code base-url} at itself, {@code http://127.0.0.1:<port>/<platform>}; a test
 * that starts a node of its own passes {@link #baseUrlProperties()} to it.
 *
 * <p>Each platform accepts every report it is sent, unless a test stubs otherwise or names the
 * codes to reject ({@link #rejectWhen}); {@link #reset()} brings that back.
 */
public final class StubPlatforms
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  private static WireMockServer server;
  private static volatile Function<String, String> rejectReason = code -> null;

  /** The running server, started at its first use. */
  public static synchronized WireMockServer server() {
    if (server == null) {
      WireMockServer started = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
          .extensions(new AcceptAll()));
      started.start();
      Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "stub-platforms-stop"));
      server = started;
      reset();
    }
    return server;
  }

  /** Every platform's {@code base-url} setting, pointing at this server. */
  public static String[] baseUrlProperties() {
    String base = "http://127.0.0.1:" + server().port();
    return Arrays.stream(Platform.values()).map(p -> "sertiflow.platforms." + p.configKey()
        + ".base-url=" + base + "/" + p.configKey()).toArray(String[]::new);
  }

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    TestPropertyValues.of(baseUrlProperties()).applyTo(context);
  }

  /** Forgets the requests and stubs of earlier tests: every platform accepts every report again. */
  public static void reset() {
    server().resetAll();
    rejectReason = code -> null;
    acceptEverything();
  }

  /**
   * Takes back a test's own stubs (an outage, say), keeping the requests received so far: every
   * platform answers again, accepting what {@link #rejectWhen} does not reject.
   */
  public static void acceptEverything() {
    WireMockServer platforms = server();
    platforms.resetMappings();
    for (Platform platform : Platform.values()) {
      platforms.stubFor(post(urlEqualTo("/" + platform.configKey() + "/completion-reports"))
          .atPriority(10)
          .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
              .withTransformers(AcceptAll.NAME)));
    }
  }

  /** The platforms reject the codes for which {@code reason} gives a reason, and take the rest. */
  public static void rejectWhen(Function<String, String> reason) {
    rejectReason = reason;
  }

  /** Answers a report batch as a platform does: each code accepted or rejected with a reason. */
  static final class AcceptAll implements ResponseTransformerV2 {
    static final String NAME = "accept-all";
    static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Response transform(Response response, ServeEvent event) {
      try {
        JsonNode body = JSON.readTree(event.getRequest().getBodyAsString());
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode accepted = answer.putArray("accepted");
        ArrayNode rejected = answer.putArray("rejected");
        for (JsonNode report : body.get("reports")) {
          String code = report.get("redemptionCode").asText();
          String reason = rejectReason.apply(code);
          if (reason == null) {
            accepted.add(code);
          } else {
            rejected.addObject().put("redemptionCode", code).put("reason", reason);
          }
        }
        return Response.Builder.like(response).but().body(JSON.writeValueAsString(answer)).build();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public boolean applyGlobally() {
      return false;
    }

    @Override
    public String getName() {
      return NAME;
    }
  }
}
