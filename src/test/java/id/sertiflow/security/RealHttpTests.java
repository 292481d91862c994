package id.sertiflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import id.sertiflow.SertiflowTest;
import id.sertiflow.TestApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import jakarta.servlet.Filter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What only a real servlet container shows: Camunda's engine REST API (a Jersey servlet beside
 * Spring MVC) refusing Java-serialized variables, the web apps, and the security headers. Who may
 * pass which door is OperatorDoorsTests'.
 */
@SertiflowTest
class RealHttpTests {

  @LocalServerPort int port;
  @Autowired ObjectMapper json;
  @Autowired @Qualifier("springSecurityFilterChain") Filter doors;

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(String path, String user, String password) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (user != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder()
          .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Spring Security's wrapper of its chains looks up the Spring MVC handler of every request
   * before any door; nothing here reads that look-up, and it cost about a tenth of a status read.
   * An upgrade that brought it back would show here before it showed in the benchmark.
   */
  @Test
  void theDoorsRunWithoutASpringMvcLookUpInFrontOfThem() {
    assertThat(doors.getClass()).isEqualTo(Doors.ChainsOnTheParsedPath.class);
    assertThat(((FilterChainProxy) doors).getFilterChains()).hasSize(9);
  }

  @Test
  void refusesAJavaSerializedVariableSentToTheEngine() throws Exception {
    // a serialized java.lang.String, the smallest gadget-free payload; the format alone is refused
    String body = "{\"variables\": {\"payload\": {\"value\": \"rO0ABXQABGRlbW8=\","
        + " \"type\": \"Object\", \"valueInfo\": {\"objectTypeName\": \"java.lang.String\","
        + " \"serializationDataFormat\": \"application/x-java-serialized-object\"}}}}";
    HttpResponse<String> start = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
            + port + "/engine-rest/process-definition/key/certificate-reporting/start"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            "demo:demo".getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    // the client's bad input: 400, a problem document naming the variable, nothing internal
    assertThat(start.statusCode()).as(start.body()).isEqualTo(400);
    assertThat(start.headers().firstValue("Content-Type")).get().asString()
        .startsWith("application/problem+json");
    assertThat(start.body()).contains("\"status\":400").contains("variable \\\"payload\\\"")
        .contains("Java serialization");
    for (String internal : TestApi.INTERNALS) {
      assertThat(start.body()).doesNotContain(internal);
    }
    // nothing was started
    assertThat(get("/engine-rest/process-instance/count?processDefinitionKey=certificate-reporting"
        + "&variables=payload_eq_demo", "demo", "demo").body()).isEqualTo("{\"count\":0}");
  }

  @Test
  void refusesAJavaSerializedVariableSetOnARunningInstanceToo() throws Exception {
    // PUT .../variables/{name} reaches the engine by another way than a start
    String code = TestApi.newRedemptionCode();
    String completion = json.writeValueAsString(new TestApi(null, json)
        .completion(code, OffsetDateTime.now().minusHours(1)));
    HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
            + port + "/api/v1/completions"))
        .header("X-Api-Key", TestApi.API_KEY).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(completion)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = json.readTree(get("/engine-rest/process-instance?businessKey=" + code
        + "&maxResults=1", "demo", "demo").body()).get(0).get("id").asText();
    HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
            + port + "/engine-rest/process-instance/" + id + "/variables/payload"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            "demo:demo".getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString("{\"value\": \"rO0ABXQABGRlbW8=\", \"type\": \"Object\","
            + " \"valueInfo\": {\"objectTypeName\": \"java.lang.String\","
            + " \"serializationDataFormat\": \"application/x-java-serialized-object\"}}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(put.statusCode()).as(put.body()).isEqualTo(400);
    assertThat(put.body()).contains("Java serialization").doesNotContain("Exception");
  }

  @Test
  void sendsSecurityHeadersWithTheStatusPageAndTheApi() throws Exception {
    for (String path : java.util.List.of("/", "/api/v1/certificates/unknown", "/v3/api-docs")) {
      HttpResponse<String> response = get(path, null, null);
      assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
      assertThat(response.headers().firstValue("X-Frame-Options")).as(path).contains("DENY");
      assertThat(response.headers().firstValue("Content-Security-Policy")).as(path).get()
          .asString().contains("frame-ancestors 'none'");
    }
  }

  @Test
  void servesCockpit() throws Exception {
    HttpResponse<String> cockpit = get("/camunda/app/cockpit/default/", null, null);
    assertThat(cockpit.statusCode()).isEqualTo(200);
    assertThat(cockpit.body()).containsIgnoringCase("cockpit");
  }
}
