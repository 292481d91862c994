package id.sertiflow.intake;

import static id.sertiflow.TestApi.errorFields;
import static id.sertiflow.TestApi.wib;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.sertiflow.EngineClock;
import id.sertiflow.SertiflowTest;
import id.sertiflow.TestApi;
import id.sertiflow.certificate.CertificateProcess;
import id.sertiflow.certificate.Certificates;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

/**
 * The learning platform's door as API.md describes it: a finished class comes in once, however
 * often and however concurrently it is sent, and anything wrong with it is named to the client.
 * Not a process test: left out of the flow-node coverage that process tests must reach.
 */
@SertiflowTest
class IntakeApiTests {

  // Friday afternoon in Jakarta: reported by Monday, at the PMO by Tuesday, verified by 10 Dec
  static final OffsetDateTime COMPLETED = wib("2026-11-27T15:30:00");
  static final OffsetDateTime NOW = COMPLETED.plusMinutes(1);
  static final String COMPLETIONS = "/api/v1/completions";
  static final String BATCH = "/api/v1/completions/batch";

  @RegisterExtension final EngineClock clock = EngineClock.at(NOW);

  @Autowired ProcessEngine engine;
  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired RuntimeService runtime;
  @Autowired Certificates certificates;

  TestApi api;
  String code;

  @BeforeEach
  void setUp() {
    api = new TestApi(mvc, json);
    code = TestApi.newRedemptionCode();
  }

  // --- one completion ---------------------------------------------------------------------

  @Test
  void createsACertificateAndAnswersWithItsWholeStatusDocument() throws Exception {
    ObjectNode completion = api.completion(code.toLowerCase(Locale.ROOT), COMPLETED);

    MockHttpServletResponse response = api.postCompletion(completion);

    assertThat(response.getStatus()).isEqualTo(201);
    assertThat(MediaType.parseMediaType(response.getContentType()))
        .matches(MediaType.APPLICATION_JSON::isCompatibleWith);
    JsonNode doc = api.read(response);
    String id = doc.path("certificateId").asText();
    assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    assertThat(URI.create(response.getHeader("Location")).getPath())
        .isEqualTo("/api/v1/certificates/" + id);

    assertThat(doc.path("certificateNumber").asText()).isEqualTo("SA-2026-" + code.toLowerCase(Locale.ROOT));
    assertThat(doc.path("redemptionCode").asText()).isEqualTo(code);
    assertThat(doc.path("platform").asText()).isEqualTo("TOKOPEDIA");
    assertThat(doc.path("course")).isEqualTo(json.readTree(
        "{\"id\": \"c-77\", \"title\": \"Digital Marketing untuk UMKM\"}"));
    assertThat(doc.path("learner")).isEqualTo(json.readTree(
        "{\"id\": \"u-1029\", \"name\": \"Budi Santoso\"}"));
    assertThat(doc.path("state").asText()).isEqualTo("IN_PROGRESS");
    assertThat(doc.path("currentStage").asText()).isEqualTo("REPORTED_TO_PLATFORM");
    assertThat(doc.path("late").isBoolean()).isTrue();
    assertThat(doc.path("late").booleanValue()).isFalse();
    assertThat(doc.path("expectedOnDashboardBy").asText()).isEqualTo("2026-12-10T15:30:00+07:00");
    assertThat(doc.has("actionRequired")).as("actionRequired is present").isTrue();
    assertThat(doc.get("actionRequired").isNull()).as("actionRequired is null").isTrue();
    assertThat(doc.path("message").path("id").asText()).isNotBlank();
    assertThat(doc.path("message").path("en").asText()).isNotBlank();
    assertThat(doc.path("updatedAt").asText()).isEqualTo("2026-11-27T15:31:00+07:00");

    JsonNode stages = doc.path("stages");
    assertThat(stages).hasSize(4);
    assertThat(stages.get(0)).isEqualTo(json.readTree("{\"stage\": \"CLASS_COMPLETED\", "
        + "\"label\": {\"id\": \"Kelas selesai\", \"en\": \"Class completed\"}, "
        + "\"status\": \"DONE\", \"completedAt\": \"2026-11-27T15:30:00+07:00\", \"workingDays\": 0}"));
    assertThat(stages.get(1)).isEqualTo(json.readTree("{\"stage\": \"REPORTED_TO_PLATFORM\", "
        + "\"label\": {\"id\": \"Dilaporkan ke Tokopedia\", \"en\": \"Reported to Tokopedia\"}, "
        + "\"status\": \"IN_PROGRESS\", \"dueAt\": \"2026-11-30T15:30:00+07:00\", \"workingDays\": 1, "
        + "\"late\": false, \"atRisk\": false}"));
    assertThat(stages.get(2)).isEqualTo(json.readTree("{\"stage\": \"REPORTED_TO_PMO\", "
        + "\"label\": {\"id\": \"Tokopedia melapor ke Prakerja\", \"en\": \"Tokopedia reported to Prakerja\"}, "
        + "\"status\": \"PENDING\", \"dueAt\": \"2026-12-01T15:30:00+07:00\", \"workingDays\": 1, "
        + "\"late\": false, \"atRisk\": false}"));
    assertThat(stages.get(3)).isEqualTo(json.readTree("{\"stage\": \"VERIFIED_BY_PMO\", "
        + "\"label\": {\"id\": \"Diverifikasi PMO, tampil di dasbor Anda\", "
        + "\"en\": \"Verified by the PMO, on your dashboard\"}, "
        + "\"status\": \"PENDING\", \"dueAt\": \"2026-12-10T15:30:00+07:00\", \"workingDays\": 7, "
        + "\"late\": false, \"atRisk\": false}"));

    // what the client got is what the status API says afterwards
    assertThat(api.status(id)).isEqualTo(doc);
    assertThat(processInstances(code)).isEqualTo(1);
  }

  @Test
  void answersAReplayedCompletionWithTheSameDocumentAndStartsNoSecondProcess() throws Exception {
    ObjectNode completion = api.completion(code, COMPLETED);
    JsonNode created = api.complete(completion);

    MockHttpServletResponse replay = api.postCompletion(completion);

    assertThat(replay.getStatus()).isEqualTo(200);
    assertThat(api.read(replay)).isEqualTo(created);
    assertThat(processInstances(code)).isEqualTo(1);
    assertThat(certificates.findByRedemptionCode(code)).isPresent();
  }

  @Test
  void refusesTheSameCompletionIdWithDifferentContent() throws Exception {
    ObjectNode completion = api.completion(code, COMPLETED);
    String id = api.complete(completion).path("certificateId").asText();

    ObjectNode changed = completion.deepCopy();
    ((ObjectNode) changed.path("learner")).put("name", "Budi Santoso Putra");
    JsonNode problem = api.problem(api.postCompletion(changed), 409);

    assertThat(problem.path("detail").asText()).contains("completionId");
    assertThat(api.status(id).at("/learner/name").asText()).isEqualTo("Budi Santoso");
    assertThat(processInstances(code)).isEqualTo(1);
  }

  @Test
  void refusesASecondCompletionForARedemptionCodeThatHasACertificate() throws Exception {
    ObjectNode first = api.completion(code, COMPLETED);
    String id = api.complete(first).path("certificateId").asText();

    ObjectNode other = first.deepCopy().put("completionId", "lms-other-" + code.toLowerCase(Locale.ROOT));
    JsonNode problem = api.problem(api.postCompletion(other), 409);

    assertThat(problem.path("detail").asText()).contains(code);
    assertThat(api.read(api.findByRedemptionCode(code)).path("certificateId").asText()).isEqualTo(id);
    assertThat(processInstances(code)).isEqualTo(1);
  }

  @Test
  void createsOneCertificateWhenTheSameCompletionArrivesEightTimesAtOnce() throws Exception {
    ObjectNode completion = api.completion(code, COMPLETED);
    int senders = 8;
    long before = certificates.count();
    ExecutorService pool = Executors.newFixedThreadPool(senders);
    CountDownLatch ready = new CountDownLatch(senders);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<MockHttpServletResponse>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < senders; i++) {
        answers.add(pool.submit(() -> {
          ready.countDown();
          go.await();
          return api.postCompletion(completion);
        }));
      }
      assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
      go.countDown();
      List<Integer> statuses = new ArrayList<>();
      List<String> ids = new ArrayList<>();
      for (Future<MockHttpServletResponse> answer : answers) {
        MockHttpServletResponse response = answer.get(60, TimeUnit.SECONDS);
        statuses.add(response.getStatus());
        ids.add(api.read(response).path("certificateId").asText());
      }
      assertThat(statuses).as("one 201, the rest 200").containsOnly(201, 200)
          .filteredOn(s -> s == 201).hasSize(1);
      assertThat(ids).doesNotContain("").containsOnly(ids.get(0));
    } finally {
      pool.shutdownNow();
    }
    assertThat(processInstances(code)).isEqualTo(1);
    assertThat(certificates.count()).isEqualTo(before + 1);
  }

  // --- eligibility and invalid input ------------------------------------------------------

  @Test
  void refusesAClassThatIsNotFinishedAndSaysWhy() throws Exception {
    ObjectNode completion = api.completion(code, COMPLETED).put("progressPercent", 90);

    JsonNode problem = api.problem(api.postCompletion(completion), 422);

    assertThat(problem.path("detail").asText()).contains("90%").contains("100%");
    api.problem(api.findByRedemptionCode(code), 404);
  }

  @Test
  void refusesAClassWhoseExamWasNotPassedAndSaysWhy() throws Exception {
    ObjectNode completion = api.completion(code, COMPLETED).put("examPassed", false);

    JsonNode problem = api.problem(api.postCompletion(completion), 422);

    assertThat(problem.path("detail").asText()).containsIgnoringCase("exam");
    api.problem(api.findByRedemptionCode(code), 404);
  }

  @Test
  void namesEveryBadFieldAtOnceAndStoresNothing() throws Exception {
    ObjectNode completion = api.completion(code, COMPLETED);
    completion.put("completionId", "lms 7f3a91/!");
    completion.put("redemptionCode", "PK7H2");
    completion.put("platform", "SHOPEE");
    ((ObjectNode) completion.path("learner")).put("email", "budi.example.com");
    ((ObjectNode) completion.path("learner")).remove("name");
    ((ObjectNode) completion.path("course")).put("title", "   ");
    completion.put("progressPercent", "abc");
    completion.put("completedAt", NOW.plusMinutes(6).toString());
    long before = certificates.count();

    JsonNode problem = api.problem(api.postCompletion(completion), 422);

    assertThat(errorFields(problem)).containsExactlyInAnyOrder("completionId", "redemptionCode",
        "platform", "learner.email", "learner.name", "course.title", "progressPercent", "completedAt");
    problem.path("errors").forEach(e -> assertThat(e.path("message").asText()).isNotBlank());
    assertThat(certificates.count()).isEqualTo(before);
    api.problem(api.findByRedemptionCode("PK7H2"), 404);
  }

  @Test
  void namesAValueOfTheWrongTypeInAnOptionalFieldAndStoresNothing() throws Exception {
    ObjectNode completion = api.completion(code, COMPLETED).put("reviewSubmitted", "yes");
    completion.put("examPassed", 1);

    JsonNode problem = api.problem(api.postCompletion(completion), 422);

    assertThat(errorFields(problem)).containsExactlyInAnyOrder("reviewSubmitted", "examPassed");
    api.problem(api.findByRedemptionCode(code), 404);
  }

  @Test
  void refusesControlCharactersOfEitherRangeInNamesAndIdsAndStoresNothing() throws Exception {
    // C0 (U+0007 bell), DEL and C1 (U+0085 next line, U+009B CSI): invisible, and a terminal
    // or a platform's export may act on them
    ObjectNode completion = api.completion(code, COMPLETED);
    completion.put("certificateNumber", "SA-2026-\u0085000123");
    completion.put("prakerjaName", "BUDI\u009bSANTOSO");
    ((ObjectNode) completion.path("learner")).put("name", "Budi\u007fSantoso");
    ((ObjectNode) completion.path("course")).put("title", "Digital\u0007Marketing");

    JsonNode problem = api.problem(api.postCompletion(completion), 422);

    assertThat(errorFields(problem)).containsExactlyInAnyOrder("certificateNumber", "prakerjaName",
        "learner.name", "course.title");
    api.problem(api.findByRedemptionCode(code), 404);
  }

  @Test
  void refusesACompletionTimeWithoutAnOffsetAndKeepsTheCodeFree() throws Exception {
    ObjectNode completion = api.completion(code, COMPLETED).put("completedAt", "2026-11-27T15:30:00");

    JsonNode problem = api.problem(api.postCompletion(completion), 422);

    assertThat(errorFields(problem)).containsExactly("completedAt");
    api.problem(api.findByRedemptionCode(code), 404);
    assertThat(api.postCompletion(api.completion(code, COMPLETED)).getStatus()).isEqualTo(201);
  }

  @Test
  void acceptsACompletionTimeUpToFiveMinutesAheadOfTheServiceClockButNotLater() throws Exception {
    JsonNode tooFarAhead = api.problem(
        api.postCompletion(api.completion(code, NOW.plusMinutes(5).plusSeconds(1))), 422);
    assertThat(errorFields(tooFarAhead)).containsExactly("completedAt");

    assertThat(api.postCompletion(api.completion(code, NOW.plusMinutes(5))).getStatus()).isEqualTo(201);
  }

  @Test
  void answersMalformedJsonWithAPlain400Problem() throws Exception {
    MockHttpServletResponse response = mvc.perform(post(COMPLETIONS).header("X-Api-Key", TestApi.API_KEY)
        .contentType(MediaType.APPLICATION_JSON)
        .content("{\"completionId\": \"lms-1\", \"learner\": {\"name\": ")).andReturn().getResponse();

    JsonNode problem = api.problem(response, 400);
    assertThat(problem.has("errors")).isFalse();
  }

  @Test
  void refusesJsonThatIsNotUtf8AndStoresNothing() throws Exception {
    // an overlong '/' (C0 AF) and an encoded surrogate (ED A0 80): a lenient decoder makes them
    // a slash and a '?', and the name would be stored as something nobody sent
    for (byte[] bad : List.of(new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})) {
      String marker = "NAME-GOES-HERE";
      ObjectNode completion = api.completion(code, COMPLETED);
      ((ObjectNode) completion.path("learner")).put("name", marker);
      String text = json.writeValueAsString(completion);
      java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
      body.writeBytes(text.substring(0, text.indexOf(marker)).getBytes(StandardCharsets.UTF_8));
      body.writeBytes("Budi ".getBytes(StandardCharsets.UTF_8));
      body.writeBytes(bad);
      body.writeBytes(text.substring(text.indexOf(marker) + marker.length()).getBytes(StandardCharsets.UTF_8));

      MockHttpServletResponse response = mvc.perform(post(COMPLETIONS).header("X-Api-Key", TestApi.API_KEY)
          .contentType(MediaType.APPLICATION_JSON).content(body.toByteArray())).andReturn().getResponse();

      assertThat(api.problem(response, 400).path("detail").asText()).contains("UTF-8");
      api.problem(api.findByRedemptionCode(code), 404);
    }
  }

  @Test
  void refusesACsvBatchThatIsNotUtf8With400() throws Exception {
    String header = "completionId,redemptionCode,platform,learner.id,learner.name,learner.email,prakerjaName,"
        + "course.id,course.title,progressPercent,examPassed,certificateNumber,completedAt,reviewSubmitted\r\n";
    String line = row(code, "PINTARIA", "u-1", "Bu@@di", "budi@example.com", "BUDI", "Kelas", "100", "true");
    java.io.ByteArrayOutputStream csv = new java.io.ByteArrayOutputStream();
    csv.writeBytes((header + line.substring(0, line.indexOf("@@"))).getBytes(StandardCharsets.UTF_8));
    csv.write(0xFF);
    csv.writeBytes((line.substring(line.indexOf("@@") + 2) + "\r\n").getBytes(StandardCharsets.UTF_8));

    MockHttpServletResponse response = postBatch(MediaType.parseMediaType("text/csv"), csv.toByteArray());

    assertThat(api.problem(response, 400).path("detail").asText()).contains("UTF-8");
    api.problem(api.findByRedemptionCode(code), 404);
  }

  @Test
  void refusesABodyOverOneMebibyteThatDeclaresItsLength() throws Exception {
    byte[] body = oversizeCompletion();
    MockHttpServletResponse response = mvc.perform(post(COMPLETIONS).header("X-Api-Key", TestApi.API_KEY)
        .contentType(MediaType.APPLICATION_JSON).content(body)).andReturn().getResponse();

    api.problem(response, 413);
    api.problem(api.findByRedemptionCode(code), 404);
  }

  @Test
  void refusesABodyOverOneMebibyteThatIsStreamedWithoutALength() throws Exception {
    MockHttpServletResponse response = mvc.perform(streamedWithoutLength(COMPLETIONS, oversizeCompletion()))
        .andReturn().getResponse();

    api.problem(response, 413);
    api.problem(api.findByRedemptionCode(code), 404);
  }

  @Test
  void takesABodyJustUnderOneMebibyteThatIsStreamedWithoutALength() throws Exception {
    // the counting stream itself must not refuse what is allowed
    ObjectNode completion = api.completion(code, COMPLETED);
    byte[] plain = json.writeValueAsBytes(completion);
    completion.put("padding", "x".repeat(1024 * 1024 - plain.length - 20));
    byte[] body = json.writeValueAsBytes(completion);
    assertThat(body.length).isLessThanOrEqualTo(1024 * 1024);

    MockHttpServletResponse response = mvc.perform(streamedWithoutLength(COMPLETIONS, body))
        .andReturn().getResponse();

    assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(201);
  }

  @Test
  void refusesAContentTypeOtherThanJson() throws Exception {
    MockHttpServletResponse response = mvc.perform(post(COMPLETIONS).header("X-Api-Key", TestApi.API_KEY)
        .contentType(MediaType.TEXT_PLAIN)
        .content(json.writeValueAsString(api.completion(code, COMPLETED)))).andReturn().getResponse();

    api.problem(response, 415);
    api.problem(api.findByRedemptionCode(code), 404);
  }

  @Test
  void refusesACompletionWithAWrongOrMissingApiKeyAndStoresNothing() throws Exception {
    byte[] body = json.writeValueAsBytes(api.completion(code, COMPLETED));

    api.problem(mvc.perform(post(COMPLETIONS).header("X-Api-Key", "not-the-key")
        .contentType(MediaType.APPLICATION_JSON).content(body)).andReturn().getResponse(), 401);
    api.problem(mvc.perform(post(COMPLETIONS)
        .contentType(MediaType.APPLICATION_JSON).content(body)).andReturn().getResponse(), 401);
    api.problem(mvc.perform(post(BATCH).header("X-Api-Key", "")
        .contentType(MediaType.APPLICATION_JSON).content("[" + new String(body, StandardCharsets.UTF_8) + "]"))
        .andReturn().getResponse(), 401);

    api.problem(api.findByRedemptionCode(code), 404);
    assertThat(processInstances(code)).isZero();
  }

  @Test
  void storesAndShowsExpressionLikeTextVerbatimWithoutEvaluatingIt() throws Exception {
    ObjectNode completion = api.completion(code, COMPLETED);
    ((ObjectNode) completion.path("learner")).put("name", "Budi ${7*7} #{1+1}");
    completion.put("prakerjaName", "BUDI ${7*7} #{1+1}");
    ((ObjectNode) completion.path("course")).put("title", "${T(java.lang.Runtime).getRuntime()}");

    JsonNode created = api.complete(completion);

    JsonNode shown = api.status(created.path("certificateId").asText());
    assertThat(shown.at("/learner/name").asText()).isEqualTo("Budi ${7*7} #{1+1}");
    assertThat(shown.at("/course/title").asText()).isEqualTo("${T(java.lang.Runtime).getRuntime()}");
    assertThat(created.at("/learner/name").asText()).isEqualTo("Budi ${7*7} #{1+1}");
    // the names were compared as the text they are, and the process waits as for any other class
    assertThat(shown.path("state").asText()).isEqualTo("IN_PROGRESS");
    assertThat(shown.path("currentStage").asText()).isEqualTo("REPORTED_TO_PLATFORM");
    assertThat(waitingAt(code)).containsExactly("Event_ReportedToPlatform");
  }

  @Test
  void comparesAnExpressionLikeNameAsTextNotAsItsValue() throws Exception {
    ObjectNode completion = api.completion(code, COMPLETED);
    ((ObjectNode) completion.path("learner")).put("name", "${7*7}");
    completion.put("prakerjaName", "49");

    JsonNode created = api.complete(completion);

    assertThat(created.path("state").asText()).isEqualTo("ACTION_REQUIRED");
    assertThat(created.at("/actionRequired/reason").asText()).isEqualTo("NAME_MISMATCH");
    assertThat(created.at("/learner/name").asText()).isEqualTo("${7*7}");
    assertThat(waitingAt(code)).containsExactly("Event_LearnerNameCorrected");
  }

  // --- batches ----------------------------------------------------------------------------

  @Test
  void takesTheValidItemsOfAJsonBatchAndReportsEachItemsOutcome() throws Exception {
    String bad = TestApi.newRedemptionCode();
    String ineligible = TestApi.newRedemptionCode();
    ObjectNode valid = api.completion(code, COMPLETED);
    ObjectNode invalid = api.completion(bad, COMPLETED).put("platform", "SHOPEE");
    ((ObjectNode) invalid.path("learner")).put("email", "not an address");
    ObjectNode unfinished = api.completion(ineligible, COMPLETED).put("progressPercent", 99);
    ArrayNode batch = json.createArrayNode().add(valid).add(invalid).add(unfinished).add(valid.deepCopy());

    MockHttpServletResponse response = postBatch(MediaType.APPLICATION_JSON, json.writeValueAsBytes(batch));

    assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
    JsonNode results = api.read(response).path("results");
    assertThat(results).hasSize(4);
    for (int i = 0; i < 4; i++) {
      assertThat(results.get(i).path("index").asInt()).isEqualTo(i);
    }
    assertThat(results.get(0).path("outcome").asText()).isEqualTo("CREATED");
    assertThat(results.get(0).path("completionId").asText()).isEqualTo(valid.path("completionId").asText());
    String id = results.get(0).path("certificateId").asText();
    assertThat(id).isNotBlank();

    assertThat(results.get(1).path("outcome").asText()).isEqualTo("REJECTED");
    assertThat(errorFields(results.get(1))).containsExactlyInAnyOrder("platform", "learner.email");
    assertThat(results.get(2).path("outcome").asText()).isEqualTo("REJECTED");
    assertThat(errorFields(results.get(2))).contains("progressPercent");
    assertThat(results.get(3).path("outcome").asText()).isEqualTo("DUPLICATE");
    assertThat(results.get(3).path("certificateId").asText()).isEqualTo(id);

    assertThat(api.read(api.findByRedemptionCode(code)).path("certificateId").asText()).isEqualTo(id);
    assertThat(processInstances(code)).isEqualTo(1);
    api.problem(api.findByRedemptionCode(bad), 404);
    api.problem(api.findByRedemptionCode(ineligible), 404);
  }

  @Test
  void aBatchTakesEachCompletionOnceWhenKnownOnesAndTwinsShareItsChunk() throws Exception {
    String known = TestApi.newRedemptionCode();
    String taken = TestApi.newRedemptionCode();
    String fresh = TestApi.newRedemptionCode();
    ObjectNode earlier = api.completion(known, COMPLETED);
    String earlierId = api.complete(earlier).path("certificateId").asText();
    String takenId = api.complete(api.completion(taken, COMPLETED)).path("certificateId").asText();
    ObjectNode newOne = api.completion(fresh, COMPLETED);
    ObjectNode sameCodeOtherCompletion = api.completion(taken, COMPLETED).put("completionId", "lms-other-" + taken);
    ArrayNode batch = json.createArrayNode().add(earlier.deepCopy()).add(newOne)
        .add(sameCodeOtherCompletion).add(newOne.deepCopy()).add(api.completion(code, COMPLETED));

    MockHttpServletResponse response = postBatch(MediaType.APPLICATION_JSON, json.writeValueAsBytes(batch));

    assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
    JsonNode results = api.read(response).path("results");
    assertThat(results.findValuesAsText("outcome"))
        .containsExactly("DUPLICATE", "CREATED", "REJECTED", "DUPLICATE", "CREATED");
    assertThat(results.get(0).path("certificateId").asText()).isEqualTo(earlierId);
    assertThat(results.get(3).path("certificateId").asText())
        .isEqualTo(results.get(1).path("certificateId").asText());
    assertThat(errorFields(results.get(2))).containsExactly("redemptionCode");
    for (String c : List.of(known, taken, fresh, code)) {
      assertThat(processInstances(c)).as(c).isEqualTo(1);
    }
    assertThat(api.read(api.findByRedemptionCode(taken)).path("certificateId").asText())
        .isEqualTo(takenId);
  }

  @Test
  void refusesAJsonBatchOfMoreThanAThousandItemsAsAWhole() throws Exception {
    ArrayNode batch = json.createArrayNode();
    batch.add(api.completion(code, COMPLETED));
    for (int i = 1; i < 1001; i++) {
      batch.addObject();
    }

    api.problem(postBatch(MediaType.APPLICATION_JSON, json.writeValueAsBytes(batch)), 422);

    api.problem(api.findByRedemptionCode(code), 404);
  }

  @Test
  void answersEveryItemOfAJsonBatchOfExactlyAThousand() throws Exception {
    ArrayNode batch = json.createArrayNode();
    for (int i = 0; i < 1000; i++) {
      batch.addObject().put("completionId", "lms-empty-" + i);
    }

    MockHttpServletResponse response = postBatch(MediaType.APPLICATION_JSON, json.writeValueAsBytes(batch));

    assertThat(response.getStatus()).isEqualTo(200);
    JsonNode results = api.read(response).path("results");
    assertThat(results).hasSize(1000);
    assertThat(results.get(999).path("index").asInt()).isEqualTo(999);
    assertThat(results.get(999).path("completionId").asText()).isEqualTo("lms-empty-999");
    assertThat(results.findValuesAsText("outcome")).containsOnly("REJECTED");
  }

  @Test
  void refusesAJsonBatchThatIsNotAnArray() throws Exception {
    byte[] single = json.writeValueAsBytes(api.completion(code, COMPLETED));

    api.problem(postBatch(MediaType.APPLICATION_JSON, single), 422);

    api.problem(api.findByRedemptionCode(code), 404);
  }

  @Test
  void takesACsvBatchWithDottedHeadersAndQuotedCommas() throws Exception {
    String second = TestApi.newRedemptionCode();
    String bad = TestApi.newRedemptionCode();
    String csv = String.join("\r\n",
        "completionId,redemptionCode,platform,learner.id,learner.name,learner.email,prakerjaName,"
            + "course.id,course.title,progressPercent,examPassed,certificateNumber,completedAt,reviewSubmitted",
        row(code, "PINTARIA", "u-1", "Budi Santoso", "budi@example.com", "BUDI SANTOSO",
            "\"Digital Marketing, untuk UMKM\"", "100", "true"),
        row(second, "PIJAR_MAHIR", "u-2", "Dewi Pütri Anggraeni", "dewi@example.com",
            "DEWI PÜTRI ANGGRAENI", "Akuntansi Dasar", "100", "false"),
        row(bad, "PINTARIA", "u-3", "Rina", "rina(at)example.com", "RINA", "Desain Grafis",
            "seratus", "true"),
        "");

    MockHttpServletResponse response = postBatch(MediaType.parseMediaType("text/csv"),
        csv.getBytes(StandardCharsets.UTF_8));

    assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
    JsonNode results = api.read(response).path("results");
    assertThat(results.findValuesAsText("outcome")).containsExactly("CREATED", "CREATED", "REJECTED");
    assertThat(results.get(2).path("index").asInt()).isEqualTo(2);
    assertThat(results.get(2).path("completionId").asText()).isEqualTo("lms-" + bad.toLowerCase(Locale.ROOT));
    assertThat(errorFields(results.get(2))).containsExactlyInAnyOrder("learner.email", "progressPercent");

    JsonNode first = api.status(results.get(0).path("certificateId").asText());
    assertThat(first.path("redemptionCode").asText()).isEqualTo(code);
    assertThat(first.path("platform").asText()).isEqualTo("PINTARIA");
    assertThat(first.path("course")).isEqualTo(json.readTree(
        "{\"id\": \"c-77\", \"title\": \"Digital Marketing, untuk UMKM\"}"));
    assertThat(first.path("learner")).isEqualTo(json.readTree("{\"id\": \"u-1\", \"name\": \"Budi Santoso\"}"));
    JsonNode other = api.status(results.get(1).path("certificateId").asText());
    assertThat(other.at("/learner/name").asText()).isEqualTo("Dewi Pütri Anggraeni");
    assertThat(other.path("state").asText()).isEqualTo("IN_PROGRESS");
    assertThat(other.path("reviewSubmitted").asBoolean()).isFalse();
    api.problem(api.findByRedemptionCode(bad), 404);
  }

  @Test
  void refusesABatchInAContentTypeOtherThanJsonOrCsv() throws Exception {
    api.problem(postBatch(MediaType.TEXT_PLAIN, "completionId\nlms-1\n".getBytes(StandardCharsets.UTF_8)), 415);
  }

  // --- the learner's name -----------------------------------------------------------------

  @Test
  void correctsTheLearnersNameAndShowsItInTheDocument() throws Exception {
    String id = api.complete(api.completion(code, COMPLETED)).path("certificateId").asText();
    clock.set(NOW.plusHours(1));

    MockHttpServletResponse response = api.correctName(id, "Budi Santoso Putra");

    assertThat(response.getStatus()).isEqualTo(200);
    JsonNode doc = api.read(response);
    assertThat(doc.path("certificateId").asText()).isEqualTo(id);
    assertThat(doc.at("/learner/name").asText()).isEqualTo("Budi Santoso Putra");
    assertThat(doc.at("/learner/id").asText()).isEqualTo("u-1029");
    assertThat(doc.path("updatedAt").asText()).isEqualTo("2026-11-27T16:31:00+07:00");
    assertThat(api.status(id).at("/learner/name").asText()).isEqualTo("Budi Santoso Putra");
  }

  @Test
  void refusesABlankLearnerName() throws Exception {
    String id = api.complete(api.completion(code, COMPLETED)).path("certificateId").asText();

    assertThat(errorFields(api.problem(api.correctName(id, "   "), 422))).containsExactly("name");
    assertThat(api.status(id).at("/learner/name").asText()).isEqualTo("Budi Santoso");
  }

  @Test
  void refusesAMissingLearnerName() throws Exception {
    String id = api.complete(api.completion(code, COMPLETED)).path("certificateId").asText();

    MockHttpServletResponse response = patchLearner(id, "{\"nama\": \"Budi\"}");

    assertThat(errorFields(api.problem(response, 422))).containsExactly("name");
    assertThat(api.status(id).at("/learner/name").asText()).isEqualTo("Budi Santoso");
  }

  @Test
  void refusesALearnerNameLongerThanTwoHundredCharacters() throws Exception {
    String id = api.complete(api.completion(code, COMPLETED)).path("certificateId").asText();

    assertThat(errorFields(api.problem(api.correctName(id, "B".repeat(201)), 422))).containsExactly("name");
    assertThat(api.correctName(id, "B".repeat(200)).getStatus()).isEqualTo(200);
  }

  @Test
  void answersANameCorrectionForAnUnknownCertificateWith404() throws Exception {
    api.problem(api.correctName(java.util.UUID.randomUUID().toString(), "Budi Santoso"), 404);
    api.problem(api.correctName("not-a-certificate", "Budi Santoso"), 404);
  }

  @Test
  void answersAMalformedNameCorrectionWith400() throws Exception {
    String id = api.complete(api.completion(code, COMPLETED)).path("certificateId").asText();

    api.problem(patchLearner(id, "{\"name\": "), 400);
  }

  // --- helpers ----------------------------------------------------------------------------

  private static String row(String code, String platform, String learnerId, String name,
      String email, String prakerjaName, String courseTitle, String progress, String review) {
    return String.join(",", "lms-" + code.toLowerCase(Locale.ROOT), code.toLowerCase(Locale.ROOT),
        platform, learnerId, name, email, prakerjaName, "c-77", courseTitle, progress, "true",
        "SA-2026-" + code, COMPLETED.toString(), review);
  }

  private MockHttpServletResponse postBatch(MediaType type, byte[] body) throws Exception {
    return mvc.perform(post(BATCH).header("X-Api-Key", TestApi.API_KEY).contentType(type).content(body))
        .andReturn().getResponse();
  }

  private MockHttpServletResponse patchLearner(String id, String body) throws Exception {
    return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
        .patch("/api/v1/certificates/" + id + "/learner").header("X-Api-Key", TestApi.API_KEY)
        .contentType(MediaType.APPLICATION_JSON).content(body)).andReturn().getResponse();
  }

  /** A well-formed completion made larger than 1 MiB by one long (ignored) field. */
  private byte[] oversizeCompletion() throws Exception {
    ObjectNode completion = api.completion(code, COMPLETED);
    completion.put("padding", "x".repeat(1024 * 1024 + 1));
    return json.writeValueAsBytes(completion);
  }

  /** A JSON POST whose length is not declared: the service only finds out by reading. */
  private static RequestBuilder streamedWithoutLength(String uri, byte[] body) {
    return servletContext -> {
      MockHttpServletRequest request = new MockHttpServletRequest(servletContext, "POST", uri) {
        @Override
        public int getContentLength() {
          return -1;
        }

        @Override
        public long getContentLengthLong() {
          return -1;
        }
      };
      request.addHeader("X-Api-Key", TestApi.API_KEY);
      request.setContentType(MediaType.APPLICATION_JSON_VALUE);
      request.setContent(body);
      return request;
    };
  }

  private long processInstances(String businessKey) {
    return runtime.createProcessInstanceQuery()
        .processDefinitionKey(CertificateProcess.KEY).processInstanceBusinessKey(businessKey).count();
  }

  private List<String> waitingAt(String businessKey) {
    String instance = runtime.createProcessInstanceQuery()
        .processDefinitionKey(CertificateProcess.KEY).processInstanceBusinessKey(businessKey)
        .singleResult().getId();
    return runtime.getActiveActivityIds(instance);
  }
}
