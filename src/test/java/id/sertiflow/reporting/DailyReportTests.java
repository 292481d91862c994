package id.sertiflow.reporting;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static id.sertiflow.TestApi.wib;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import id.sertiflow.EngineClock;
import id.sertiflow.NodeInThisJvm;
import id.sertiflow.SertiflowTest;
import id.sertiflow.ReportJobs;
import id.sertiflow.StubPlatforms;
import id.sertiflow.TestApi;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The daily report against a real HTTP server standing in for the platforms ({@link
 * StubPlatforms}: the shared test context points every platform's base URL at it). Timers and
 * retries run on the engine's clock.
 */
@SertiflowTest
class DailyReportTests {

  /** The platforms' report endpoints, which the shared test context reports to. */
  static final WireMockServer platforms = StubPlatforms.server();

  @RegisterExtension final EngineClock clock = EngineClock.realTime();

  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired TaskService tasks;
  @Autowired org.camunda.bpm.engine.FormService forms;
  @Autowired JdbcTemplate jdbc;
  @Autowired ReportingProperties reporting;
  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  TestApi api;

  @BeforeEach
  void setUp() {
    api = new TestApi(mvc, json);
    StubPlatforms.reset();
  }

  @Test
  void retriesAFailedChunkUnderTheSameKeyAndReportsEachCertificateOnce() throws Exception {
    OffsetDateTime completed = wib("2026-11-30T08:00:00");
    List<String> ids = completeOn("PINTARIA", completed, 3);
    platforms.stubFor(post(urlEqualTo("/pintaria/completion-reports")).atPriority(1)
        .inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(503)).willSetStateTo("failed once"));
    platforms.stubFor(post(urlEqualTo("/pintaria/completion-reports")).atPriority(1)
        .inScenario("flaky").whenScenarioStateIs("failed once")
        .willReturn(aResponse().withStatus(502)).willSetStateTo("failed twice"));

    OffsetDateTime run = wib("2026-11-30T10:00:00");
    startDailyReport(run);
    drainReportJobs();
    clock.set(run.plusMinutes(11));
    drainReportJobs();
    clock.set(run.plusMinutes(22));
    drainReportJobs();

    List<LoggedRequest> sent = platforms.findAll(postRequestedFor(urlEqualTo("/pintaria/completion-reports")));
    List<String> codes = codesOf(ids);
    List<LoggedRequest> ours = sent.stream().filter(r -> containsAny(r, codes)).toList();
    assertThat(ours).hasSize(3);
    assertThat(ours).extracting(r -> r.getHeader("Idempotency-Key")).containsOnly("PINTARIA-2026-11-30-" + seqOf(ours.get(0)));
    assertThat(ours).extracting(LoggedRequest::getBodyAsString).containsOnly(ours.get(0).getBodyAsString());
    for (String id : ids) {
      JsonNode status = api.status(id);
      assertThat(status.get("currentStage").asText()).isEqualTo("REPORTED_TO_PMO");
      // reported when the platform took it: on the third try
      assertThat(status.at("/stages/1/completedAt").asText()).isEqualTo("2026-11-30T10:22:00+07:00");
    }
  }

  @Test
  void raisesAnIncidentWhenRetriesRunOutAndReportsAllAfterTheRetry() throws Exception {
    List<String> ids = completeOn("PIJAR_MAHIR", wib("2026-12-01T08:00:00"), 2);
    platforms.stubFor(post(urlEqualTo("/pijar-mahir/completion-reports")).atPriority(1)
        .willReturn(aResponse().withStatus(500)));
    OffsetDateTime run = wib("2026-12-01T10:00:00");
    startDailyReport(run);
    for (int attempt = 0; attempt < 4; attempt++) {
      clock.set(run.plusMinutes(11L * attempt));
      drainReportJobs();
    }
    List<org.camunda.bpm.engine.runtime.Incident> incidents = runtime.createIncidentQuery()
        .processDefinitionKeyIn(ReportProcess.KEY).list();
    assertThat(incidents).isNotEmpty();
    for (String id : ids) {
      assertThat(api.status(id).get("currentStage").asText()).isEqualTo("REPORTED_TO_PLATFORM");
    }

    // the platform is back; the operator retries the job from Cockpit
    StubPlatforms.acceptEverything();
    for (var incident : incidents) {
      management.setJobRetries(incident.getConfiguration(), 1);
    }
    drainReportJobs();
    assertThat(runtime.createIncidentQuery().processDefinitionKeyIn(ReportProcess.KEY).count()).isZero();
    for (String id : ids) {
      assertThat(api.status(id).get("currentStage").asText()).isEqualTo("REPORTED_TO_PMO");
    }
  }

  @Test
  void keepsTheParticipantsNamesAndEMailsOutOfTheIncidentWhenThePlatformsAnswerEchoesThem()
      throws Exception {
    // two learners of their own, so that their names are nobody else's in the run's chunks
    clock.set(wib("2026-12-21T08:01:00"));
    ObjectNode siti = learner("KARIERMU", "Siti Nurhaliza Rahmawati", "siti.rahma@example.org");
    ObjectNode agus = learner("BUKALAPAK", "Agus Wibisono Pratama", "agus.pratama@example.net");
    String sitisCode = siti.get("redemptionCode").asText();
    // an error page that quotes the report it did not take, and a 200 that is no answer at all
    // (Jackson's own message would quote its first word, the name)
    platforms.stubFor(post(urlEqualTo("/kariermu/completion-reports")).atPriority(1)
        .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
            .withBody("{\"error\": \"Service Unavailable\", \"detail\": \"could not store the report of"
                + " participant Siti Nurhaliza RAHMAWATI <siti.rahma@example.org>, redemption code "
                + sitisCode + "; try again later\"}")));
    platforms.stubFor(post(urlEqualTo("/bukalapak/completion-reports")).atPriority(1)
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/plain")
            .withBody("Agus Wibisono Pratama (agus.pratama@example.net)\nis reported already")));

    OffsetDateTime run = wib("2026-12-21T10:00:00");
    startDailyReport(run);
    for (int attempt = 0; attempt < 4; attempt++) {
      clock.set(run.plusMinutes(11L * attempt));
      drainReportJobs();
    }

    // what Cockpit shows: the incident's message, and the failed job's stack trace
    List<org.camunda.bpm.engine.runtime.Incident> incidents = runtime.createIncidentQuery()
        .processDefinitionKeyIn(ReportProcess.KEY).list().stream()
        .filter(i -> i.getIncidentMessage() != null && i.getIncidentMessage().contains("-2026-12-21-"))
        .toList();
    assertThat(incidents).extracting(org.camunda.bpm.engine.runtime.Incident::getIncidentMessage)
        .anySatisfy(message -> assertThat(message)
            .startsWith("KARIERMU did not take KARIERMU-2026-12-21-")
            .contains("HTTP 503", "could not store the report of participant [name] [name] [name]"
                + " <[e-mail]>, redemption code [code]"))
        .anySatisfy(message -> assertThat(message)
            .startsWith("BUKALAPAK did not take BUKALAPAK-2026-12-21-")
            .contains("HTTP 200 with an unreadable answer", "[name] [name] [name] ([e-mail]) is reported"));
    for (var incident : incidents) {
      String stacktrace = management.getJobExceptionStacktrace(incident.getConfiguration());
      for (String shown : List.of(incident.getIncidentMessage(), stacktrace)) {
        assertThat(shown).doesNotContainIgnoringCase("Siti").doesNotContainIgnoringCase("Nurhaliza")
            .doesNotContainIgnoringCase("Rahmawati").doesNotContain("siti.rahma", "example.org")
            .doesNotContainIgnoringCase("Agus").doesNotContainIgnoringCase("Wibisono")
            .doesNotContainIgnoringCase("Pratama").doesNotContain("agus.pratama", "example.net")
            .doesNotContain(sitisCode);
      }
      assertThat(stacktrace).contains(incident.getIncidentMessage()).doesNotContain("Caused by");
    }

    // the platforms are back; the operator retries the jobs, and both learners are reported
    StubPlatforms.acceptEverything();
    for (var incident : incidents) {
      management.setJobRetries(incident.getConfiguration(), 1);
    }
    drainReportJobs();
    for (ObjectNode learner : List.of(siti, agus)) {
      assertThat(jdbc.queryForObject("select current_stage from certificate where redemption_code = ?",
          String.class, learner.get("redemptionCode").asText())).isEqualTo("REPORTED_TO_PMO");
    }
  }

  /** A completion on {@code platform} by a learner of that name and e-mail, taken. */
  private ObjectNode learner(String platform, String name, String email) throws Exception {
    ObjectNode completion = api.completion(TestApi.newRedemptionCode(), wib("2026-12-21T08:00:00"));
    completion.put("platform", platform);
    completion.put("prakerjaName", name);
    ((ObjectNode) completion.get("learner")).put("name", name).put("email", email);
    api.complete(completion);
    return completion;
  }

  @Test
  void sendsAnUnansweredChunkAgainUnderItsOwnKeyInTheNextRun() throws Exception {
    // the platform takes the request, but its answer never arrives (as when the sending node dies
    // or the connection drops after the platform committed): to the platform these are reported
    List<String> codes = codesOf(completeOn("PINTARIA", wib("2026-12-10T08:00:00"), 2));
    platforms.stubFor(post(urlEqualTo("/pintaria/completion-reports")).atPriority(1)
        .willReturn(aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));
    OffsetDateTime run = wib("2026-12-10T10:00:00");
    startDailyReport(run);
    for (int attempt = 0; attempt < 4; attempt++) {
      clock.set(run.plusMinutes(11L * attempt));
      drainReportJobs();
    }

    StubPlatforms.acceptEverything();
    startDailyReport(wib("2026-12-11T10:00:00"));
    drainReportJobs();

    List<LoggedRequest> ours = platforms.findAll(postRequestedFor(urlEqualTo("/pintaria/completion-reports")))
        .stream().filter(r -> containsAny(r, codes)).toList();
    assertThat(ours).hasSizeGreaterThan(1);
    // one batch to the platform, however often it was sent: it answers a key it knows from its record
    assertThat(ours).extracting(r -> r.getHeader("Idempotency-Key")).containsOnly(ours.get(0).getHeader("Idempotency-Key"));
    assertThat(ours.get(0).getHeader("Idempotency-Key")).startsWith("PINTARIA-2026-12-10-");
    for (String code : codes) {
      assertThat(jdbc.queryForObject("select current_stage from certificate where redemption_code = ?",
          String.class, code)).isEqualTo("REPORTED_TO_PMO");
    }
  }

  @Test
  void cutsFiveChunksWorthOfDueCertificatesIntoFiveRequests() throws Exception {
    // the oldest certificates of the platform, so that they fill the first five chunks exactly;
    // of the test profile's size (50, production's is 500): the cutting is the same, and taking
    // in 250 certificates instead of 2,500 spares the suite the time of a whole context's start
    int chunkSize = reporting.chunkSize();
    int count = 5 * chunkSize;
    List<String> codes = new ArrayList<>();
    ArrayNode batch = json.createArrayNode();
    clock.set(wib("2026-12-02T09:00:00"));
    for (int i = 0; i < count; i++) {
      String code = TestApi.newRedemptionCode();
      codes.add(code);
      ObjectNode completion = api.completion(code, wib("2026-11-02T08:00:00").plusSeconds(i));
      completion.put("platform", "KARIERMU");
      batch.add(completion);
      if (batch.size() == 1000 || i == count - 1) {
        MockMvcBatch.post(mvc, json, batch);
        batch = json.createArrayNode();
      }
    }
    startDailyReport(wib("2026-12-02T10:00:00"));
    drainReportJobs();

    List<LoggedRequest> sent = platforms.findAll(postRequestedFor(urlEqualTo("/kariermu/completion-reports")));
    List<LoggedRequest> ours = sent.stream().filter(r -> containsAny(r, codes)).toList();
    assertThat(ours).hasSize(5);
    Set<String> reported = new HashSet<>();
    for (LoggedRequest request : ours) {
      JsonNode body = json.readTree(request.getBodyAsString());
      assertThat(body.get("reports").size()).isEqualTo(chunkSize);
      assertThat(body.get("batchId").asText()).isEqualTo(request.getHeader("Idempotency-Key"));
      body.get("reports").forEach(r -> reported.add(r.get("redemptionCode").asText()));
    }
    assertThat(reported).containsAll(codes);
    assertThat(jdbc.queryForObject("select count(*) from certificate where redemption_code in ('"
        + String.join("','", codes.subList(0, 10)) + "') and current_stage = 'REPORTED_TO_PMO'",
        Integer.class)).isEqualTo(10);
  }

  @Test
  void asksAnOperatorAboutARejectedReportAndResendsIt() throws Exception {
    List<String> ids = completeOn("BUKALAPAK", wib("2026-12-03T08:00:00"), 1);
    String code = api.status(ids.get(0)).get("redemptionCode").asText();
    StubPlatforms.rejectWhen(c -> c.equals(code) ? "INVALID_CERTIFICATE_NUMBER" : null);
    startDailyReport(wib("2026-12-03T10:00:00"));
    drainReportJobs();

    JsonNode rejected = api.status(ids.get(0));
    assertThat(rejected.get("state").asText()).isEqualTo("ACTION_REQUIRED");
    assertThat(rejected.at("/actionRequired/reason").asText()).isEqualTo("PLATFORM_REJECTED");
    Task review = tasks.createTaskQuery().processInstanceBusinessKey(code)
        .taskCandidateGroup("operations").singleResult();
    assertThat(review.getTaskDefinitionKey()).isEqualTo("Task_ReviewPlatformRejection");

    tasks.complete(review.getId(), java.util.Map.of("rejectionOutcome", "RESEND"));
    assertThat(api.status(ids.get(0)).get("state").asText()).isEqualTo("IN_PROGRESS");
    StubPlatforms.rejectWhen(c -> null);
    startDailyReport(wib("2026-12-04T10:00:00"));
    drainReportJobs();
    assertThat(api.status(ids.get(0)).get("currentStage").asText()).isEqualTo("REPORTED_TO_PMO");
  }

  @Test
  void closesARejectedReportWhenTheOperatorSaysSo() throws Exception {
    List<String> ids = completeOn("BUKALAPAK", wib("2026-12-07T08:00:00"), 1);
    String code = api.status(ids.get(0)).get("redemptionCode").asText();
    StubPlatforms.rejectWhen(c -> c.equals(code) ? "UNKNOWN_PARTICIPANT" : null);
    startDailyReport(wib("2026-12-07T10:00:00"));
    drainReportJobs();
    Task review = tasks.createTaskQuery().processInstanceBusinessKey(code).singleResult();
    tasks.complete(review.getId(), java.util.Map.of("rejectionOutcome", "CLOSE"));
    assertThat(api.status(ids.get(0)).get("state").asText()).isEqualTo("REJECTED");
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(code).count()).isZero();
  }

  @Test
  void neverSendsACertificateWhoseNameCheckIsOpen() throws Exception {
    clock.set(wib("2026-12-08T08:05:00"));
    String code = TestApi.newRedemptionCode();
    ObjectNode completion = api.completion(code, wib("2026-12-08T08:00:00"));
    completion.put("platform", "TOKOPEDIA");
    ((ObjectNode) completion.get("learner")).put("name", "Budi S.");
    api.complete(completion);
    List<String> matching = completeOn("TOKOPEDIA", wib("2026-12-08T08:00:00"), 1);

    startDailyReport(wib("2026-12-08T10:00:00"));
    drainReportJobs();
    List<LoggedRequest> sent = platforms.findAll(postRequestedFor(urlEqualTo("/tokopedia/completion-reports")));
    assertThat(sent).isNotEmpty();
    assertThat(sent).noneMatch(r -> r.getBodyAsString().contains(code));
    assertThat(api.status(matching.get(0)).get("currentStage").asText()).isEqualTo("REPORTED_TO_PMO");
  }

  @Test
  void skipsADayThatIsNotAWorkingDay() throws Exception {
    // Christmas 2026 is a Friday
    startDailyReport(wib("2026-12-25T10:00:00"));
    assertThat(management.createJobQuery().processDefinitionKey(ReportProcess.KEY).messages().count()).isZero();
    assertThat(jdbc.queryForObject("select count(*) from report_run where slot = '2026-12-25T10:00'",
        Integer.class)).isZero();
  }

  @Test
  void twoNodesRunTheDailyReportOnceForTheSameSchedule() throws Exception {
    List<String> codes = codesOf(completeOn("TOKOPEDIA", wib("2026-12-09T08:00:00"), 3));
    try (ConfigurableApplicationContext node2 = secondNode()) {
      RuntimeService runtime2 = node2.getBean(RuntimeService.class);
      ManagementService management2 = node2.getBean(ManagementService.class);
      clock.set(wib("2026-12-09T10:00:00"));
      // both nodes' timers fire for 10:00 at the same moment
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService nodes = Executors.newFixedThreadPool(2);
      List<Future<?>> fired = new ArrayList<>();
      for (RuntimeService node : List.of(runtime, runtime2)) {
        fired.add(nodes.submit(() -> {
          go.await();
          return node.createProcessInstanceByKey(ReportProcess.KEY)
              .startBeforeActivity("Task_OpenReportRun").execute();
        }));
      }
      go.countDown();
      int started = 0;
      for (Future<?> f : fired) {
        try {
          f.get();
          started++;
        } catch (ExecutionException lostTheRace) {
          // the loser's insert of the same slot failed; as a timer job it would retry and stop
        }
      }
      nodes.shutdown();
      assertThat(started).isPositive();
      for (int round = 0; round < 3; round++) {
        drainReportJobs();
        for (Job job : management2.createJobQuery().processDefinitionKey(ReportProcess.KEY)
            .messages().executable().list()) {
          management2.executeJob(job.getId());
        }
      }
    }
    assertThat(jdbc.queryForObject("select count(*) from report_run where slot = '2026-12-09T10:00'",
        Integer.class)).isOne();
    List<LoggedRequest> sent = platforms.findAll(postRequestedFor(urlEqualTo("/tokopedia/completion-reports")));
    for (String code : codes) {
      assertThat(sent.stream().filter(r -> containsAny(r, List.of(code)))).hasSize(1);
    }
  }

  @Test
  void anOperatorsResendSendsAnOverdueReportAtOnceAndClosesTheEscalation() throws Exception {
    List<String> ids = completeOn("TOKOPEDIA", wib("2026-12-14T08:00:00"), 1);
    String code = api.status(ids.get(0)).get("redemptionCode").asText();
    clock.set(wib("2026-12-15T08:00:00"));
    runDueTimersOf(code);
    Task chase = tasks.createTaskQuery().processInstanceBusinessKey(code)
        .taskDefinitionKey("Task_ChaseOverduePlatformReport").singleResult();

    clock.set(wib("2026-12-15T11:23:00"));
    forms.submitTaskForm(chase.getId(), java.util.Map.of("escalationOutcome", "RESEND"));
    drainReportJobs();

    List<LoggedRequest> sent = platforms.findAll(postRequestedFor(urlEqualTo("/tokopedia/completion-reports")));
    assertThat(sent.stream().filter(r -> containsAny(r, List.of(code)))).hasSize(1);
    JsonNode reported = api.status(ids.get(0));
    assertThat(reported.get("currentStage").asText()).isEqualTo("REPORTED_TO_PMO");
    assertThat(reported.at("/stages/1/completedAt").asText()).isEqualTo("2026-12-15T11:23:00+07:00");
    // the escalation and its follow-up went with the wait: the one timer left is the PMO report's deadline
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(code).count()).isZero();
    assertThat(management.createJobQuery().processInstanceId(instanceOf(code)).timers().list())
        .extracting(Job::getDuedate)
        .containsExactly(java.util.Date.from(wib("2026-12-16T11:23:00").toInstant()));
  }

  @Test
  void aResendOfAnOverduePmoReportGoesToThePlatformAgainInTheNextRun() throws Exception {
    List<String> ids = completeOn("TOKOPEDIA", wib("2026-12-16T08:00:00"), 1);
    String code = api.status(ids.get(0)).get("redemptionCode").asText();
    startDailyReport(wib("2026-12-16T10:00:00"));
    drainReportJobs();
    assertThat(api.status(ids.get(0)).get("currentStage").asText()).isEqualTo("REPORTED_TO_PMO");

    clock.set(wib("2026-12-17T10:00:00"));
    runDueTimersOf(code);
    Task chase = tasks.createTaskQuery().processInstanceBusinessKey(code)
        .taskDefinitionKey("Task_ChaseOverduePmoReport").singleResult();
    clock.set(wib("2026-12-17T12:00:00"));
    forms.submitTaskForm(chase.getId(), java.util.Map.of("escalationOutcome", "RESEND"));
    assertThat(api.status(ids.get(0)).get("currentStage").asText()).isEqualTo("REPORTED_TO_PLATFORM");

    startDailyReport(wib("2026-12-18T10:00:00"));
    drainReportJobs();
    List<LoggedRequest> sent = platforms.findAll(postRequestedFor(urlEqualTo("/tokopedia/completion-reports")));
    assertThat(sent.stream().filter(r -> containsAny(r, List.of(code)))).hasSize(2);
    JsonNode again = api.status(ids.get(0));
    assertThat(again.get("currentStage").asText()).isEqualTo("REPORTED_TO_PMO");
    assertThat(again.at("/stages/1/completedAt").asText()).isEqualTo("2026-12-18T10:00:00+07:00");
  }

  private String instanceOf(String code) {
    return runtime.createProcessInstanceQuery().processInstanceBusinessKey(code).singleResult().getId();
  }

  /** Runs the certificate's timers that are due now, as the job executor would. */
  private void runDueTimersOf(String code) {
    for (Job job : management.createJobQuery().processInstanceId(instanceOf(code)).timers()
        .executable().list()) {
      management.executeJob(job.getId());
    }
  }

  /** Another SertiFlow node: its own engine and job executor on the same database. */
  private static ConfigurableApplicationContext secondNode() {
    // on the test JVM's profiles, as the shared node: only the platforms' stub is named again
    return NodeInThisJvm.start("node2", List.of(StubPlatforms.baseUrlProperties()));
  }

  // ---------------------------------------------------------------------------------------------

  private List<String> completeOn(String platform, OffsetDateTime completedAt, int count) throws Exception {
    clock.set(completedAt.plusMinutes(1));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ObjectNode completion = api.completion(TestApi.newRedemptionCode(), completedAt);
      completion.put("platform", platform);
      ids.add(api.complete(completion).get("certificateId").asText());
    }
    return ids;
  }

  private static boolean containsAny(LoggedRequest request, List<String> codes) {
    String body = request.getBodyAsString();
    return codes.stream().anyMatch(code -> body.contains("\"" + code + "\""));
  }

  private List<String> codesOf(List<String> ids) throws Exception {
    List<String> codes = new ArrayList<>();
    for (String id : ids) {
      codes.add(api.status(id).get("redemptionCode").asText());
    }
    return codes;
  }

  private static String seqOf(LoggedRequest request) {
    String key = request.getHeader("Idempotency-Key");
    return key.substring(key.lastIndexOf('-') + 1);
  }

  /** The schedule's timer fires at {@code at}, as the job executor would fire it. */
  private void startDailyReport(OffsetDateTime at) {
    clock.set(at);
    Job timer = management.createJobQuery().processDefinitionKey(ReportProcess.KEY).timers().singleResult();
    management.executeJob(timer.getId());
  }

  private void drainReportJobs() {
    ReportJobs.drain(management);
  }
}
