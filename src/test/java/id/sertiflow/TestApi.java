package id.sertiflow;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.sertiflow.platform.CallbackSignature;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/** SertiFlow's HTTP doors as the tests use them: the learning platform and the platforms. */
public final class TestApi {

  public static final String API_KEY = "demo-key";
  public static final String TOKOPEDIA_SECRET = "demo-secret-tokopedia";
  /** The demo operator's {@code Authorization} header (demo/demo; camunda-admin, operations). */
  public static final String OPERATOR = basic("demo", "demo");

  /** An HTTP Basic {@code Authorization} header value. */
  public static String basic(String user, String password) {
    return "Basic " + java.util.Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private final MockMvc mvc;
  private final ObjectMapper json;

  public TestApi(MockMvc mvc, ObjectMapper json) {
    this.mvc = mvc;
    this.json = json;
  }

  /** A redemption code no other test uses. */
  public static String newRedemptionCode() {
    return "PK" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50), 36)
        .toUpperCase(Locale.ROOT);
  }

  /** An eligible completion on Tokopedia whose names match, finished at {@code completedAt}. */
  public ObjectNode completion(String redemptionCode, OffsetDateTime completedAt) {
    ObjectNode c = json.createObjectNode();
    c.put("completionId", "lms-" + redemptionCode.toLowerCase(Locale.ROOT));
    c.put("redemptionCode", redemptionCode);
    c.put("platform", "TOKOPEDIA");
    c.putObject("learner").put("id", "u-1029").put("name", "Budi Santoso")
        .put("email", "budi@example.com");
    c.put("prakerjaName", "BUDI SANTOSO");
    c.putObject("course").put("id", "c-77").put("title", "Digital Marketing untuk UMKM");
    c.put("progressPercent", 100);
    c.put("examPassed", true);
    c.put("certificateNumber", "SA-2026-" + redemptionCode);
    c.put("completedAt", completedAt.toString());
    c.put("reviewSubmitted", true);
    return c;
  }

  public MockHttpServletResponse postCompletion(JsonNode body) throws Exception {
    return send(post("/api/v1/completions").header("X-Api-Key", API_KEY)
        .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsBytes(body)));
  }

  /** Posts the completion, expects 201, and returns the status document. */
  public JsonNode complete(JsonNode body) throws Exception {
    MockHttpServletResponse response = postCompletion(body);
    if (response.getStatus() != 201) {
      throw new AssertionError("expected 201, got " + response.getStatus() + ": "
          + response.getContentAsString());
    }
    return json.readTree(response.getContentAsByteArray());
  }

  public JsonNode status(String certificateId) throws Exception {
    MockHttpServletResponse response = send(get("/api/v1/certificates/" + certificateId)
        .header("X-Api-Key", API_KEY));
    return json.readTree(response.getContentAsByteArray());
  }

  public MockHttpServletResponse correctName(String certificateId, String name) throws Exception {
    return send(patch("/api/v1/certificates/" + certificateId + "/learner")
        .header("X-Api-Key", API_KEY).contentType(MediaType.APPLICATION_JSON)
        .content(json.writeValueAsBytes(json.createObjectNode().put("name", name))));
  }

  /** One platform event as JSON. */
  public ObjectNode event(String eventId, String type, String redemptionCode, OffsetDateTime at) {
    ObjectNode e = json.createObjectNode();
    e.put("eventId", eventId);
    e.put("type", type);
    e.put("redemptionCode", redemptionCode);
    e.put("occurredAt", at.toString());
    return e;
  }

  /** Posts a body signed with the platform's secret at the engine clock's time. */
  public MockHttpServletResponse postEvents(String platform, String secret, JsonNode body)
      throws Exception {
    byte[] raw = json.writeValueAsBytes(body);
    String timestamp = Long.toString(ClockUtil.getCurrentTime().toInstant().getEpochSecond());
    return postSigned(platform, timestamp, CallbackSignature.sign(secret, timestamp, raw), raw);
  }

  public MockHttpServletResponse postSigned(String platform, String timestamp, String signature,
      byte[] raw) throws Exception {
    var request = post("/api/v1/platforms/" + platform + "/events")
        .contentType(MediaType.APPLICATION_JSON).content(raw);
    if (timestamp != null) {
      request.header(CallbackSignature.TIMESTAMP_HEADER, timestamp);
    }
    if (signature != null) {
      request.header(CallbackSignature.SIGNATURE_HEADER, signature);
    }
    return send(request);
  }

  /** A Tokopedia event, signed and posted; expects 202. */
  public void platformSays(String type, String redemptionCode, OffsetDateTime at) throws Exception {
    MockHttpServletResponse response = postEvents("tokopedia", TOKOPEDIA_SECRET,
        event("tkp-" + type + "-" + redemptionCode + "-" + at.toEpochSecond(), type, redemptionCode, at));
    if (response.getStatus() != 202) {
      throw new AssertionError("expected 202, got " + response.getStatus() + ": "
          + response.getContentAsString(StandardCharsets.UTF_8));
    }
  }

  public JsonNode read(MockHttpServletResponse response) throws Exception {
    return json.readTree(response.getContentAsByteArray());
  }

  /** What no response may show a client: stack frames, class or package names. */
  public static final List<String> INTERNALS = List.of("Exception", "\tat ", "at id.sertiflow",
      "java.", "javax.", "jakarta.", "org.springframework", "com.fasterxml", "org.hibernate",
      "org.h2", "org.camunda", "SQL");

  /**
   * Checks that {@code response} is an RFC 9457 problem with {@code status} that gives nothing
   * internal away, and returns its body.
   */
  public JsonNode problem(MockHttpServletResponse response, int status) throws Exception {
    String body = response.getContentAsString(StandardCharsets.UTF_8);
    if (response.getStatus() != status) {
      throw new AssertionError("expected " + status + ", got " + response.getStatus() + ": " + body);
    }
    String contentType = response.getContentType();
    if (contentType == null
        || !MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(MediaType.parseMediaType(contentType))) {
      throw new AssertionError("expected application/problem+json, got " + contentType + ": " + body);
    }
    for (String internal : INTERNALS) {
      if (body.contains(internal)) {
        throw new AssertionError("the problem shows '" + internal + "' to the client: " + body);
      }
    }
    JsonNode problem = json.readTree(body);
    for (String member : List.of("type", "title", "detail")) {
      if (!problem.path(member).isTextual() || problem.path(member).asText().isBlank()) {
        throw new AssertionError("the problem has no " + member + ": " + body);
      }
    }
    if (problem.path("status").asInt() != status) {
      throw new AssertionError("the problem's status is not " + status + ": " + body);
    }
    return problem;
  }

  /** The {@code field} of every entry of a problem's (or a batch result's) {@code errors}. */
  public static List<String> errorFields(JsonNode withErrors) {
    List<String> fields = new ArrayList<>();
    withErrors.path("errors").forEach(e -> fields.add(e.path("field").asText()));
    return fields;
  }

  /** GET a certificate by its redemption code with the API key. */
  public MockHttpServletResponse findByRedemptionCode(String redemptionCode) throws Exception {
    return send(get("/api/v1/certificates").param("redemptionCode", redemptionCode)
        .header("X-Api-Key", API_KEY));
  }

  private MockHttpServletResponse send(
      org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
    return mvc.perform(request).andReturn().getResponse();
  }

  /** A Jakarta-time timestamp. */
  public static OffsetDateTime wib(String localDateTime) {
    return OffsetDateTime.parse(localDateTime + "+07:00");
  }

  public static Instant instant(OffsetDateTime t) {
    return t.withOffsetSameInstant(ZoneOffset.UTC).toInstant();
  }
}
