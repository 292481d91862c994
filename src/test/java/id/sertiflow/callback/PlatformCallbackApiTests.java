package id.sertiflow.callback;

import static id.sertiflow.TestApi.wib;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.sertiflow.EngineClock;
import id.sertiflow.SertiflowTest;
import id.sertiflow.TestApi;
import id.sertiflow.calendar.ServiceClock;
import id.sertiflow.certificate.Certificates;
import id.sertiflow.metrics.ServiceMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import id.sertiflow.platform.CallbackSignature;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The digital platforms' door, {@code POST /api/v1/platforms/{platform}/events}, as a platform
 * and a learner see it: signed calls only, each event stored once, stages that only move forward
 * with the times the events carry, and early events kept until the certificate can take them.
 */
@SertiflowTest
class PlatformCallbackApiTests {

  // Friday afternoon: the report to the platform is due Monday 30 Nov at the same time
  static final OffsetDateTime COMPLETED = wib("2026-11-27T15:30:00");
  static final String TOKOPEDIA = "tokopedia";
  static final String SECRET = TestApi.TOKOPEDIA_SECRET;
  static final String BUKALAPAK_SECRET = "demo-secret-bukalapak";

  @RegisterExtension final EngineClock clock = EngineClock.at(COMPLETED.plusMinutes(1));

  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired JdbcTemplate jdbc;
  @Autowired PlatformEventInbox inbox;
  @Autowired PlatformEventApplier applier;
  @Autowired Certificates certificates;
  @Autowired ServiceClock serviceClock;
  @Autowired MeterRegistry meters;

  TestApi api;
  String code;

  @BeforeEach
  void setUp() {
    api = new TestApi(mvc, json);
    code = TestApi.newRedemptionCode();
  }

  // --- who may call -------------------------------------------------------------------------

  @Test
  void refusesACallWhoseSignatureDoesNotMatchAndStoresNothing() throws Exception {
    String id = newCertificate(code);
    clock.set(wib("2026-12-01T09:30:00"));
    ObjectNode event = reportedToPmo("sig", wib("2026-12-01T09:12:00"));
    JsonNode before = api.status(id);
    byte[] raw = json.writeValueAsBytes(event);
    String timestamp = nowSeconds();
    // signed over another body: what an attacker who changed the event in transit would send
    String signature = CallbackSignature.sign(SECRET, timestamp,
        "{\"eventId\":\"something-else\"}".getBytes(StandardCharsets.UTF_8));

    MockHttpServletResponse refused = api.postSigned(TOKOPEDIA, timestamp, signature, raw);

    assertUnauthorizedAndNothingStored(refused, id, before, event);
  }

  @Test
  void refusesACallSignedWithAnotherPlatformsSecret() throws Exception {
    String id = newCertificate(code);
    clock.set(wib("2026-12-01T09:30:00"));
    ObjectNode event = reportedToPmo("foreign-secret", wib("2026-12-01T09:12:00"));
    JsonNode before = api.status(id);

    MockHttpServletResponse refused = api.postEvents(TOKOPEDIA, BUKALAPAK_SECRET, event);

    assertUnauthorizedAndNothingStored(refused, id, before, event);
  }

  @Test
  void refusesACallWithoutTimestampOrSignature() throws Exception {
    String id = newCertificate(code);
    clock.set(wib("2026-12-01T09:30:00"));
    ObjectNode event = reportedToPmo("unsigned", wib("2026-12-01T09:12:00"));
    JsonNode before = api.status(id);
    byte[] raw = json.writeValueAsBytes(event);
    String timestamp = nowSeconds();
    String signature = CallbackSignature.sign(SECRET, timestamp, raw);

    assertThat(api.postSigned(TOKOPEDIA, timestamp, null, raw).getStatus()).isEqualTo(401);
    assertThat(api.postSigned(TOKOPEDIA, null, signature, raw).getStatus()).isEqualTo(401);
    MockHttpServletResponse refused = api.postSigned(TOKOPEDIA, null, null, raw);

    assertUnauthorizedAndNothingStored(refused, id, before, event);
  }

  @Test
  void refusesASignatureMoreThanFiveMinutesOld() throws Exception {
    String id = newCertificate(code);
    clock.set(wib("2026-12-01T09:30:00"));
    ObjectNode event = reportedToPmo("stale", wib("2026-12-01T09:12:00"));
    JsonNode before = api.status(id);
    byte[] raw = json.writeValueAsBytes(event);
    // a correct signature, but captured 301 s ago: a replay
    String timestamp = Long.toString(serviceClock.now().getEpochSecond() - 301);

    MockHttpServletResponse refused = api.postSigned(TOKOPEDIA, timestamp,
        CallbackSignature.sign(SECRET, timestamp, raw), raw);

    assertUnauthorizedAndNothingStored(refused, id, before, event);
  }

  @Test
  void acceptsASignatureJustUnderFiveMinutesOld() throws Exception {
    String id = newCertificate(code);
    clock.set(wib("2026-12-01T09:30:00"));
    byte[] raw = json.writeValueAsBytes(reportedToPmo("slow", wib("2026-12-01T09:12:00")));
    String timestamp = Long.toString(serviceClock.now().getEpochSecond() - 299);

    MockHttpServletResponse accepted = api.postSigned(TOKOPEDIA, timestamp,
        CallbackSignature.sign(SECRET, timestamp, raw), raw);

    assertThat(accepted.getStatus()).isEqualTo(202);
    assertThat(api.status(id).at("/stages/2/status").asText()).isEqualTo("DONE");
  }

  @Test
  void answersNotFoundForAPlatformThatDoesNotExist() throws Exception {
    newCertificate(code);
    clock.set(wib("2026-12-01T09:30:00"));

    MockHttpServletResponse response = api.postEvents("shopee", SECRET,
        reportedToPmo("nowhere", wib("2026-12-01T09:12:00")));

    assertThat(response.getStatus()).isEqualTo(404);
    assertThat(response.getContentType()).startsWith("application/problem+json");
    assertThat(api.read(response).get("status").asInt()).isEqualTo(404);
  }

  // --- what an event does -------------------------------------------------------------------

  @Test
  void aVerificationCompletesEveryEarlierStageWithTheTimeItCarries() throws Exception {
    String id = newCertificate(code);
    assertThat(processInstances(code)).isOne();
    clock.set(wib("2026-12-04T10:05:00"));

    // the platform writes UTC; the service answers in Jakarta time
    MockHttpServletResponse response = api.postEvents(TOKOPEDIA, SECRET,
        api.event(eventId("verified"), "PMO_VERIFIED", code, OffsetDateTime.parse("2026-12-04T03:00:00Z")));

    assertThat(response.getStatus()).isEqualTo(202);
    JsonNode status = api.status(id);
    assertThat(status.get("state").asText()).isEqualTo("VERIFIED");
    assertThat(status.has("currentStage")).isFalse();
    assertThat(status.get("expectedOnDashboardBy").asText()).isEqualTo("2026-12-04T10:00:00+07:00");
    for (int stage = 1; stage <= 3; stage++) {
      assertThat(status.at("/stages/" + stage + "/status").asText()).isEqualTo("DONE");
      assertThat(status.at("/stages/" + stage + "/completedAt").asText())
          .isEqualTo("2026-12-04T10:00:00+07:00");
    }
    assertThat(processInstances(code)).isZero();
  }

  @Test
  void aPmoReportCompletesThePlatformReportAndGivesThePmoSevenWorkingDays() throws Exception {
    String id = newCertificate(code);
    // Friday 18 Dec: the 7 working days skip the weekends, 24 Dec (cuti bersama) and 25 Dec
    OffsetDateTime reported = wib("2026-12-18T09:00:00");
    clock.set(reported.plusMinutes(20));

    assertThat(api.postEvents(TOKOPEDIA, SECRET, reportedToPmo("pmo", reported)).getStatus())
        .isEqualTo(202);

    JsonNode status = api.status(id);
    assertThat(status.get("state").asText()).isEqualTo("IN_PROGRESS");
    assertThat(status.get("currentStage").asText()).isEqualTo("VERIFIED_BY_PMO");
    assertThat(status.at("/stages/1/status").asText()).isEqualTo("DONE");
    assertThat(status.at("/stages/1/completedAt").asText()).isEqualTo("2026-12-18T09:00:00+07:00");
    assertThat(status.at("/stages/2/status").asText()).isEqualTo("DONE");
    assertThat(status.at("/stages/2/completedAt").asText()).isEqualTo("2026-12-18T09:00:00+07:00");
    assertThat(status.at("/stages/3/status").asText()).isEqualTo("IN_PROGRESS");
    assertThat(status.at("/stages/3/dueAt").asText()).isEqualTo("2026-12-31T09:00:00+07:00");
    assertThat(status.get("expectedOnDashboardBy").asText()).isEqualTo("2026-12-31T09:00:00+07:00");
  }

  @Test
  void anEventForAStageUnderEscalationCompletesItAndClosesTheEscalation() throws Exception {
    String id = newCertificate(code);
    // Monday 30 Nov 15:30 passed: the report to the platform is overdue and an operator chases it
    clock.set(wib("2026-11-30T16:00:00"));
    for (Job due : management.createJobQuery().processInstanceId(instance(code).getId()).timers()
        .list()) {
      management.executeJob(due.getId());
    }
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(code)
        .taskDefinitionKey("Task_ChaseOverduePlatformReport").count()).isOne();

    assertThat(api.postEvents(TOKOPEDIA, SECRET, reportedToPmo("late", wib("2026-11-30T15:55:00")))
        .getStatus()).isEqualTo(202);

    JsonNode status = api.status(id);
    assertThat(status.get("currentStage").asText()).isEqualTo("VERIFIED_BY_PMO");
    assertThat(status.at("/stages/1/completedAt").asText()).isEqualTo("2026-11-30T15:55:00+07:00");
    assertThat(status.at("/stages/2/completedAt").asText()).isEqualTo("2026-11-30T15:55:00+07:00");
    assertThat(inboxStatus(eventId("late"))).isEqualTo("APPLIED");
    // the chase went with the wait it chased
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(code).count()).isZero();
  }

  @Test
  void anEventForASuspendedCertificateWaitsUntilAnOperatorActivatesIt() throws Exception {
    String id = newCertificate(code);
    // an operator suspended the certificate's process in Cockpit
    runtime.suspendProcessInstanceById(instance(code).getId());
    clock.set(wib("2026-12-01T12:00:00"));
    JsonNode before = api.status(id);

    assertThat(api.postEvents(TOKOPEDIA, SECRET, reportedToPmo("held", wib("2026-12-01T09:12:00")))
        .getStatus()).isEqualTo(202);
    assertThat(inboxStatus(eventId("held"))).isEqualTo("PENDING");
    assertThat(api.status(id)).isEqualTo(before);

    runtime.activateProcessInstanceById(instance(code).getId());
    applier.applyPending(UUID.fromString(id));
    assertThat(inboxStatus(eventId("held"))).isEqualTo("APPLIED");
    assertThat(api.status(id).at("/stages/2/completedAt").asText())
        .isEqualTo("2026-12-01T09:12:00+07:00");
  }

  @Test
  void aRepeatedEventIdIsAcceptedAgainButChangesNothing() throws Exception {
    String id = newCertificate(code);
    clock.set(wib("2026-12-01T12:00:00"));
    ObjectNode first = reportedToPmo("twice", wib("2026-12-01T09:12:00"));
    ObjectNode replay = reportedToPmo("twice", wib("2026-12-01T11:00:00"));

    assertThat(api.postEvents(TOKOPEDIA, SECRET, first).getStatus()).isEqualTo(202);
    JsonNode afterFirst = api.status(id);
    assertThat(api.postEvents(TOKOPEDIA, SECRET, replay).getStatus()).isEqualTo(202);

    JsonNode status = api.status(id);
    assertThat(status.at("/stages/2/completedAt").asText()).isEqualTo("2026-12-01T09:12:00+07:00");
    assertThat(status.at("/stages/3/dueAt").asText()).isEqualTo("2026-12-10T09:12:00+07:00");
    assertThat(status).isEqualTo(afterFirst);
    assertThat(inboxRows(first.get("eventId").asText())).isOne();
  }

  @Test
  void aStageNeverGoesBackWhenAnOlderEventArrivesLate() throws Exception {
    String id = newCertificate(code);
    clock.set(wib("2026-12-04T10:05:00"));
    api.platformSays("PMO_VERIFIED", code, wib("2026-12-04T10:00:00"));
    JsonNode verified = api.status(id);
    assertThat(verified.get("state").asText()).isEqualTo("VERIFIED");

    clock.set(wib("2026-12-04T11:00:00"));
    MockHttpServletResponse late = api.postEvents(TOKOPEDIA, SECRET,
        reportedToPmo("late", wib("2026-12-02T09:00:00")));

    assertThat(late.getStatus()).isEqualTo(202);
    JsonNode status = api.status(id);
    assertThat(status.get("state").asText()).isEqualTo("VERIFIED");
    assertThat(status.get("stages")).isEqualTo(verified.get("stages"));
    assertThat(status.get("updatedAt")).isEqualTo(verified.get("updatedAt"));
  }

  @Test
  void aSecondReportOfADoneStageKeepsTheFirstTime() throws Exception {
    String id = newCertificate(code);
    clock.set(wib("2026-12-01T12:00:00"));
    api.platformSays("REPORTED_TO_PMO", code, wib("2026-12-01T09:12:00"));
    JsonNode reported = api.status(id);

    // another event id for the same stage, as a platform that reports twice would send
    assertThat(api.postEvents(TOKOPEDIA, SECRET, reportedToPmo("again", wib("2026-12-01T11:30:00")))
        .getStatus()).isEqualTo(202);

    JsonNode status = api.status(id);
    assertThat(status.get("stages")).isEqualTo(reported.get("stages"));
    assertThat(status.at("/stages/2/completedAt").asText()).isEqualTo("2026-12-01T09:12:00+07:00");
    assertThat(status.get("currentStage").asText()).isEqualTo("VERIFIED_BY_PMO");
  }

  @Test
  void anEarlyVerificationWaitsForTheNameCorrectionAndThenApplies() throws Exception {
    ObjectNode completion = api.completion(code, COMPLETED);
    ((ObjectNode) completion.get("learner")).put("name", "Budi S.");
    String id = api.complete(completion).get("certificateId").asText();
    clock.set(wib("2026-12-04T10:05:00"));

    MockHttpServletResponse early = api.postEvents(TOKOPEDIA, SECRET,
        api.event(eventId("early"), "PMO_VERIFIED", code, wib("2026-12-04T10:00:00")));

    assertThat(early.getStatus()).isEqualTo(202);
    JsonNode waiting = api.status(id);
    assertThat(waiting.get("state").asText()).isEqualTo("ACTION_REQUIRED");
    assertThat(waiting.at("/actionRequired/reason").asText()).isEqualTo("NAME_MISMATCH");
    assertThat(waiting.at("/stages/3/status").asText()).isNotEqualTo("DONE");
    assertThat(inboxStatus(eventId("early"))).isEqualTo("PENDING");

    clock.set(wib("2026-12-04T10:10:00"));
    var corrected = api.correctName(id, "Budi Santoso");
    assertThat(corrected.getStatus()).isEqualTo(200);
    // the correction's own answer already shows what the waiting event did
    assertThat(api.read(corrected).get("state").asText()).isEqualTo("VERIFIED");

    JsonNode status = api.status(id);
    assertThat(status.get("state").asText()).isEqualTo("VERIFIED");
    assertThat(status.get("actionRequired").isNull()).isTrue();
    assertThat(status.at("/stages/3/completedAt").asText()).isEqualTo("2026-12-04T10:00:00+07:00");
    assertThat(processInstances(code)).isZero();
  }

  @Test
  void answersNotFoundForAnotherPlatformsRedemptionCode() throws Exception {
    String id = newCertificate(code); // a Tokopedia certificate
    clock.set(wib("2026-12-01T09:30:00"));
    JsonNode before = api.status(id);
    ObjectNode event = api.event("bl-" + code, "REPORTED_TO_PMO", code, wib("2026-12-01T09:12:00"));

    MockHttpServletResponse response = api.postEvents("bukalapak", BUKALAPAK_SECRET, event);

    assertThat(response.getStatus()).isEqualTo(404);
    assertThat(response.getContentType()).startsWith("application/problem+json");
    assertThat(api.status(id)).isEqualTo(before);
    assertThat(inboxRows("bl-" + code)).isZero();
  }

  // --- arrays and bad input -----------------------------------------------------------------

  @Test
  void anArrayIsAnsweredEventByEventAndItsGoodEventsAreTaken() throws Exception {
    String id = newCertificate(code);
    clock.set(wib("2026-12-01T09:30:00"));
    ObjectNode valid = reportedToPmo("batch", wib("2026-12-01T09:12:00"));
    ObjectNode unknownCode = api.event(eventId("batch-unknown"), "REPORTED_TO_PMO",
        TestApi.newRedemptionCode(), wib("2026-12-01T09:12:00"));
    ObjectNode noType = reportedToPmo("batch-notype", wib("2026-12-01T09:12:00"));
    noType.remove("type");
    ArrayNode events = json.createArrayNode().add(valid).add(unknownCode).add(noType).add(valid.deepCopy());

    MockHttpServletResponse response = api.postEvents(TOKOPEDIA, SECRET, events);

    assertThat(response.getStatus()).isEqualTo(202);
    JsonNode results = api.read(response).get("results");
    assertThat(results).hasSize(4);
    assertResult(results.get(0), 0, valid, "ACCEPTED", 202);
    assertResult(results.get(1), 1, unknownCode, "NOT_FOUND", 404);
    assertResult(results.get(2), 2, noType, "REJECTED", 422);
    assertThat(results.get(2).get("errors")).extracting(e -> e.get("field").asText()).containsExactly("type");
    assertResult(results.get(3), 3, valid, "DUPLICATE", 202);

    JsonNode status = api.status(id);
    assertThat(status.at("/stages/2/status").asText()).isEqualTo("DONE");
    assertThat(status.at("/stages/2/completedAt").asText()).isEqualTo("2026-12-01T09:12:00+07:00");
    assertThat(inboxRows(valid.get("eventId").asText())).isOne();
    assertThat(inboxRows(noType.get("eventId").asText())).isZero();
  }

  @Test
  void anArrayWithAReplayAndATwinAppliesEachEventOnceToEachCertificate() throws Exception {
    String id = newCertificate(code);
    String otherCode = TestApi.newRedemptionCode();
    String otherId = newCertificate(otherCode);
    clock.set(wib("2026-12-01T09:30:00"));
    ObjectNode replayed = reportedToPmo("replayed", wib("2026-12-01T09:12:00"));
    assertThat(api.postEvents(TOKOPEDIA, SECRET, replayed).getStatus()).isEqualTo(202);
    ObjectNode verified = api.event(eventId("verified"), "PMO_VERIFIED", code, wib("2026-12-01T09:20:00"));
    ObjectNode other = api.event("tkp-other-" + otherCode, "REPORTED_TO_PMO", otherCode,
        wib("2026-12-01T09:15:00"));
    ArrayNode events = json.createArrayNode().add(replayed.deepCopy()).add(verified)
        .add(verified.deepCopy()).add(other);

    MockHttpServletResponse response = api.postEvents(TOKOPEDIA, SECRET, events);

    assertThat(response.getStatus()).isEqualTo(202);
    assertThat(api.read(response).get("results").findValuesAsText("outcome"))
        .containsExactly("DUPLICATE", "ACCEPTED", "DUPLICATE", "ACCEPTED");
    JsonNode status = api.status(id);
    assertThat(status.get("state").asText()).isEqualTo("VERIFIED");
    assertThat(status.at("/stages/2/completedAt").asText()).isEqualTo("2026-12-01T09:12:00+07:00");
    assertThat(status.at("/stages/3/completedAt").asText()).isEqualTo("2026-12-01T09:20:00+07:00");
    assertThat(api.status(otherId).at("/stages/2/completedAt").asText())
        .isEqualTo("2026-12-01T09:15:00+07:00");
    for (String eventId : List.of(replayed.get("eventId").asText(), verified.get("eventId").asText(),
        other.get("eventId").asText())) {
      assertThat(inboxRows(eventId)).as(eventId).isOne();
      assertThat(inboxStatus(eventId)).as(eventId).isEqualTo("APPLIED");
    }
  }

  @Test
  void eachStageKeepsTheTimeOfItsOwnEventWhenABatchComesOutOfOrder() throws Exception {
    String id = newCertificate(code);
    clock.set(wib("2026-12-04T10:05:00"));
    ArrayNode events = json.createArrayNode()
        .add(api.event(eventId("ooo-verified"), "PMO_VERIFIED", code, wib("2026-12-04T10:00:00")))
        .add(reportedToPmo("ooo-reported", wib("2026-12-01T09:12:00")));

    assertThat(api.postEvents(TOKOPEDIA, SECRET, events).getStatus()).isEqualTo(202);

    JsonNode status = api.status(id);
    assertThat(status.get("state").asText()).isEqualTo("VERIFIED");
    assertThat(status.at("/stages/1/completedAt").asText()).isEqualTo("2026-12-01T09:12:00+07:00");
    assertThat(status.at("/stages/2/completedAt").asText()).isEqualTo("2026-12-01T09:12:00+07:00");
    assertThat(status.at("/stages/3/completedAt").asText()).isEqualTo("2026-12-04T10:00:00+07:00");
  }

  @Test
  void aPlatformCatchingUpMovesEachCertificateThroughSeveralStagesInOneTransaction()
      throws Exception {
    // a platform back after an outage sends each certificate's reports and verdicts at once:
    // every certificate takes two or three messages, all in one engine command
    List<String> verifiedCodes = new ArrayList<>();
    List<String> verifiedIds = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String c = TestApi.newRedemptionCode();
      verifiedCodes.add(c);
      verifiedIds.add(newCertificate(c));
    }
    String rejectedId = newCertificate(code);
    clock.set(wib("2026-12-04T10:05:00"));
    ArrayNode events = json.createArrayNode();
    for (String c : verifiedCodes) {
      events.add(api.event("tkp-up-pmo-" + c, "REPORTED_TO_PMO", c, wib("2026-12-01T09:12:00")));
      events.add(api.event("tkp-up-ok-" + c, "PMO_VERIFIED", c, wib("2026-12-04T10:00:00")));
    }
    events.add(rejected("up-rejected", "INCOMPLETE_DATA", "certificate number unreadable"));
    double together = chunks("together");
    double oneByOne = chunks("one_by_one");

    assertThat(api.postEvents(TOKOPEDIA, SECRET, events).getStatus()).isEqualTo(202);

    for (String id : verifiedIds) {
      JsonNode status = api.status(id);
      assertThat(status.get("state").asText()).as(id).isEqualTo("VERIFIED");
      assertThat(status.at("/stages/1/completedAt").asText()).isEqualTo("2026-12-01T09:12:00+07:00");
      assertThat(status.at("/stages/2/completedAt").asText()).isEqualTo("2026-12-01T09:12:00+07:00");
      assertThat(status.at("/stages/3/completedAt").asText()).isEqualTo("2026-12-04T10:00:00+07:00");
    }
    for (String c : verifiedCodes) {
      assertThat(processInstances(c)).as(c).isZero();
    }
    JsonNode rejectedStatus = api.status(rejectedId);
    assertThat(rejectedStatus.get("state").asText()).isEqualTo("ACTION_REQUIRED");
    assertThat(rejectedStatus.at("/stages/2/status").asText()).isEqualTo("DONE");
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(code)
        .taskDefinitionKey("Task_ReviewPmoRejection").count()).isOne();
    // the thirteen certificates were one chunk, applied together, not rolled back and redone
    // one certificate at a time (what operators see in sertiflow_platform_event_chunks_total)
    assertThat(chunks("together") - together).isEqualTo(1);
    assertThat(chunks("one_by_one") - oneByOne).isZero();
  }

  @Test
  void refusesAnArrayOfMoreThanAThousandEvents() throws Exception {
    String id = newCertificate(code);
    clock.set(wib("2026-12-01T09:30:00"));
    JsonNode before = api.status(id);
    ArrayNode events = json.createArrayNode();
    for (int i = 0; i < 1001; i++) {
      events.add(reportedToPmo("many-" + i, wib("2026-12-01T09:12:00")));
    }

    MockHttpServletResponse response = api.postEvents(TOKOPEDIA, SECRET, events);

    assertThat(response.getStatus()).isEqualTo(422);
    assertThat(response.getContentType()).startsWith("application/problem+json");
    assertThat(api.status(id)).isEqualTo(before);
    assertThat(inboxRows(eventId("many-0"))).isZero();
  }

  @Test
  void answersBadRequestToASignedBodyThatIsNotJson() throws Exception {
    clock.set(wib("2026-12-01T09:30:00"));
    byte[] raw = "{\"eventId\": \"tkp-broken\", \"type\": ".getBytes(StandardCharsets.UTF_8);
    String timestamp = nowSeconds();

    MockHttpServletResponse response = api.postSigned(TOKOPEDIA, timestamp,
        CallbackSignature.sign(SECRET, timestamp, raw), raw);

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(response.getContentType()).startsWith("application/problem+json");
    JsonNode problem = api.read(response);
    assertThat(problem.get("status").asInt()).isEqualTo(400);
    assertThat(problem.get("detail").asText()).doesNotContain("Exception", "at com.", "at org.");
  }

  @Test
  void namesTheBadTimeOfAnInvalidEvent() throws Exception {
    String id = newCertificate(code);
    clock.set(wib("2026-12-01T09:30:00"));
    JsonNode before = api.status(id);
    ObjectNode event = reportedToPmo("badtime", wib("2026-12-01T09:12:00"));
    event.put("occurredAt", "yesterday morning");

    MockHttpServletResponse response = api.postEvents(TOKOPEDIA, SECRET, event);

    assertThat(response.getStatus()).isEqualTo(422);
    assertThat(response.getContentType()).startsWith("application/problem+json");
    assertThat(api.read(response).get("errors")).extracting(e -> e.get("field").asText())
        .containsExactly("occurredAt");
    assertThat(api.status(id)).isEqualTo(before);
    assertThat(inboxRows(eventId("badtime"))).isZero();
  }

  // --- replays racing each other ------------------------------------------------------------

  @Test
  void theSameEventFromEightThreadsAtOnceIsStoredAndAppliedOnce() throws Exception {
    String id = newCertificate(code);
    clock.set(wib("2026-12-01T09:30:00"));
    ObjectNode event = reportedToPmo("race", wib("2026-12-01T09:12:00"));
    int copies = 8;
    ExecutorService pool = Executors.newFixedThreadPool(copies);
    CountDownLatch ready = new CountDownLatch(copies);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Integer>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < copies; i++) {
        answers.add(pool.submit(() -> {
          ready.countDown();
          go.await();
          return api.postEvents(TOKOPEDIA, SECRET, event).getStatus();
        }));
      }
      assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
      go.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> answer : answers) {
        statuses.add(answer.get(60, TimeUnit.SECONDS));
      }
      assertThat(statuses).hasSize(copies).containsOnly(202);
    } finally {
      pool.shutdownNow();
    }

    assertThat(inboxRows(event.get("eventId").asText())).isOne();
    assertThat(inboxStatus(event.get("eventId").asText())).isEqualTo("APPLIED");
    JsonNode status = api.status(id);
    assertThat(status.at("/stages/2/completedAt").asText()).isEqualTo("2026-12-01T09:12:00+07:00");
    assertThat(status.get("currentStage").asText()).isEqualTo("VERIFIED_BY_PMO");
    ProcessInstance instance = instance(code);
    assertThat(runtime.getActiveActivityIds(instance.getId())).containsExactly("Event_PmoVerified");
  }

  // --- rejections ---------------------------------------------------------------------------

  @Test
  void aNameMismatchRejectionAsksTheLearnerToFixTheName() throws Exception {
    String id = newCertificate(code);
    clock.set(wib("2026-12-04T10:05:00"));

    assertThat(api.postEvents(TOKOPEDIA, SECRET, rejected("rej-name", "NAME_MISMATCH", null))
        .getStatus()).isEqualTo(202);

    JsonNode status = api.status(id);
    assertThat(status.get("state").asText()).isEqualTo("ACTION_REQUIRED");
    assertThat(status.at("/actionRequired/reason").asText()).isEqualTo("NAME_MISMATCH");
    assertThat(status.at("/stages/3/status").asText()).isEqualTo("FAILED");
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(code)
        .taskDefinitionKey("Task_ReviewPmoRejection").count()).isZero();
  }

  @Test
  void anotherRejectionGoesToOperationsForReview() throws Exception {
    String id = newCertificate(code);
    clock.set(wib("2026-12-04T10:05:00"));

    assertThat(api.postEvents(TOKOPEDIA, SECRET,
        rejected("rej-other", "INCOMPLETE_DATA", "certificate number unreadable")).getStatus())
        .isEqualTo(202);

    JsonNode status = api.status(id);
    assertThat(status.get("state").asText()).isEqualTo("ACTION_REQUIRED");
    assertThat(status.at("/actionRequired/reason").asText()).isEqualTo("PMO_REJECTED");
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(code)
        .taskDefinitionKey("Task_ReviewPmoRejection").taskCandidateGroup("operations").count()).isOne();
  }

  @Test
  void keepsExpressionLikeTextVerbatimAndEvaluatesNothing() throws Exception {
    newCertificate(code);
    clock.set(wib("2026-12-04T10:05:00"));
    String reason = "${7*7}";
    String detail = "#{1+1} and ${runtimeService.toString()}";

    assertThat(api.postEvents(TOKOPEDIA, SECRET, rejected("rej-expr", reason, detail)).getStatus())
        .isEqualTo(202);

    Map<String, Object> stored = jdbc.queryForMap(
        "select reason, detail from platform_event where event_id = ?", eventId("rej-expr"));
    assertThat(stored.get("REASON")).isEqualTo(reason);
    assertThat(stored.get("DETAIL")).isEqualTo(detail);
    ProcessInstance instance = instance(code);
    assertThat(runtime.getVariable(instance.getId(), "pmoRejectionReason")).isEqualTo(reason);
    assertThat(runtime.getVariable(instance.getId(), "pmoRejectionDetail")).isEqualTo(detail);
    // not a name mismatch: it goes to an operator, with the text as the platform sent it
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(code)
        .taskDefinitionKey("Task_ReviewPmoRejection").count()).isOne();
  }

  // --- the inbox sweeper --------------------------------------------------------------------

  @Test
  void theSweeperAppliesEventsLeftPendingOnceTheyAreOlderThanTheGrace() throws Exception {
    String stuckId = newCertificate(code);
    String youngCode = TestApi.newRedemptionCode();
    String youngId = newCertificate(youngCode);
    OffsetDateTime now = wib("2026-12-01T09:30:00");
    clock.set(now);
    OffsetDateTime reported = wib("2026-12-01T09:12:00");
    // as a node that died between the 202 and the apply would leave them
    insertPending(stuckId, "sweep-" + code, reported, now.minusSeconds(31));
    insertPending(youngId, "sweep-" + youngCode, reported, now.minusSeconds(10));
    InboxSweeper sweeper = new InboxSweeper(new ApplicablePending(inbox, certificates), applier, serviceClock);

    sweeper.sweep();

    JsonNode stuck = api.status(stuckId);
    assertThat(stuck.at("/stages/2/status").asText()).isEqualTo("DONE");
    assertThat(stuck.at("/stages/2/completedAt").asText()).isEqualTo("2026-12-01T09:12:00+07:00");
    assertThat(inboxStatus("sweep-" + code)).isEqualTo("APPLIED");
    // the young one may still be in the hands of the request that stored it
    assertThat(api.status(youngId).get("currentStage").asText()).isEqualTo("REPORTED_TO_PLATFORM");
    assertThat(inboxStatus("sweep-" + youngCode)).isEqualTo("PENDING");

    clock.set(now.plusSeconds(30));
    sweeper.sweep();

    JsonNode young = api.status(youngId);
    assertThat(young.at("/stages/2/status").asText()).isEqualTo("DONE");
    assertThat(young.at("/stages/2/completedAt").asText()).isEqualTo("2026-12-01T09:12:00+07:00");
    assertThat(inboxStatus("sweep-" + youngCode)).isEqualTo("APPLIED");
  }

  @Test
  void theSweeperSettlesAnEventLeftPendingOnACertificateThatClosedMeanwhile() throws Exception {
    // a node stored REPORTED_TO_PMO and died before applying it; another node meanwhile applied
    // the verification, which completed that stage too
    String id = newCertificate(code);
    clock.set(wib("2026-12-04T10:05:00"));
    api.postEvents(TOKOPEDIA, SECRET, api.event(eventId("verified"), "PMO_VERIFIED", code, wib("2026-12-04T10:00:00")));
    JsonNode verified = api.status(id);
    assertThat(verified.get("state").asText()).isEqualTo("VERIFIED");
    OffsetDateTime now = wib("2026-12-04T10:10:00");
    clock.set(now);
    insertPending(id, "sweep-closed-" + code, wib("2026-12-04T09:00:00"), now.minusSeconds(31));

    new InboxSweeper(new ApplicablePending(inbox, certificates), applier, serviceClock).sweep();

    // nothing waits in the inbox any more, and the certificate is as the verification left it
    assertThat(inboxStatus("sweep-closed-" + code)).isEqualTo("SUPERSEDED");
    assertThat(api.status(id)).isEqualTo(verified);
  }

  // --- helpers ------------------------------------------------------------------------------

  /** A Tokopedia certificate whose names match, waiting for the report to the platform. */
  private String newCertificate(String redemptionCode) throws Exception {
    return api.complete(api.completion(redemptionCode, COMPLETED)).get("certificateId").asText();
  }

  private double chunks(String outcome) {
    return meters.get(ServiceMetrics.PLATFORM_EVENT_CHUNKS).tag("outcome", outcome).counter().count();
  }

  private String eventId(String label) {
    return "tkp-" + label + "-" + code;
  }

  private ObjectNode reportedToPmo(String label, OffsetDateTime at) {
    return api.event(eventId(label), "REPORTED_TO_PMO", code, at);
  }

  private ObjectNode rejected(String label, String reason, String detail) {
    ObjectNode event = api.event(eventId(label), "PMO_REJECTED", code, wib("2026-12-04T10:00:00"));
    event.put("reason", reason);
    if (detail != null) {
      event.put("detail", detail);
    }
    return event;
  }

  private String nowSeconds() {
    return Long.toString(clock.now().getEpochSecond());
  }

  /**
   * A 401 problem, the certificate as it was, no inbox row; and the same event correctly signed
   * is then taken, so the refused call did not use up its id.
   */
  private void assertUnauthorizedAndNothingStored(MockHttpServletResponse refused, String id,
      JsonNode before, ObjectNode event) throws Exception {
    assertThat(refused.getStatus()).isEqualTo(401);
    assertThat(refused.getContentType()).startsWith("application/problem+json");
    JsonNode problem = api.read(refused);
    assertThat(problem.get("status").asInt()).isEqualTo(401);
    assertThat(problem.get("title").asText()).isNotBlank();
    String eventId = event.get("eventId").asText();
    assertThat(inboxRows(eventId)).isZero();
    assertThat(api.status(id)).isEqualTo(before);

    MockHttpServletResponse accepted = api.postEvents(TOKOPEDIA, SECRET, event);
    assertThat(accepted.getStatus()).isEqualTo(202);
    assertThat(api.read(accepted).get("outcome").asText()).isEqualTo("ACCEPTED");
    JsonNode status = api.status(id);
    assertThat(status.at("/stages/2/status").asText()).isEqualTo("DONE");
    assertThat(status.at("/stages/2/completedAt").asText()).isEqualTo("2026-12-01T09:12:00+07:00");
  }

  private void assertResult(JsonNode result, int index, JsonNode event, String outcome, int status) {
    assertThat(result.get("index").asInt()).isEqualTo(index);
    assertThat(result.get("eventId").asText()).isEqualTo(event.get("eventId").asText());
    assertThat(result.get("outcome").asText()).isEqualTo(outcome);
    assertThat(result.get("status").asInt()).isEqualTo(status);
  }

  private int inboxRows(String eventId) {
    return jdbc.queryForObject("select count(*) from platform_event where event_id = ?",
        Integer.class, eventId);
  }

  private String inboxStatus(String eventId) {
    return jdbc.queryForObject("select status from platform_event where event_id = ?",
        String.class, eventId);
  }

  private void insertPending(String certificateId, String eventId, OffsetDateTime occurredAt,
      OffsetDateTime receivedAt) {
    jdbc.update("insert into platform_event (id, platform, event_id, type, certificate_id, "
            + "occurred_at, received_at, status) values (?, 'TOKOPEDIA', ?, 'REPORTED_TO_PMO', ?, ?, ?, 'PENDING')",
        UUID.randomUUID(), eventId, UUID.fromString(certificateId), occurredAt, receivedAt);
  }

  private long processInstances(String redemptionCode) {
    return runtime.createProcessInstanceQuery().processInstanceBusinessKey(redemptionCode).count();
  }

  private ProcessInstance instance(String redemptionCode) {
    return runtime.createProcessInstanceQuery().processInstanceBusinessKey(redemptionCode).singleResult();
  }
}
