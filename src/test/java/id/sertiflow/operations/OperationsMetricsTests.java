package id.sertiflow.operations;

import static id.sertiflow.TestApi.wib;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.sertiflow.EngineClock;
import id.sertiflow.PrometheusScrape;
import id.sertiflow.ReportJobs;
import id.sertiflow.SertiflowTest;
import id.sertiflow.StubPlatforms;
import id.sertiflow.TestApi;
import id.sertiflow.TestOperators;
import id.sertiflow.certificate.Stage;
import id.sertiflow.platform.Platform;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * {@code /actuator/prometheus} after the pipeline ran: a completion taken, reported, reported to
 * the PMO and verified, another one overdue; every series of API.md's table is there with its
 * labels, the counters moved by what happened, the gauges answer from the shared snapshot.
 */
@SertiflowTest
class OperationsMetricsTests {

  static final String REPORT_REQUESTED = "ReportRequested";

  @RegisterExtension final EngineClock clock = EngineClock.realTime();

  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired SharedSnapshot snapshot;
  @Autowired JdbcTemplate jdbc;

  TestApi api;
  TestOperators operators;

  @BeforeEach
  void setUp() {
    api = new TestApi(mvc, json);
    operators = new TestOperators(identity);
    StubPlatforms.reset();
  }

  @AfterEach
  void tearDown() {
    operators.deleteAll();
  }

  /** The codes of what {@link #runPipeline} left behind: one verified, one overdue. */
  record Pipeline(String verified, String overdue) {}

  @Test
  void anOperatorScrapesEverySeriesOfTheContractWithItsLabelsAfterAPipelineRun() throws Exception {
    PrometheusScrape before = scrape();
    runPipeline();
    snapshot.takeAndShare();
    PrometheusScrape after = scrape();

    // counters: moved by what the pipeline did
    for (String outcome : List.of("created", "duplicate", "rejected")) {
      assertThat(delta(before, after, "sertiflow_intake_total", "outcome", outcome))
          .as("intake " + outcome).isGreaterThanOrEqualTo(1);
    }
    assertThat(after.type("sertiflow_intake_total")).isEqualTo("counter");
    assertThat(delta(before, after, "sertiflow_report_requests_total", "platform", "TOKOPEDIA",
        "outcome", "accepted")).isGreaterThanOrEqualTo(1);
    assertThat(after.samples("sertiflow_report_requests_total", "outcome", "failed"))
        .as("every platform and outcome from the start").hasSize(5);
    assertThat(after.type("sertiflow_report_requests_total")).isEqualTo("counter");
    assertThat(delta(before, after, "sertiflow_platform_events_total", "platform", "TOKOPEDIA",
        "type", "REPORTED_TO_PMO", "outcome", "applied")).isEqualTo(1);
    assertThat(delta(before, after, "sertiflow_platform_events_total", "platform", "TOKOPEDIA",
        "type", "REPORTED_TO_PMO", "outcome", "duplicate")).isEqualTo(1);
    assertThat(delta(before, after, "sertiflow_platform_events_total", "platform", "TOKOPEDIA",
        "type", "PMO_VERIFIED", "outcome", "refused")).isEqualTo(1);
    assertThat(after.type("sertiflow_platform_events_total")).isEqualTo("counter");

    // the histogram: each stage the certificate went through, with its time
    for (String stage : List.of("REPORTED_TO_PLATFORM", "REPORTED_TO_PMO", "VERIFIED_BY_PMO")) {
      assertThat(delta(before, after, "sertiflow_stage_duration_seconds_count", "stage", stage,
          "platform", "TOKOPEDIA")).as(stage).isGreaterThanOrEqualTo(1);
      assertThat(after.samples("sertiflow_stage_duration_seconds_bucket", "stage", stage,
          "platform", "TOKOPEDIA", "le", "+Inf")).hasSize(1);
    }
    assertThat(after.type("sertiflow_stage_duration_seconds")).isEqualTo("histogram");
    // reported to the platform an hour after the class was completed: within the 4 h bucket only
    assertThat(delta(before, after, "sertiflow_stage_duration_seconds_bucket",
        "stage", "REPORTED_TO_PLATFORM", "platform", "TOKOPEDIA", "le", "14400.0"))
        .isGreaterThanOrEqualTo(1);

    // the gauges over the read model, from the snapshot, every stage and platform named
    for (String family : List.of("sertiflow_certificates", "sertiflow_certificates_overdue",
        "sertiflow_certificates_at_risk")) {
      assertThat(after.type(family)).isEqualTo("gauge");
      assertThat(after.samples(family)).as(family).hasSize(3 * 5);
      assertThat(after.help(family)).contains("the cluster's snapshot, taken every");
    }
    assertThat(after.value("sertiflow_certificates", "stage", "REPORTED_TO_PLATFORM",
        "platform", "TOKOPEDIA")).isGreaterThanOrEqualTo(1);
    assertThat(after.value("sertiflow_certificates_overdue", "stage", "REPORTED_TO_PLATFORM",
        "platform", "TOKOPEDIA")).isGreaterThanOrEqualTo(1);
    assertThat(after.samples("sertiflow_escalations_open")).extracting(s -> s.labels().get("task"))
        .contains("Task_ChaseOverduePlatformReport", "Task_ChaseOverduePmoReport",
            "Task_ChaseOverduePmoVerification", "Task_ReviewPmoRejection");
    assertThat(after.type("sertiflow_escalations_open")).isEqualTo("gauge");
    assertThat(after.samples("sertiflow_metrics_snapshot_age_seconds")).hasSize(1);

    // what Spring Boot and the engine give
    assertThat(after.names()).contains("jvm_memory_used_bytes", "hikaricp_connections_active",
        "http_server_requests_seconds_bucket", "camunda_job_acquisitions_total",
        "camunda_jobs_executed_total", "camunda_incidents_open", "camunda_jobs_due");
  }

  @Test
  void theScrapeIsForOperatorsOnly() throws Exception {
    MockHttpServletResponse anonymous = mvc.perform(get("/actuator/prometheus"))
        .andReturn().getResponse();
    api.problem(anonymous, 401);
    assertThat(anonymous.getHeader(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");

    String support = operators.create("learner-support");
    api.problem(mvc.perform(get("/actuator/prometheus")
        .header(HttpHeaders.AUTHORIZATION, TestOperators.credentialsOf(support)))
        .andReturn().getResponse(), 403);

    String admin = operators.create("camunda-admin");
    assertThat(mvc.perform(get("/actuator/prometheus")
        .header(HttpHeaders.AUTHORIZATION, TestOperators.credentialsOf(admin)))
        .andReturn().getResponse().getStatus()).isEqualTo(200);
  }

  @Test
  void everyNodeAnswersFromTheSnapshotOneNodeStored() throws Exception {
    runPipeline();
    OperationsSnapshot taken = snapshot.takeAndShare();
    // another node's view: what the shared row says, read back
    snapshot.reload();
    assertThat(snapshot.latest()).isEqualTo(taken);
    assertThat(taken.at(Stage.REPORTED_TO_PLATFORM, Platform.TOKOPEDIA).overdue()).isGreaterThanOrEqualTo(1);
    // later, the scrape says how old it is, on the engine's clock
    clock.advance(Duration.ofSeconds(45));
    assertThat(scrape().value("sertiflow_metrics_snapshot_age_seconds")).isEqualTo(45.0);
  }

  @Test
  void everySeriesTheDashboardAndTheAlertsNameIsExported() throws Exception {
    runPipeline();
    snapshot.takeAndShare();
    PrometheusScrape scrape = scrape();
    Map<String, Set<String>> named = MonitoringSeries.named(json);
    assertThat(named).as("the reading of deploy/ found the series it names")
        .containsKeys("sertiflow_certificates", "sertiflow_stage_duration_seconds_bucket",
            "sertiflow_report_requests_total", "camunda_incidents_open", "up");
    Map<String, Set<String>> missing = new TreeMap<>(named);
    missing.keySet().removeAll(scrape.names());
    // Prometheus's own series of each target
    missing.remove("up");
    assertThat(missing).as("series a panel or an alert names that the service does not export")
        .isEmpty();
    assertThat(MonitoringSeries.seriesIn("sum by (le) (rate(a_b_bucket{x=\"y(\"}[5m])) / on (stage)"
        + " group_left max(c_d offset 1h) and time() > $__rate_interval"))
        .containsExactly("a_b_bucket", "c_d");
  }

  @Test
  void oneNodeTakesTheSnapshotOfAPeriodAndTheOtherFindsItTaken() {
    LockProvider otherNode = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration
        .builder().withJdbcTemplate(jdbc).usingDbTime().withLockedByValue("the other node").build());
    jdbc.update("delete from metrics_snapshot");
    Optional<SimpleLock> othersPeriod = otherNode.lock(new LockConfiguration(Instant.now(),
        "metrics-snapshot", Duration.ofMinutes(5), Duration.ZERO));
    assertThat(othersPeriod).as("the other node takes this period's snapshot").isPresent();

    snapshot.onSchedule();
    assertThat(jdbc.queryForObject("select count(*) from metrics_snapshot", Integer.class))
        .as("this node's schedule, while the other node takes it").isZero();

    othersPeriod.get().unlock();
    snapshot.onSchedule();
    assertThat(jdbc.queryForObject("select count(*) from metrics_snapshot", Integer.class))
        .as("this node's schedule, in a period of its own").isOne();
  }

  // --- the pipeline ---

  /**
   * On a working day at a minute no other test reports at: one Tokopedia certificate through
   * intake (a replay and a refusal beside it), the report run, the PMO's report (a replay too) and
   * verification; an event for a code the platform does not have; and a certificate whose report
   * is overdue.
   */
  Pipeline runPipeline() throws Exception {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    OffsetDateTime t0 = wib("2026-12-08T02:00:00").plusDays(random.nextInt(3))
        .plusMinutes(random.nextInt(300));
    clock.set(t0);
    String code = TestApi.newRedemptionCode();
    ObjectNode completion = api.completion(code, t0.minusHours(1));
    api.complete(completion);
    assertThat(api.postCompletion(completion).getStatus()).isEqualTo(200);
    ObjectNode ineligible = api.completion(TestApi.newRedemptionCode(), t0.minusHours(1));
    ineligible.put("progressPercent", 50);
    assertThat(api.postCompletion(ineligible).getStatus()).isEqualTo(422);

    runtime.startProcessInstanceByMessage(REPORT_REQUESTED);
    ReportJobs.drain(management);
    assertThat(api.findByRedemptionCode(code).getContentAsString())
        .contains("\"currentStage\":\"REPORTED_TO_PMO\"");

    clock.set(t0.plusMinutes(5));
    api.platformSays("REPORTED_TO_PMO", code, t0.plusMinutes(4));
    api.platformSays("REPORTED_TO_PMO", code, t0.plusMinutes(4));
    MockHttpServletResponse unknown = api.postEvents("tokopedia", TestApi.TOKOPEDIA_SECRET,
        api.event("tkp-unknown-" + code, "PMO_VERIFIED", TestApi.newRedemptionCode(), t0));
    assertThat(unknown.getStatus()).as(unknown.getContentAsString(StandardCharsets.UTF_8))
        .isEqualTo(404);
    clock.set(t0.plusMinutes(10));
    api.platformSays("PMO_VERIFIED", code, t0.plusMinutes(9));

    String late = TestApi.newRedemptionCode();
    api.complete(api.completion(late, t0.minusDays(6)));
    return new Pipeline(code, late);
  }


  PrometheusScrape scrape() throws Exception {
    MockHttpServletResponse response = mvc.perform(get("/actuator/prometheus")
        .header(HttpHeaders.AUTHORIZATION, TestApi.OPERATOR)).andReturn().getResponse();
    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.getContentType()).startsWith("text/plain");
    return new PrometheusScrape(response.getContentAsString(StandardCharsets.UTF_8));
  }

  private static double delta(PrometheusScrape before, PrometheusScrape after, String name,
      String... labels) {
    return after.value(name, labels) - before.value(name, labels);
  }
}
