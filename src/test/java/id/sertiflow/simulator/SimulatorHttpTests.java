package id.sertiflow.simulator;

import static id.sertiflow.TestApi.wib;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.sertiflow.EngineClock;
import id.sertiflow.MappingsParsedOnce;
import id.sertiflow.PrometheusScrape;
import id.sertiflow.TestApi;
import id.sertiflow.api.TypedInput;
import id.sertiflow.calendar.ServiceClock;
import id.sertiflow.calendar.WorkingDayCalendar;
import id.sertiflow.certificate.CertificateProcess;
import id.sertiflow.certificate.Stage;
import id.sertiflow.operations.Snapshots;
import id.sertiflow.platform.Platform;
import id.sertiflow.platform.PlatformProperties;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The simulator switched on in a running server: reports over real HTTP to the simulated
 * platforms, and the PMO's answers sent as real signed callbacks through SertiFlow's own door,
 * where they move the certificate. The scheduled ticks are pushed an hour away and the shares that
 * make the simulator random are set to 0, so that each test runs the ticks itself and knows what
 * to expect; tests that need a share of 1 build their own simulator parts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "sertiflow.simulator.enabled=true",
    "sertiflow.simulator.feeder.enabled=true",
    "sertiflow.simulator.tick=PT1H",
    "sertiflow.simulator.platform-rejection-share=0",
    "sertiflow.simulator.pmo-rejection-share=0",
    "sertiflow.simulator.late-share=0",
    "sertiflow.simulator.feeder.name-mismatch-share=0",
    "sertiflow.simulator.feeder.review-missing-share=0",
    "sertiflow.simulator.feeder.backdated-share=0"})
@Import({ProcessEngineCoverageConfiguration.class, MappingsParsedOnce.class})
class SimulatorHttpTests {

  // a Wednesday morning, a working day
  static final OffsetDateTime T0 = wib("2026-12-02T09:00:00");

  @RegisterExtension final EngineClock clock = EngineClock.at(T0);

  @LocalServerPort int port;
  @Autowired SimulatedPlatforms platforms;
  @Autowired SimulatorEvents events;
  @Autowired SimulatorHttp http;
  @Autowired CallbackSender sender;
  @Autowired CompletionFeeder feeder;
  @Autowired SimulatorProperties settings;
  @Autowired PlatformProperties platformSettings;
  @Autowired JdbcTemplate jdbc;
  @Autowired TransactionTemplate transaction;
  @Autowired ObjectMapper json;
  @Autowired ServiceClock serviceClock;
  @Autowired TypedInput input;
  @Autowired WorkingDayCalendar calendar;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired Environment environment;
  @Autowired ApplicationContext context;

  private final HttpClient client = HttpClient.newHttpClient();
  private TestApi api;

  @BeforeEach
  void setUp() {
    api = new TestApi(null, json);
  }

  // --- the platforms' report endpoint ---

  @Test
  void answersTheSameKeyWithTheSameAnswerAndSchedulesOnce() throws Exception {
    String first = TestApi.newRedemptionCode();
    String second = TestApi.newRedemptionCode();
    String key = "TOKOPEDIA-2026-12-02-" + first;
    ObjectNode batch = batch(key, first, second);

    HttpResponse<String> answer = report("tokopedia", key, batch);
    assertThat(answer.statusCode()).isEqualTo(200);
    JsonNode body = json.readTree(answer.body());
    assertThat(body.get("accepted")).extracting(JsonNode::asText).containsExactly(first, second);
    assertThat(body.get("rejected")).isEmpty();

    clock.set(T0.plusMinutes(1));
    HttpResponse<String> again = report("tokopedia", key, batch);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(json.readTree(again.body())).isEqualTo(body);
    // the key decides, as with a real platform: a changed body under the same key changes nothing
    HttpResponse<String> changed = report("tokopedia", key, batch(key, TestApi.newRedemptionCode()));
    assertThat(json.readTree(changed.body())).isEqualTo(body);

    assertThat(scheduled(first)).containsExactly(
        "REPORTED_TO_PMO@" + instant(T0.plusSeconds(20)),
        "PMO_VERIFIED@" + instant(T0.plusSeconds(60)));
    assertThat(scheduled(second)).hasSize(2);
    assertThat(platforms.acceptedCount(Platform.TOKOPEDIA, first)).isOne();
    assertThat(platforms.acceptedCount(Platform.TOKOPEDIA, second)).isOne();
    assertThat(platforms.acceptedCount(Platform.PINTARIA, first)).isZero();

    // a new batch (a resubmission) with the same code is accepted, and counted, again
    String resubmission = "TOKOPEDIA-2026-12-03-" + first;
    assertThat(report("tokopedia", resubmission, batch(resubmission, first)).statusCode()).isEqualTo(200);
    assertThat(platforms.acceptedCount(Platform.TOKOPEDIA, first)).isEqualTo(2);
    assertThat(scheduled(first)).hasSize(4);
  }

  @Test
  void concurrentCopiesOfABatchScheduleOnce() throws Exception {
    String code = TestApi.newRedemptionCode();
    String key = "BUKALAPAK-race-" + code;
    ObjectNode batch = batch(key, code);
    int copies = 12;
    ExecutorService pool = Executors.newFixedThreadPool(copies);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<JsonNode>> answers = new ArrayList<>();
      for (int i = 0; i < copies; i++) {
        boolean overHttp = i % 2 == 0;
        answers.add(pool.submit(() -> {
          start.await();
          if (!overHttp) {
            // straight into the platform, without HTTP's jitter, to make the copies meet
            return json.valueToTree(platforms.report(Platform.BUKALAPAK, key, bytes(batch)));
          }
          HttpResponse<String> response = report("bukalapak", key, batch);
          assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
          return json.readTree(response.body());
        }));
      }
      start.countDown();
      for (Future<JsonNode> answer : answers) {
        assertThat(answer.get(60, TimeUnit.SECONDS).get("accepted"))
            .extracting(JsonNode::asText).containsExactly(code);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(scheduled(code)).hasSize(2);
    assertThat(platforms.acceptedCount(Platform.BUKALAPAK, code)).isOne();
  }

  @Test
  void rejectsAReportTwiceInOneBatch() throws Exception {
    String code = TestApi.newRedemptionCode();
    String key = "KARIERMU-dup-" + code;
    JsonNode body = json.readTree(report("kariermu", key, batch(key, code, code)).body());
    assertThat(body.get("accepted")).extracting(JsonNode::asText).containsExactly(code);
    assertThat(body.at("/rejected/0/redemptionCode").asText()).isEqualTo(code);
    assertThat(body.at("/rejected/0/reason").asText()).isEqualTo("DUPLICATE_IN_BATCH");
    assertThat(platforms.acceptedCount(Platform.KARIERMU, code)).isOne();
  }

  @Test
  void rejectsEveryReportAtARejectionShareOfOne() {
    SimulatedPlatforms strict = new SimulatedPlatforms(jdbc, transaction, json, serviceClock, events, input,
        SimulatorSettings.with("platform-rejection-share", "1"));
    String first = TestApi.newRedemptionCode();
    String second = TestApi.newRedemptionCode();
    SimulatedPlatforms.ReportAnswer answer = strict.report(Platform.PINTARIA, "PINTARIA-" + first,
        bytes(batch("PINTARIA-" + first, first, second)));
    assertThat(answer.accepted()).isEmpty();
    assertThat(answer.rejected()).containsExactly(
        new SimulatedPlatforms.Rejection(first, "INVALID_CERTIFICATE_NUMBER"),
        new SimulatedPlatforms.Rejection(second, "INVALID_CERTIFICATE_NUMBER"));
    assertThat(scheduled(first)).isEmpty();
    assertThat(strict.acceptedCount(Platform.PINTARIA, first)).isZero();
  }

  @Test
  void refusesRequestsWithoutAKeyOrWithABadBody() throws Exception {
    String code = TestApi.newRedemptionCode();
    String key = "PIJAR_MAHIR-bad-" + code;

    HttpResponse<String> noKey = report("pijar-mahir", null, batch(key, code));
    assertThat(noKey.statusCode()).isEqualTo(400);
    assertThat(noKey.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(json.readTree(noKey.body()).get("detail").asText()).contains("Idempotency-Key");

    assertThat(post("/simulator/pijar-mahir/completion-reports", key, "{\"batchId\": ")
        .statusCode()).isEqualTo(400);

    ObjectNode broken = batch(key, code);
    broken.remove("provider");
    ((ObjectNode) broken.at("/reports/0")).put("redemptionCode", "pk-1").remove("completedAt");
    HttpResponse<String> invalid = report("pijar-mahir", key, broken);
    assertThat(invalid.statusCode()).isEqualTo(422);
    assertThat(json.readTree(invalid.body()).get("errors")).extracting(e -> e.get("field").asText())
        .containsExactlyInAnyOrder("provider", "reports[0].redemptionCode", "reports[0].completedAt");

    assertThat(report("shopee", key, batch(key, code)).statusCode()).isEqualTo(404);
    HttpResponse<String> huge = post("/simulator/pijar-mahir/completion-reports", key,
        "[\"" + "x".repeat(3 * 1024 * 1024) + "\"]");
    assertThat(huge.statusCode()).isEqualTo(413);
    // a refused request is not remembered: the fixed one under the same key is taken
    assertThat(report("pijar-mahir", key, batch(key, code)).statusCode()).isEqualTo(200);
    assertThat(platforms.acceptedCount(Platform.PIJAR_MAHIR, code)).isOne();
  }

  // --- the PMO's callbacks, through SertiFlow's real door ---

  @Test
  void sendsDueCallbacksThatCarryTheCertificateToVerified() throws Exception {
    String code = TestApi.newRedemptionCode();
    String id = createCertificate(code, T0.minusHours(2));
    reportedToPlatform(code, T0);
    assertThat(report("tokopedia", "TOKOPEDIA-flow-" + code, batch("TOKOPEDIA-flow-" + code, code))
        .statusCode()).isEqualTo(200);

    clock.set(T0.plusSeconds(10));
    sender.tick();
    assertThat(unsent(code)).isEqualTo(2);

    clock.set(T0.plusSeconds(30));
    CallbackSender.Tick tick = sender.tick();
    assertThat(tick.failure()).isNull();
    assertThat(tick.outcomes()).containsKey("ACCEPTED");
    assertThat(unsent(code)).isOne();
    JsonNode reported = status(id);
    assertThat(reported.get("state").asText()).isEqualTo("IN_PROGRESS");
    assertThat(reported.get("currentStage").asText()).isEqualTo("VERIFIED_BY_PMO");
    assertThat(reported.at("/stages/2/status").asText()).isEqualTo("DONE");
    assertThat(reported.at("/stages/2/completedAt").asText()).isEqualTo("2026-12-02T09:00:20+07:00");

    clock.set(T0.plusMinutes(2));
    assertThat(sender.tick().failure()).isNull();
    assertThat(unsent(code)).isZero();
    JsonNode verified = status(id);
    assertThat(verified.get("state").asText()).isEqualTo("VERIFIED");
    assertThat(verified.at("/stages/3/completedAt").asText()).isEqualTo("2026-12-02T09:01:00+07:00");

    // nothing is sent twice
    clock.set(T0.plusMinutes(3));
    sender.tick();
    assertThat(jdbc.queryForObject("select count(*) from platform_event e join certificate c"
        + " on c.id = e.certificate_id where c.redemption_code = ?", Integer.class, code)).isEqualTo(2);
  }

  @Test
  void lateReportsAndNameMismatchRejectionsReachTheCertificate() throws Exception {
    String code = TestApi.newRedemptionCode();
    String id = createCertificate(code, T0.minusHours(2));
    reportedToPlatform(code, T0);
    SimulatedPlatforms pmoRejects = new SimulatedPlatforms(jdbc, transaction, json, serviceClock, events, input,
        SimulatorSettings.with("platform-rejection-share", "0", "late-share", "1",
            "pmo-rejection-share", "1", "name-mismatch-rejection-share", "1"));
    String key = "TOKOPEDIA-late-" + code;
    assertThat(pmoRejects.report(Platform.TOKOPEDIA, key, bytes(batch(key, code))).accepted())
        .containsExactly(code);
    assertThat(scheduled(code)).containsExactly(
        "REPORTED_TO_PMO@" + instant(T0.plusMinutes(3)),
        "PMO_REJECTED@" + instant(T0.plusMinutes(3).plusSeconds(40)));

    clock.set(T0.plusMinutes(1));
    sender.tick();
    assertThat(unsent(code)).isEqualTo(2);

    clock.set(T0.plusMinutes(5));
    assertThat(sender.tick().failure()).isNull();
    assertThat(unsent(code)).isZero();
    JsonNode rejected = status(id);
    assertThat(rejected.get("state").asText()).isEqualTo("ACTION_REQUIRED");
    assertThat(rejected.at("/actionRequired/reason").asText()).isEqualTo("NAME_MISMATCH");
    assertThat(rejected.at("/stages/2/completedAt").asText()).isEqualTo("2026-12-02T09:03:00+07:00");
  }

  @Test
  void keepsCallbacksUntilSertiflowAnswers202() throws Exception {
    String code = TestApi.newRedemptionCode();
    String id = createCertificate(code, T0.minusHours(2));
    reportedToPlatform(code, T0);
    report("tokopedia", "TOKOPEDIA-keep-" + code, batch("TOKOPEDIA-keep-" + code, code));
    clock.set(T0.plusSeconds(30));

    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    CallbackSender unreachable = new CallbackSender(events, new SimulatorHttp(SimulatorSettings.with(
        "callback-base-url", "http://127.0.0.1:" + closedPort), environment), platformSettings,
        serviceClock, json, settings, "node-down");
    CallbackSender.Tick refused = unreachable.tick();
    assertThat(refused.sent()).isZero();
    assertThat(refused.failure()).contains("unreachable").contains("connection refused");
    assertThat(unsent(code)).isEqualTo(2);
    assertThat(claimed(code)).isZero();

    CallbackSender wrongSecret = new CallbackSender(events, http, new PlatformProperties(Map.of(
        "tokopedia", new PlatformProperties.Settings("not-the-secret", null, null, null))), serviceClock, json,
        settings, "node-misconfigured");
    CallbackSender.Tick unauthorized = wrongSecret.tick();
    assertThat(unauthorized.failure()).contains("tokopedia: HTTP 401");
    assertThat(unsent(code)).isEqualTo(2);
    assertThat(claimed(code)).isZero();

    assertThat(sender.tick().failure()).isNull();
    assertThat(unsent(code)).isOne();
    assertThat(status(id).at("/stages/2/status").asText()).isEqualTo("DONE");
  }

  @Test
  void twoNodesNeverClaimTheSameCallback() throws Exception {
    String code = TestApi.newRedemptionCode();
    report("kariermu", "KARIERMU-claim-" + code, batch("KARIERMU-claim-" + code, code));
    var now = TestApi.instant(T0.plusMinutes(2));
    var stale = now.minus(settings.claimTimeout());

    List<String> mine = ids(events.claim("node-a/1", now, stale, 5000), code);
    assertThat(mine).hasSize(2);
    assertThat(ids(events.claim("node-b/1", now, stale, 5000), code)).isEmpty();
    // a claim older than the claim timeout belonged to a node that died: it is taken over
    List<String> takenOver = ids(events.claim("node-b/2", now.plus(settings.claimTimeout())
        .plusSeconds(1), now.plusSeconds(1), 5000), code);
    assertThat(takenOver).containsExactlyInAnyOrderElementsOf(mine);
    events.markSent("node-a/1", mine, now);
    assertThat(unsent(code)).as("the old claim may not mark them sent").isEqualTo(2);
    events.release("node-b/2", takenOver);
    assertThat(claimed(code)).isZero();
  }

  // --- the feeder ---

  @Test
  void feedsACompletionThatIntakeTakes() throws Exception {
    List<CompletionFeeder.Fed> fed = feeder.feed(1);
    assertThat(fed).hasSize(1);
    CompletionFeeder.Fed one = fed.get(0);
    assertThat(one.status()).isEqualTo(201);
    JsonNode status = statusByCode(one.redemptionCode());
    assertThat(status.get("state").asText()).isEqualTo("IN_PROGRESS");
    assertThat(status.get("currentStage").asText()).isEqualTo("REPORTED_TO_PLATFORM");
    assertThat(status.get("late").asBoolean()).isFalse();
    assertThat(status.get("platform").asText())
        .isEqualTo(one.completion().body().get("platform").asText());
    assertThat(one.completion().body().get("prakerjaName").asText())
        .isEqualTo(one.completion().body().at("/learner/name").asText().toUpperCase());
  }

  @Test
  void feedsNameMismatchesMissingReviewsAndBackdatedCompletions() throws Exception {
    CompletionFeeder awkward = feeder(SimulatorSettings.with("feeder.name-mismatch-share", "1",
        "feeder.review-missing-share", "1", "feeder.backdated-share", "0"), "node-a", new AtomicLong());
    CompletionFeeder.Fed mismatch = awkward.feed(1).get(0);
    assertThat(mismatch.status()).isEqualTo(201);
    assertThat(mismatch.completion().nameMismatch()).isTrue();
    assertThat(mismatch.completion().body().get("reviewSubmitted").asBoolean()).isFalse();
    JsonNode waiting = statusByCode(mismatch.redemptionCode());
    assertThat(waiting.get("state").asText()).isEqualTo("ACTION_REQUIRED");
    assertThat(waiting.at("/actionRequired/reason").asText()).isEqualTo("NAME_MISMATCH");

    CompletionFeeder late = feeder(SimulatorSettings.with("feeder.name-mismatch-share", "0",
        "feeder.backdated-share", "1"), "node-a", new AtomicLong());
    CompletionFeeder.Fed backdated = late.feed(1).get(0);
    assertThat(backdated.status()).isEqualTo(201);
    JsonNode overdue = statusByCode(backdated.redemptionCode());
    // Wednesday 09:00 less 3 working days is Friday 09:00; its report was due Monday 09:00
    assertThat(overdue.at("/stages/0/completedAt").asText()).isEqualTo("2026-11-27T09:00:00+07:00");
    assertThat(overdue.get("late").asBoolean()).isTrue();
    String instance = runtime.createProcessInstanceQuery()
        .processInstanceBusinessKey(backdated.redemptionCode()).singleResult().getId();
    assertThat(management.createJobQuery().processInstanceId(instance).executable().count())
        .as("the escalation timer is due at once").isOne();
  }

  @Test
  void backdatesByTheSameWorkingDayRuleAsDeadlines() {
    CompletionFeeder any = feeder(SimulatorSettings.with("feeder.backdated-share", "1"), "node-a",
        new AtomicLong());
    // from a Saturday: Tuesday 10:00, whose third working day ends Friday 10:00, before now;
    // counted backwards day by day it was Wednesday, whose third ends on Monday, after now
    OffsetDateTime saturday = wib("2026-12-05T10:00:00");
    OffsetDateTime backdated = any.workingDaysBefore(saturday, 3);
    assertThat(backdated).isEqualTo(wib("2026-12-01T10:00:00"));
    assertThat(calendar.addWorkingDays(backdated.toInstant(), 3)).isBeforeOrEqualTo(saturday.toInstant());
    // across the Christmas leave and Christmas Day of 2026, and the weekend after
    assertThat(any.workingDaysBefore(wib("2026-12-28T09:00:00"), 1)).isEqualTo(wib("2026-12-23T09:00:00"));
  }

  @Test
  void feedsAtItsRateOnOneNodeOfTheCluster() {
    SimulatorProperties everyFiveSeconds = SimulatorSettings.with("tick", "PT5S",
        "feeder.completions-per-minute", "12", "feeder.name-mismatch-share", "0",
        "feeder.backdated-share", "0");
    AtomicLong nanos = new AtomicLong();
    CompletionFeeder a = feeder(everyFiveSeconds, "node-a-" + T0.toEpochSecond(), nanos);
    CompletionFeeder b = feeder(everyFiveSeconds, "node-b-" + T0.toEpochSecond(), nanos);
    // another test's feeder may hold the lease: let it expire
    clock.set(T0.plusHours(6));

    nanos.addAndGet(TimeUnit.SECONDS.toNanos(10));
    List<CompletionFeeder.Fed> first = a.tick();
    assertThat(first).hasSize(2).allSatisfy(f -> assertThat(f.status()).isEqualTo(201));
    assertThat(b.tick()).as("node b while node a holds the lease").isEmpty();
    nanos.addAndGet(TimeUnit.SECONDS.toNanos(2));
    assertThat(a.tick()).as("2 s at 12 a minute").isEmpty();
    nanos.addAndGet(TimeUnit.SECONDS.toNanos(4));
    assertThat(a.tick()).as("6 s at 12 a minute").hasSize(1);

    // node a stops; once its lease (3 ticks) has run out node b takes over, at the same rate
    clock.set(T0.plusHours(6).plusSeconds(16));
    nanos.addAndGet(TimeUnit.SECONDS.toNanos(5));
    assertThat(b.tick()).as("11 s since its last tick").hasSize(2);
    assertThat(a.holdLease()).isFalse();
  }

  // --- the demo's traffic on the metrics ---

  /**
   * The simulator's traffic of two minutes, as demo mode runs it (a report every minute, the
   * PMO's answers 20 s and 60 s after a report): the scrape shows certificates waiting at every
   * stage it waits for, and each of those stages' durations, counted from this traffic.
   */
  @Test
  void theDemoTrafficShowsOnTheMetricsWithinThreeMinutes() throws Exception {
    PrometheusScrape before = scrape();
    // 09:00 completions, reported at once; the PMO reports them at 09:00:20 and verifies at 09:01
    List<CompletionFeeder.Fed> verified = feeder.feed(2);
    runReport(verified);
    // 09:01 more, reported; the first ones' answers sent
    clock.set(T0.plusMinutes(1));
    List<CompletionFeeder.Fed> awaitingVerification = feeder.feed(2);
    runReport(awaitingVerification);
    assertThat(sender.tick().failure()).isNull();
    // 09:01:30 the PMO reported the second ones
    clock.set(T0.plusSeconds(90));
    assertThat(sender.tick().failure()).isNull();
    // 09:02 more, reported, the platform not yet answering; and some not yet reported
    clock.set(T0.plusMinutes(2));
    List<CompletionFeeder.Fed> awaitingPmo = feeder.feed(2);
    runReport(awaitingPmo);
    List<CompletionFeeder.Fed> awaitingReport = feeder.feed(2);
    assertThat(statusByCode(verified.get(0).redemptionCode()).get("state").asText())
        .isEqualTo("VERIFIED");
    assertThat(statusByCode(awaitingVerification.get(0).redemptionCode()).get("currentStage")
        .asText()).isEqualTo("VERIFIED_BY_PMO");
    assertThat(statusByCode(awaitingPmo.get(0).redemptionCode()).get("currentStage").asText())
        .isEqualTo("REPORTED_TO_PMO");
    assertThat(statusByCode(awaitingReport.get(0).redemptionCode()).get("currentStage").asText())
        .isEqualTo("REPORTED_TO_PLATFORM");

    Snapshots.takeNow(context);
    PrometheusScrape after = scrape();
    for (Stage stage : Stage.AWAITED) {
      double waiting = after.samples("sertiflow_certificates", "stage", stage.name()).stream()
          .mapToDouble(PrometheusScrape.Sample::value).sum();
      assertThat(waiting).as("waiting at " + stage).isGreaterThanOrEqualTo(2);
      double finished = after.samples("sertiflow_stage_duration_seconds_count", "stage", stage.name())
          .stream().mapToDouble(PrometheusScrape.Sample::value).sum()
          - before.samples("sertiflow_stage_duration_seconds_count", "stage", stage.name()).stream()
          .mapToDouble(PrometheusScrape.Sample::value).sum();
      assertThat(finished).as("finished " + stage).isGreaterThanOrEqualTo(2);
    }
    assertThat(after.value("sertiflow_intake_total", "outcome", "created")
        - before.value("sertiflow_intake_total", "outcome", "created")).isEqualTo(8);
    assertThat(after.samples("sertiflow_platform_events_total", "outcome", "applied").stream()
        .mapToDouble(PrometheusScrape.Sample::value).sum()).isGreaterThanOrEqualTo(6);
  }

  /**
   * What a run of demo mode's every-minute report does for these completions: each reported to
   * its simulated platform over HTTP (which schedules the PMO's answers) and taken as reported.
   */
  private void runReport(List<CompletionFeeder.Fed> fed) throws Exception {
    for (CompletionFeeder.Fed one : fed) {
      String code = one.redemptionCode();
      Platform platform = Platform.valueOf(one.completion().body().get("platform").asText());
      String key = platform + "-demo-" + code;
      assertThat(report(platform.configKey(), key, batch(key, code)).statusCode()).isEqualTo(200);
      reportedToPlatform(code, clock.now().atOffset(T0.getOffset()));
    }
  }

  private PrometheusScrape scrape() throws Exception {
    HttpResponse<String> response = client.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
        .header("Authorization", TestApi.OPERATOR).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return new PrometheusScrape(response.body());
  }

  // --- helpers ---

  private CompletionFeeder feeder(SimulatorProperties properties, String node, AtomicLong nanos) {
    return new CompletionFeeder(http, serviceClock, calendar, jdbc, json, properties, TestApi.API_KEY,
        node, nanos::get);
  }

  private ObjectNode batch(String batchId, String... codes) {
    ObjectNode batch = json.createObjectNode();
    batch.put("batchId", batchId);
    batch.put("provider", "LP-DEMO");
    ArrayNode reports = batch.putArray("reports");
    for (String code : codes) {
      reports.addObject()
          .put("redemptionCode", code)
          .put("certificateNumber", "SA-2026-" + code)
          .put("participantName", "Budi Santoso")
          .put("courseId", "c-77")
          .put("completedAt", T0.minusHours(2).toString())
          .put("reviewSubmitted", true);
    }
    return batch;
  }

  private HttpResponse<String> report(String platform, String key, JsonNode body) throws Exception {
    return post("/simulator/" + platform + "/completion-reports", key, json.writeValueAsString(body));
  }

  private HttpResponse<String> post(String path, String idempotencyKey, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String createCertificate(String code, OffsetDateTime completedAt) throws Exception {
    HttpResponse<String> created = client.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/api/v1/completions"))
        .header("Content-Type", "application/json").header("X-Api-Key", TestApi.API_KEY)
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(api.completion(code, completedAt))))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return json.readTree(created.body()).get("certificateId").asText();
  }

  /** What the daily report does once the platform has taken the report. */
  private void reportedToPlatform(String code, OffsetDateTime at) {
    runtime.createMessageCorrelation(Stage.REPORTED_TO_PLATFORM.waiting().message())
        .processInstanceBusinessKey(code)
        .setVariable(CertificateProcess.VAR_EVENT_OCCURRED_AT, Date.from(at.toInstant()))
        .correlate();
  }

  private JsonNode status(String certificateId) throws Exception {
    return get("/api/v1/certificates/" + certificateId);
  }

  private JsonNode statusByCode(String code) throws Exception {
    return get("/api/v1/certificates?redemptionCode=" + code);
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> response = client.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + path)).header("X-Api-Key", TestApi.API_KEY)
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }

  private byte[] bytes(JsonNode node) {
    try {
      return json.writeValueAsBytes(node);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The code's scheduled callbacks as {@code TYPE@dueAt}, in due order. */
  private List<String> scheduled(String code) {
    return jdbc.query("select type, due_at from simulator_event where redemption_code = ?"
        + " order by due_at, type", (rs, i) -> rs.getString("type") + "@"
        + rs.getObject("due_at", OffsetDateTime.class).toInstant(), code);
  }

  private int unsent(String code) {
    return jdbc.queryForObject("select count(*) from simulator_event where redemption_code = ?"
        + " and sent_at is null", Integer.class, code);
  }

  private int claimed(String code) {
    return jdbc.queryForObject("select count(*) from simulator_event where redemption_code = ?"
        + " and claimed_by is not null and sent_at is null", Integer.class, code);
  }

  private static List<String> ids(List<SimulatorEvents.Event> claimed, String code) {
    return claimed.stream().filter(e -> e.redemptionCode().equals(code))
        .map(SimulatorEvents.Event::id).toList();
  }

  private static java.time.Instant instant(OffsetDateTime t) {
    return t.toInstant();
  }
}
