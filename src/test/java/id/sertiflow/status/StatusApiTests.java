package id.sertiflow.status;

import static id.sertiflow.TestApi.errorFields;
import static id.sertiflow.TestApi.wib;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.sertiflow.EngineClock;
import id.sertiflow.SertiflowTest;
import id.sertiflow.TestApi;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Where a certificate is, as the learning platform (API key) and the learner (code + e-mail)
 * ask it, and the published description of the whole contract.
 * Not a process test: left out of the flow-node coverage that process tests must reach.
 */
@SertiflowTest
class StatusApiTests {

  static final OffsetDateTime COMPLETED = wib("2026-11-27T15:30:00");
  static final OffsetDateTime NOW = COMPLETED.plusMinutes(1);
  static final String LOOKUPS = "/api/v1/status-lookups";

  @RegisterExtension final EngineClock clock = EngineClock.at(NOW);

  @Autowired ProcessEngine engine;
  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired MeterRegistry meters;

  TestApi api;
  String code;

  @BeforeEach
  void setUp() {
    api = new TestApi(mvc, json);
    code = TestApi.newRedemptionCode();
  }

  // --- the learning platform's questions ---------------------------------------------------

  @Test
  void showsTheSameDocumentByIdAndByRedemptionCodeInAnyCase() throws Exception {
    JsonNode created = api.complete(api.completion(code, COMPLETED));
    String id = created.path("certificateId").asText();

    MockHttpServletResponse byId = send(get("/api/v1/certificates/" + id).header("X-Api-Key", TestApi.API_KEY));
    MockHttpServletResponse byCode = api.findByRedemptionCode(code.toLowerCase(Locale.ROOT));

    assertThat(byId.getStatus()).isEqualTo(200);
    assertThat(MediaType.parseMediaType(byId.getContentType())).matches(MediaType.APPLICATION_JSON::isCompatibleWith);
    assertThat(api.read(byId)).isEqualTo(created);
    assertThat(byCode.getStatus()).isEqualTo(200);
    assertThat(api.read(byCode)).isEqualTo(created);
  }

  @Test
  void answersThePlainReadsBeforeTheDispatchJustAsTheControllerWould() throws Exception {
    String id = api.complete(api.completion(code, COMPLETED)).path("certificateId").asText();
    String byId = "/api/v1/certificates/" + id;
    String byCode = "/api/v1/certificates?redemptionCode=" + code;
    double idReadsBefore = readsOf("/api/v1/certificates/{certificateId}");
    double codeReadsBefore = readsOf("/api/v1/certificates");

    // the plain reads: no handler of Spring MVC runs for them
    MvcResult plainById = read(get(byId));
    MvcResult plainByCode = read(get(byCode).accept(MediaType.TEXT_HTML, MediaType.APPLICATION_JSON));
    assertThat(plainById.getHandler()).isNull();
    assertThat(plainByCode.getHandler()).isNull();
    // the same reads with a parameter the controller ignores go to the controller: same answers
    MvcResult controllerById = read(get(byId + "?via=controller"));
    MvcResult controllerByCode = read(get(byCode + "&via=controller"));
    assertThat(controllerById.getHandler()).isNotNull();
    assertThat(controllerByCode.getHandler()).isNotNull();
    for (MvcResult[] pair : new MvcResult[][] {{plainById, controllerById}, {plainByCode, controllerByCode}}) {
      assertThat(pair[0].getResponse().getStatus()).isEqualTo(200).isEqualTo(pair[1].getResponse().getStatus());
      assertThat(pair[0].getResponse().getContentType()).isEqualTo(pair[1].getResponse().getContentType());
      // the doors' headers too (no sniffing, no caching, no framing); only the length is new
      assertThat(pair[1].getResponse().getHeaderNames())
          .contains("X-Content-Type-Options", "Cache-Control", "X-Frame-Options");
      for (String header : pair[1].getResponse().getHeaderNames()) {
        assertThat(pair[0].getResponse().getHeaders(header)).as(header)
            .isEqualTo(pair[1].getResponse().getHeaders(header));
      }
      assertThat(pair[0].getResponse().getHeaderNames()).containsExactlyInAnyOrderElementsOf(
          Stream.concat(pair[1].getResponse().getHeaderNames().stream(), Stream.of("Content-Length"))
              .distinct().toList());
      assertThat(pair[0].getResponse().getContentAsByteArray())
          .isEqualTo(pair[1].getResponse().getContentAsByteArray());
    }
    // the metrics name the route either way: one series per read, as a dashboard groups them
    assertThat(readsOf("/api/v1/certificates/{certificateId}")).isEqualTo(idReadsBefore + 2);
    assertThat(readsOf("/api/v1/certificates")).isEqualTo(codeReadsBefore + 2);

    // what the plain path does not answer, the controller does as before
    MvcResult miss = read(get("/api/v1/certificates/" + UUID.randomUUID()));
    assertThat(miss.getHandler()).isNotNull();
    assertThat(miss.getResponse().getStatus()).isEqualTo(404);
    assertThat(miss.getResponse().getContentType()).isEqualTo("application/problem+json");
    assertThat(read(get(byId).accept(MediaType.TEXT_HTML)).getResponse().getStatus()).isEqualTo(406);
    // an id in capitals is the same certificate, on the plain path too
    MvcResult capitals = read(get("/api/v1/certificates/" + id.toUpperCase(Locale.ROOT)));
    assertThat(capitals.getHandler()).isNull();
    assertThat(capitals.getResponse().getContentAsByteArray())
        .isEqualTo(plainById.getResponse().getContentAsByteArray());
    // and the doors hold before it: a wrong key reads nothing
    assertThat(mvc.perform(get(byId).header("X-Api-Key", "not-a-key")).andReturn().getResponse()
        .getStatus()).isEqualTo(401);
  }

  private double readsOf(String route) {
    return meters.find("http.server.requests").tag("method", "GET").tag("uri", route)
        .tag("status", "200").timers().stream().mapToDouble(t -> t.count()).sum();
  }

  /** A read with the platform's API key. */
  private MvcResult read(MockHttpServletRequestBuilder request) throws Exception {
    return mvc.perform(request.header("X-Api-Key", TestApi.API_KEY)).andReturn();
  }

  @Test
  void judgesLatenessAtTheTimeOfAsking() throws Exception {
    String id = api.complete(api.completion(code, COMPLETED)).path("certificateId").asText();

    clock.set(wib("2026-11-30T15:30:00"));
    JsonNode atTheDeadline = api.status(id);
    assertThat(atTheDeadline.path("late").asBoolean()).isFalse();
    assertThat(atTheDeadline.at("/stages/1/late").asBoolean()).isFalse();

    clock.set(wib("2026-11-30T15:30:01"));
    JsonNode pastIt = api.status(id);
    assertThat(pastIt.path("late").asBoolean()).isTrue();
    assertThat(pastIt.at("/stages/1/late").asBoolean()).isTrue();
    assertThat(pastIt.at("/stages/2/late").asBoolean()).isFalse();
    assertThat(pastIt.path("state").asText()).isEqualTo("IN_PROGRESS");
    assertThat(pastIt.at("/message/en").asText()).isNotEqualTo(atTheDeadline.at("/message/en").asText());
  }

  @Test
  void answersAnUnknownCertificateIdWith404() throws Exception {
    api.problem(send(get("/api/v1/certificates/" + UUID.randomUUID()).header("X-Api-Key", TestApi.API_KEY)), 404);
    api.problem(send(get("/api/v1/certificates/not-a-uuid").header("X-Api-Key", TestApi.API_KEY)), 404);
  }

  @Test
  void answersAnUnknownRedemptionCodeWith404() throws Exception {
    api.problem(api.findByRedemptionCode("UNKNOWN"), 404);
    api.problem(api.findByRedemptionCode(code), 404);
  }

  @Test
  void answersACodeWithAControlCharacterAsUnknown() throws Exception {
    // no redemption code holds one, and PostgreSQL cannot even compare text holding a NUL
    api.problem(api.findByRedemptionCode("PK7H\u0000K9Q4M"), 404);
    api.problem(api.findByRedemptionCode(code + "\u0000"), 404);
    MockHttpServletResponse unknown = lookUp(TestApi.newRedemptionCode(), "budi@example.com");
    MockHttpServletResponse withNul = lookUp(code + "\u0000", "budi@example.com");
    assertThat(withNul.getStatus()).isEqualTo(404);
    assertThat(withNul.getContentAsString()).isEqualTo(unknown.getContentAsString());
  }

  @Test
  void refusesACertificateQueryWithoutARedemptionCode() throws Exception {
    api.problem(send(get("/api/v1/certificates").header("X-Api-Key", TestApi.API_KEY)), 400);
  }

  @Test
  void refusesAStatusQuestionWithAWrongOrMissingApiKey() throws Exception {
    String id = api.complete(api.completion(code, COMPLETED)).path("certificateId").asText();

    api.problem(send(get("/api/v1/certificates/" + id).header("X-Api-Key", "demo-key-")), 401);
    api.problem(send(get("/api/v1/certificates/" + id)), 401);
    api.problem(send(get("/api/v1/certificates").param("redemptionCode", code).header("X-Api-Key", "wrong")), 401);
    api.problem(send(get("/api/v1/certificates").param("redemptionCode", code)), 401);
  }

  @Test
  void refusesANameCorrectionWithAWrongOrMissingApiKeyAndKeepsTheName() throws Exception {
    String id = api.complete(api.completion(code, COMPLETED)).path("certificateId").asText();
    String body = "{\"name\": \"Someone Else\"}";

    api.problem(send(patch("/api/v1/certificates/" + id + "/learner").header("X-Api-Key", "wrong")
        .contentType(MediaType.APPLICATION_JSON).content(body)), 401);
    api.problem(send(patch("/api/v1/certificates/" + id + "/learner")
        .contentType(MediaType.APPLICATION_JSON).content(body)), 401);

    assertThat(api.status(id).at("/learner/name").asText()).isEqualTo("Budi Santoso");
  }

  // --- the learner's own look-up ---------------------------------------------------------

  @Test
  void showsTheLearnerTheDocumentWithoutTheInternalLearnerId() throws Exception {
    JsonNode created = api.complete(api.completion(code, COMPLETED));

    MockHttpServletResponse response = lookUp(code.toLowerCase(Locale.ROOT), " BUDI@Example.COM ");

    assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
    JsonNode doc = api.read(response);
    assertThat(doc.path("learner").has("id")).as("learner.id is left out").isFalse();
    assertThat(doc.at("/learner/name").asText()).isEqualTo("Budi Santoso");
    ObjectNode expected = created.deepCopy();
    ((ObjectNode) expected.path("learner")).remove("id");
    assertThat(doc).isEqualTo(expected);
  }

  @Test
  void givesTheSameAnswerForAWrongEmailAsForAnUnknownCode() throws Exception {
    api.complete(api.completion(code, COMPLETED));

    MockHttpServletResponse wrongEmail = lookUp(code, "someone.else@example.com");
    MockHttpServletResponse unknownCode = lookUp(TestApi.newRedemptionCode(), "budi@example.com");

    api.problem(wrongEmail, 404);
    api.problem(unknownCode, 404);
    assertThat(wrongEmail.getContentAsByteArray()).isEqualTo(unknownCode.getContentAsByteArray());
    assertThat(wrongEmail.getContentType()).isEqualTo(unknownCode.getContentType());
  }

  @Test
  void namesTheMissingPartsOfALookUp() throws Exception {
    assertThat(errorFields(api.problem(lookUpRaw("{}"), 422)))
        .containsExactlyInAnyOrder("redemptionCode", "email");
    assertThat(errorFields(api.problem(lookUpRaw("{\"redemptionCode\": \"" + code + "\"}"), 422)))
        .containsExactly("email");
    assertThat(errorFields(api.problem(lookUpRaw("{\"redemptionCode\": \" \", \"email\": \"budi@example.com\"}"), 422)))
        .containsExactly("redemptionCode");
  }

  @Test
  void namesAJsonValueOfTheWrongTypeInALookUp() throws Exception {
    JsonNode problem = api.problem(lookUpRaw("{\"redemptionCode\": {\"code\": \"" + code
        + "\"}, \"email\": \"budi@example.com\"}"), 422);
    assertThat(errorFields(problem)).containsExactly("redemptionCode");
  }

  @Test
  void answersAMalformedLookUpWith400() throws Exception {
    api.problem(lookUpRaw("{\"redemptionCode\": "), 400);
  }

  // --- the published contract ------------------------------------------------------------

  @Test
  void publishesEveryPathOfTheContractInTheOpenApiDocument() throws Exception {
    MockHttpServletResponse response = send(get("/v3/api-docs"));

    assertThat(response.getStatus()).isEqualTo(200);
    JsonNode paths = api.read(response).path("paths");
    assertThat(paths.path("/api/v1/completions").has("post")).isTrue();
    assertThat(paths.path("/api/v1/completions/batch").has("post")).isTrue();
    assertThat(paths.path("/api/v1/certificates/{certificateId}").has("get")).isTrue();
    assertThat(paths.path("/api/v1/certificates").has("get")).isTrue();
    assertThat(paths.path("/api/v1/certificates/{certificateId}/learner").has("patch")).isTrue();
    assertThat(paths.path("/api/v1/status-lookups").has("post")).isTrue();
    assertThat(paths.path("/api/v1/platforms/{platform}/events").has("post")).isTrue();
    // clients see the fields of what they send, not an untyped object
    JsonNode schemas = api.read(response).path("components").path("schemas");
    assertThat(schemas.path("Completion").path("properties").fieldNames())
        .toIterable().contains("completionId", "redemptionCode", "platform", "learner",
            "prakerjaName", "course", "progressPercent", "examPassed", "certificateNumber",
            "completedAt", "reviewSubmitted");
    assertThat(schemas.path("PlatformEvent").path("properties").fieldNames())
        .toIterable().contains("eventId", "type", "redemptionCode", "occurredAt", "reason", "detail");
    // the limits that check a name, published where a client reads them
    assertThat(schemas.path("Completion").path("properties").path("prakerjaName")
        .path("maxLength").asInt()).isEqualTo(200);
    assertThat(schemas.path("Learner").path("properties").path("name")
        .path("maxLength").asInt()).isEqualTo(200);
  }

  // --- helpers ----------------------------------------------------------------------------

  private MockHttpServletResponse lookUp(String redemptionCode, String email) throws Exception {
    return lookUpRaw(json.writeValueAsString(
        json.createObjectNode().put("redemptionCode", redemptionCode).put("email", email)));
  }

  /** The status page asks without any API key. */
  private MockHttpServletResponse lookUpRaw(String body) throws Exception {
    return send(post(LOOKUPS).contentType(MediaType.APPLICATION_JSON).content(body));
  }

  private MockHttpServletResponse send(MockHttpServletRequestBuilder request) throws Exception {
    return mvc.perform(request).andReturn().getResponse();
  }
}
