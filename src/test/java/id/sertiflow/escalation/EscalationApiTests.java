package id.sertiflow.escalation;

import static id.sertiflow.TestApi.wib;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.sertiflow.EngineClock;
import id.sertiflow.SertiflowTest;
import id.sertiflow.TestApi;
import id.sertiflow.certificate.CertificateProcess;
import id.sertiflow.certificate.Stage;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/** The operators' list of SLA breaches, {@code GET /api/v1/escalations}. */
@SertiflowTest
class EscalationApiTests {

  // Friday afternoon: the report to the platform is due Monday 2026-11-30 at 15:30
  static final OffsetDateTime COMPLETED = wib("2026-11-27T15:30:00");
  static final OffsetDateTime NOW = wib("2026-12-09T10:00:00");

  @RegisterExtension final EngineClock clock = EngineClock.at(NOW);

  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;

  TestApi api;

  @BeforeEach
  void setUp() {
    api = new TestApi(mvc, json);
  }

  /** The largest page: the shared test database holds other tests' escalations too. */
  MockHttpServletResponse list(String status) throws Exception {
    var request = get("/api/v1/escalations").header(HttpHeaders.AUTHORIZATION, TestApi.OPERATOR)
        .param("maxResults", "1000");
    if (status != null) {
      request.param("status", status);
    }
    return mvc.perform(request).andReturn().getResponse();
  }

  JsonNode openEscalations() throws Exception {
    MockHttpServletResponse response = list("open");
    assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
    return api.read(response);
  }

  static List<JsonNode> of(JsonNode list, String redemptionCode) {
    List<JsonNode> mine = new ArrayList<>();
    list.forEach(e -> {
      if (redemptionCode.equals(e.path("redemptionCode").asText())) {
        mine.add(e);
      }
    });
    return mine;
  }

  /** A certificate completed at {@code completedAt}, its due timers run at {@link #NOW}. */
  String breached(String code, OffsetDateTime completedAt) throws Exception {
    String id = api.complete(api.completion(code, completedAt)).get("certificateId").asText();
    runDueTimers(code);
    return id;
  }

  /** Runs the certificate's due timer, as the job executor would. */
  void runDueTimers(String code) {
    String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(code)
        .singleResult().getId();
    List<Job> due = management.createJobQuery().processInstanceId(instance).executable().list();
    assertThat(due).hasSize(1);
    due.forEach(job -> management.executeJob(job.getId()));
  }

  @Test
  void listsABreachedCertificateUntilItsReportArrives() throws Exception {
    String code = TestApi.newRedemptionCode();
    String id = api.complete(api.completion(code, COMPLETED)).get("certificateId").asText();
    // late, but the timer has not fired yet: no task, no escalation
    assertThat(of(openEscalations(), code)).isEmpty();

    runDueTimers(code);
    Task task = tasks.createTaskQuery().processInstanceBusinessKey(code).singleResult();

    List<JsonNode> mine = of(openEscalations(), code);
    assertThat(mine).hasSize(1);
    JsonNode escalation = mine.get(0);
    assertThat(escalation.get("taskId").asText()).isEqualTo(task.getId());
    assertThat(escalation.get("certificateId").asText()).isEqualTo(id);
    assertThat(escalation.get("redemptionCode").asText()).isEqualTo(code);
    assertThat(escalation.get("platform").asText()).isEqualTo("TOKOPEDIA");
    assertThat(escalation.get("stage").asText()).isEqualTo("REPORTED_TO_PLATFORM");
    assertThat(escalation.get("dueAt").asText()).isEqualTo("2026-11-30T15:30:00+07:00");
    // from Monday 15:30 to the next week's Wednesday 10:00: 8 days, 18 hours and 30 minutes
    assertThat(escalation.get("lateBy").asText()).isEqualTo("PT210H30M");
    // and, counted as deadlines are, 6 whole working days (Tuesday to Tuesday; Wednesday's sixth
    // is whole only at 15:30): the weekend between does not count
    assertThat(escalation.get("lateWorkingDays").asInt()).isEqualTo(6);
    assertThat(escalation.get("createdAt").asText()).isEqualTo("2026-12-09T10:00:00+07:00");

    // an hour later it is an hour later still
    clock.set(NOW.plusHours(1));
    assertThat(of(openEscalations(), code).get(0).get("lateBy").asText()).isEqualTo("PT211H30M");

    runtime.createMessageCorrelation(Stage.REPORTED_TO_PLATFORM.waiting().message())
        .processInstanceBusinessKey(code)
        .setVariable(CertificateProcess.VAR_EVENT_OCCURRED_AT, Date.from(NOW.toInstant()))
        .correlate();
    assertThat(of(openEscalations(), code)).isEmpty();
  }

  @Test
  void listsTheMostOverdueFirst() throws Exception {
    String later = TestApi.newRedemptionCode();
    String earlier = TestApi.newRedemptionCode();
    breached(later, COMPLETED);
    breached(earlier, COMPLETED.minusDays(7));

    JsonNode all = openEscalations();
    List<String> codes = new ArrayList<>();
    List<OffsetDateTime> dueAts = new ArrayList<>();
    all.forEach(e -> {
      codes.add(e.get("redemptionCode").asText());
      dueAts.add(OffsetDateTime.parse(e.get("dueAt").asText()));
    });
    assertThat(dueAts).isSortedAccordingTo(OffsetDateTime::compareTo);
    assertThat(codes.indexOf(earlier)).isNotNegative().isLessThan(codes.indexOf(later));
    assertThat(of(all, earlier).get(0).get("dueAt").asText()).isEqualTo("2026-11-23T15:30:00+07:00");
  }

  @Test
  void noStatusMeansOpen() throws Exception {
    String code = TestApi.newRedemptionCode();
    breached(code, COMPLETED);
    MockHttpServletResponse response = list(null);
    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(of(api.read(response), code)).hasSize(1);
  }

  @Test
  void pagesTheListAndLinksTheNextPage() throws Exception {
    breached(TestApi.newRedemptionCode(), COMPLETED);
    breached(TestApi.newRedemptionCode(), COMPLETED);
    List<String> all = new ArrayList<>();
    openEscalations().forEach(e -> all.add(e.get("taskId").asText()));

    MockHttpServletResponse first = mvc.perform(get("/api/v1/escalations?status=open&maxResults=1")
        .header(HttpHeaders.AUTHORIZATION, TestApi.OPERATOR)).andReturn().getResponse();
    assertThat(first.getStatus()).isEqualTo(200);
    assertThat(api.read(first)).hasSize(1);
    assertThat(api.read(first).get(0).get("taskId").asText()).isEqualTo(all.get(0));
    assertThat(first.getHeader(HttpHeaders.LINK))
        .isEqualTo("</api/v1/escalations?status=open&firstResult=1&maxResults=1>; rel=\"next\"");

    String next = first.getHeader(HttpHeaders.LINK).replaceAll("^<(.*)>.*$", "$1");
    MockHttpServletResponse second = mvc.perform(get(java.net.URI.create(next))
        .header(HttpHeaders.AUTHORIZATION, TestApi.OPERATOR)).andReturn().getResponse();
    assertThat(api.read(second).get(0).get("taskId").asText()).isEqualTo(all.get(1));

    // the last page links nowhere
    MockHttpServletResponse last = mvc.perform(get("/api/v1/escalations")
        .param("firstResult", Integer.toString(all.size() - 1)).param("maxResults", "5")
        .header(HttpHeaders.AUTHORIZATION, TestApi.OPERATOR)).andReturn().getResponse();
    assertThat(api.read(last)).hasSize(1);
    assertThat(last.getHeader(HttpHeaders.LINK)).isNull();
  }

  @Test
  void aPageOutOfBoundsIsNamed() throws Exception {
    MockHttpServletResponse response = mvc.perform(get("/api/v1/escalations")
        .param("status", "open").param("firstResult", "-1").param("maxResults", "1001")
        .header(HttpHeaders.AUTHORIZATION, TestApi.OPERATOR)).andReturn().getResponse();
    assertThat(TestApi.errorFields(api.problem(response, 422)))
        .containsExactlyInAnyOrder("firstResult", "maxResults");
    assertThat(TestApi.errorFields(api.problem(mvc.perform(get("/api/v1/escalations")
        .param("maxResults", "many").header(HttpHeaders.AUTHORIZATION, TestApi.OPERATOR))
        .andReturn().getResponse(), 422))).containsExactly("maxResults");
  }

  @Test
  void anyOtherStatusIsNamed() throws Exception {
    for (String status : List.of("closed", "", "OPEN!")) {
      JsonNode problem = api.problem(list(status), 422);
      assertThat(TestApi.errorFields(problem)).containsExactly("status");
    }
  }

  @Test
  void publishesThePagingLimitsThatCheckAList() throws Exception {
    JsonNode parameters = json.readTree(mvc.perform(get("/v3/api-docs")).andReturn().getResponse()
        .getContentAsString()).at("/paths/~1api~1v1~1escalations/get/parameters");

    assertThat(parameters.findValuesAsText("name"))
        .containsExactly("status", "firstResult", "maxResults");
    assertThat(parameters.get(0).at("/schema/pattern").asText()).contains("open").contains("at-risk");
    assertThat(parameters.get(1).at("/schema/minimum").asInt()).isZero();
    assertThat(parameters.get(2).at("/schema/minimum").asInt()).isEqualTo(1);
    assertThat(parameters.get(2).at("/schema/maximum").asInt()).isEqualTo(1000);
    assertThat(parameters.get(2).path("description").asText()).contains("rel=\"next\"");
  }
}
