package id.sertiflow.privacy;

import static id.sertiflow.TestApi.wib;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.sertiflow.EngineClock;
import id.sertiflow.SertiflowTest;
import id.sertiflow.TestApi;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Nothing is kept longer than needed, under the engine clock: Camunda's history cleanup removes a
 * finished certificate's history once its time to live has passed, and the retention job
 * anonymises a finished certificate {@code sertiflow.retention.closed-after} after it finished,
 * and not before. Its dates are in 2024, before any other test's, so that what the cleanup and
 * the job find is this test's alone.
 */
@SertiflowTest
class RetentionTests {

  // a Monday; the PMO verifies the certificate the same morning
  static final OffsetDateTime COMPLETED = wib("2024-03-04T08:00:00");

  @RegisterExtension final EngineClock clock = EngineClock.at(COMPLETED.plusMinutes(1));

  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired JdbcTemplate jdbc;
  @Autowired DataSource dataSource;
  @Autowired HistoryService history;
  @Autowired ManagementService management;
  @Autowired RepositoryService repository;
  @Autowired Retention retention;
  @Value("${sertiflow.retention.closed-after}") Duration closedAfter;

  TestApi api;

  @BeforeEach
  void setUp() {
    api = new TestApi(mvc, json);
  }

  @Test
  void bothProcessesHaveAHistoryTimeToLiveAndTheCleanupRunsInItsWindow() {
    for (String key : List.of("certificate-reporting", "platform-daily-report")) {
      assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion()
          .singleResult().getHistoryTimeToLive()).as(key).isEqualTo(180);
    }
    Job cleanup = history.findHistoryCleanupJobs().get(0);
    // scheduled for the window's start, 01:00 in Jakarta
    assertThat(cleanup.getDuedate().toInstant().atOffset(wib("2026-01-01T00:00:00").getOffset())
        .toLocalTime()).isEqualTo(java.time.LocalTime.of(1, 0));
  }

  @Test
  void removesFinishedHistoryAfterItsTimeToLiveAndAnonymisesAFinishedCertificateAfterItsRetention()
      throws Exception {
    String code = TestApi.newRedemptionCode();
    String learnerId = "u-retention-" + code.toLowerCase(java.util.Locale.ROOT);
    UUID old = verified(code, learnerId, COMPLETED);
    String instance = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(code)
        .singleResult().getId();

    // 180 days after its start the history goes, and not a minute before
    clock.set(COMPLETED.plusMinutes(1).plusDays(180).minusMinutes(1));
    runHistoryCleanup();
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(instance).count()).isOne();
    clock.set(COMPLETED.plusMinutes(2).plusDays(180));
    runHistoryCleanup();
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(instance).count()).isZero();
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instance).count()).isZero();

    // a certificate verified later keeps its data while the first one's retention ends
    String laterCode = TestApi.newRedemptionCode();
    UUID later = verified(laterCode, "u-retention-" + laterCode.toLowerCase(java.util.Locale.ROOT),
        COMPLETED.plusDays(30));
    OffsetDateTime verifiedAt = COMPLETED.plusMinutes(1);
    clock.set(verifiedAt.plus(closedAfter).minusMinutes(1));
    assertThat(retention.anonymiseFinished()).isZero();
    assertThat(erasedAt(old)).isNull();

    clock.set(verifiedAt.plus(closedAfter).plusMinutes(1));
    retention.daily();
    assertThat(erasedAt(old)).isNotNull();
    assertThat(erasedAt(later)).isNull();
    Map<String, Object> row = jdbc.queryForMap("select state, learner_name, learner_email,"
        + " redemption_code, platform from certificate where id = ?", old);
    assertThat(row.get("state")).isEqualTo("VERIFIED");
    assertThat(row.get("learner_name")).isEqualTo("erased");
    assertThat(row.get("learner_email")).isEqualTo("erased");
    assertThat(row.get("platform")).isEqualTo("TOKOPEDIA");
    assertThat(new DatabaseSearch(dataSource).columnsHolding(List.of(code, learnerId + "@")))
        .isEmpty();
    // recorded as an erasure by retention; a second run finds nothing more to do
    assertThat(jdbc.queryForObject("select e.requested_by from erasure e join erasure_certificate c"
        + " on c.erasure_id = e.id where c.certificate_id = ?", String.class, old))
        .isEqualTo("retention");
    assertThat(retention.anonymiseFinished()).isZero();
  }

  /** A Tokopedia certificate of the learner, completed at {@code completed} and verified at once. */
  UUID verified(String code, String learnerId, OffsetDateTime completed) throws Exception {
    clock.set(completed.plusMinutes(1));
    ObjectNode completion = api.completion(code, completed);
    ((ObjectNode) completion.get("learner")).put("id", learnerId)
        .put("email", learnerId + "@privasi.example");
    UUID id = UUID.fromString(api.complete(completion).get("certificateId").asText());
    api.platformSays("PMO_VERIFIED", code, completed);
    assertThat(api.status(id.toString()).get("state").asText()).isEqualTo("VERIFIED");
    return id;
  }

  /** Camunda's history cleanup at the engine clock's time, as its job would run in the window. */
  void runHistoryCleanup() {
    Job cleanup = history.cleanUpHistoryAsync(true);
    management.executeJob(cleanup.getId());
  }

  OffsetDateTime erasedAt(UUID certificate) {
    return jdbc.queryForObject("select erased_at from certificate where id = ?",
        OffsetDateTime.class, certificate);
  }
}
