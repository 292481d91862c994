package id.sertiflow.privacy;

import static id.sertiflow.TestApi.wib;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.sertiflow.EngineClock;
import id.sertiflow.SertiflowTest;
import id.sertiflow.StubPlatforms;
import id.sertiflow.TestApi;
import id.sertiflow.TestOperators;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A learner's personal data through a whole pipeline, then erased: every column of every table
 * that held it is one the inventory (docs/personal-data.md) names, and after the erasure no column
 * of any table holds it, while the certificate's row (for the counts) and the erasure's record
 * stay. The database is walked through the JDBC driver's metadata, so the same test holds on H2
 * and, with {@code -Ppostgres}, on PostgreSQL.
 */
@SertiflowTest
class PersonalDataTests {

  static final Path INVENTORY = Path.of("docs/personal-data.md");
  static final String KARIERMU_SECRET = "demo-secret-kariermu";
  // Monday morning; the name check's three working days end Thursday at the same time
  static final OffsetDateTime COMPLETED = wib("2026-11-30T08:00:00");

  @RegisterExtension final EngineClock clock = EngineClock.at(COMPLETED.plusMinutes(1));

  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired DataSource dataSource;
  @Autowired JdbcTemplate jdbc;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired FormService forms;
  @Autowired IdentityService identity;
  @Autowired ManagementService management;
  @Autowired HistoryService history;
  @Autowired RepositoryService repository;

  TestApi api;
  TestOperators operators;
  String officer;

  /** A learner nobody else in the suite is: each value is searched for in the whole database. */
  record Learner(String id, String word, String email, String code) {
    static Learner fresh() {
      StringBuilder word = new StringBuilder("Xq");
      for (int i = 0; i < 8; i++) {
        word.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
      }
      String tag = word.toString().toLowerCase(Locale.ROOT);
      return new Learner("u-" + tag, word.toString(), tag + "@privasi.example",
          TestApi.newRedemptionCode());
    }

    /** What must not be left anywhere once the learner is erased. */
    List<String> values() {
      return List.of(id, word, email, code);
    }

    String name() {
      return "Ayu " + word;
    }
  }

  @BeforeEach
  void setUp() {
    api = new TestApi(mvc, json);
    operators = new TestOperators(identity);
    officer = operators.create("privacy-officer");
    StubPlatforms.reset();
  }

  @AfterEach
  void tearDown() {
    operators.deleteAll();
  }

  @Test
  void everyColumnThatHoldsALearnersDataIsInTheInventoryAndNoneHoldsItAfterTheErasure()
      throws Exception {
    Learner learner = Learner.fresh();
    // the learning platform's name differs from the Kartu Prakerja name: learner support corrects it
    ObjectNode completion = completionOf(learner, "KARIERMU");
    ((ObjectNode) completion.get("learner")).put("name", learner.name() + " S.");
    String id = api.complete(completion).get("certificateId").asText();
    String instance = instanceOf(learner.code());
    clock.set(wib("2026-12-03T08:02:00"));
    runDueJobs(instance);
    Task help = tasks.createTaskQuery().processInstanceId(instance)
        .taskDefinitionKey("Task_HelpLearnerCorrectName").singleResult();
    decide(help, Map.of("escalationOutcome", "CORRECT_NAME", "correctedName", learner.name()));
    // the learner looks the certificate up; the daily report sends it to Kariermu
    assertThat(lookUp(learner).getStatus()).isEqualTo(200);
    runDailyReport(wib("2026-12-03T13:00:00").plusMinutes(ThreadLocalRandom.current().nextInt(1, 59)));
    assertThat(api.status(id).get("currentStage").asText()).isEqualTo("REPORTED_TO_PMO");
    // Kariermu reports to the PMO, which rejects it, quoting the name
    clock.set(wib("2026-12-03T14:00:00"));
    callback(learner, "kmu-pmo-" + learner.code(), "REPORTED_TO_PMO", null, null);
    callback(learner, "kmu-rej-" + learner.code(), "PMO_REJECTED", "INCOMPLETE_DATA",
        "Data peserta " + learner.name() + " tidak lengkap");
    assertThat(tasks.createTaskQuery().processInstanceId(instance)
        .taskDefinitionKey("Task_ReviewPmoRejection").count()).isOne();

    DatabaseSearch database = new DatabaseSearch(dataSource);
    assertThat(database.columns()).extracting(DatabaseSearch.Column::name)
        .contains("certificate.learner_name", "act_hi_procinst.business_key_",
            "act_ge_bytearray.bytes_", "report_chunk.payload");
    Map<String, String> holding = database.columnsHolding(learner.values());
    assertThat(holding).as("where the learner's data is").containsKeys(
        "certificate.learner_name", "certificate.learner_email", "certificate.learner_id",
        "certificate.redemption_code", "report_chunk.payload", "act_ru_task.description_");
    assertThat(holding.keySet()).as("columns holding personal data (value found) %s that %s"
        + " does not name", holding, INVENTORY).isSubsetOf(inventoriedColumns());

    JsonNode erased = erase("{\"learnerId\": \"" + learner.id() + "\", \"reason\": \"the learner's"
        + " request of 2026-12-03, ticket 4711\"}", 200);
    assertThat(erased.get("certificates").asInt()).isOne();
    assertThat(erased.get("erasedAt").asText()).isEqualTo("2026-12-03T14:00:00+07:00");

    // the certificate in flight closed at "Closed: data erased", its tasks gone
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).count()).isZero();
    assertThat(tasks.createTaskQuery().processInstanceId(instance).count()).isZero();
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instance)
        .activityId("EndEvent_DataErased").count()).isOne();
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(instance)
        .singleResult().getBusinessKey()).isEqualTo(id);
    // no column of any table holds the learner's data; the row stays for the counts
    assertThat(database.columnsHolding(learner.values())).as("columns still holding it").isEmpty();
    Map<String, Object> row = jdbc.queryForMap("select state, current_stage, platform, course_id,"
        + " erased_at from certificate where id = ?", java.util.UUID.fromString(id));
    assertThat(row.get("state")).isEqualTo("ERASED");
    assertThat(row.get("platform")).isEqualTo("KARIERMU");
    assertThat(row.get("course_id")).isEqualTo("c-77");
    assertThat(jdbc.queryForObject("select status from certificate_stage where certificate_id = ?"
        + " and stage = ?", String.class, java.util.UUID.fromString(id), row.get("current_stage")))
        .isEqualTo("ERASED");
    // the learner's look-up and the learning platform's status answer 404
    assertThat(lookUp(learner).getStatus()).isEqualTo(404);
    assertThat(mvc.perform(get("/api/v1/certificates/" + id).header("X-Api-Key", TestApi.API_KEY))
        .andReturn().getResponse().getStatus()).isEqualTo(404);
    // the erasure's record: who, when, why, which certificate
    JsonNode record = erasureRecord(erased.get("erasureId").asText());
    assertThat(record.get("requestedBy").asText()).isEqualTo(officer);
    assertThat(record.get("reason").asText()).isEqualTo("the learner's request of 2026-12-03, ticket 4711");
    assertThat(record.get("certificateIds")).extracting(JsonNode::asText).containsExactly(id);

    // erasing twice is harmless: nothing matches any more, nothing changes
    int records = jdbc.queryForObject("select count(*) from erasure", Integer.class);
    erase("{\"learnerId\": \"" + learner.id() + "\", \"reason\": \"again\"}", 404);
    assertThat(jdbc.queryForObject("select count(*) from erasure", Integer.class)).isEqualTo(records);
    // a late callback for the erased code finds no certificate and stores nothing
    assertThat(api.postEvents("kariermu", KARIERMU_SECRET, api.event("kmu-late-" + learner.code(),
        "PMO_VERIFIED", learner.code(), wib("2026-12-03T13:59:00"))).getStatus()).isEqualTo(404);
    assertThat(database.columnsHolding(learner.values())).isEmpty();
  }

  @Test
  void showsThePrivacyOfficerAndNobodyElseEverythingHeldOfALearner() throws Exception {
    Learner learner = Learner.fresh();
    String first = api.complete(completionOf(learner, "TOKOPEDIA")).get("certificateId").asText();
    String secondCode = TestApi.newRedemptionCode();
    String secondId = anotherCertificate(learner, "PINTARIA", secondCode);

    MockHttpServletResponse response = personalData(learner.id(), officer);
    assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
    JsonNode held = api.read(response);
    assertThat(held.get("certificates")).extracting(JsonNode::asText)
        .containsExactlyInAnyOrder(first, secondId);
    Map<String, String> byPlace = new HashMap<>();
    held.get("held").forEach(h -> byPlace.merge(h.get("place").asText(), h.get("value").toString(),
        (a, b) -> a + " " + b));
    assertThat(byPlace.get("certificate.learner_email")).contains(learner.email());
    assertThat(byPlace.get("certificate.learner_name")).contains(learner.name());
    assertThat(byPlace.get("ACT_RU_EXECUTION.BUSINESS_KEY_")).contains(learner.code(), secondCode);
    // each place it names is one the inventory names
    Set<String> inventory = inventoriedColumns();
    assertThat(byPlace.keySet()).allSatisfy(place -> assertThat(inventory)
        .contains(place.replaceAll(" .*", "").toLowerCase(Locale.ROOT)));

    // an administrator is no privacy officer; a learner of whom nothing is held is not found
    assertThat(mvc.perform(get("/api/v1/learners/" + learner.id() + "/personal-data")
        .header(HttpHeaders.AUTHORIZATION, TestApi.OPERATOR)).andReturn().getResponse().getStatus())
        .isEqualTo(403);
    api.problem(personalData("u-nobody-" + learner.word(), officer), 404);
  }

  @Test
  void refusesAnErasureThatNamesNoLearnerOrWouldKeepTheLearnersDataInItsReason() throws Exception {
    Learner learner = Learner.fresh();
    api.complete(completionOf(learner, "TOKOPEDIA"));

    assertThat(TestApi.errorFields(erase("{}", 422)))
        .containsExactlyInAnyOrder("learnerId", "redemptionCode", "reason");
    assertThat(TestApi.errorFields(erase("{\"learnerId\": \"" + learner.id() + "\", \"redemptionCode\": \""
        + learner.code() + "\", \"reason\": \"request\"}", 422)))
        .containsExactlyInAnyOrder("learnerId", "redemptionCode");
    assertThat(TestApi.errorFields(erase("{\"learnerId\": \"" + learner.id() + "\", \"reason\":"
        + " \"asked by " + learner.email().toUpperCase(Locale.ROOT) + "\"}", 422)))
        .containsExactly("reason");
    erase("{\"learnerId\": \"u-nobody-" + learner.word() + "\", \"reason\": \"request\"}", 404);
    // nothing changed
    assertThat(jdbc.queryForObject("select count(*) from certificate where learner_id = ?"
        + " and erased_at is null", Integer.class, learner.id())).isOne();
    assertThat(lookUp(learner).getStatus()).isEqualTo(200);
  }

  @Test
  void erasesEveryCertificateOfTheLearnerWhoseRedemptionCodeIsGiven() throws Exception {
    Learner learner = Learner.fresh();
    String first = api.complete(completionOf(learner, "TOKOPEDIA")).get("certificateId").asText();
    String secondCode = TestApi.newRedemptionCode();
    String secondId = anotherCertificate(learner, "BUKALAPAK", secondCode);
    // the second one finished already: verified
    api.postEvents("bukalapak", "demo-secret-bukalapak", api.event("bkl-ver-" + secondCode,
        "PMO_VERIFIED", secondCode, COMPLETED.plusSeconds(30)));
    assertThat(api.status(secondId).get("state").asText()).isEqualTo("VERIFIED");

    JsonNode erased = erase("{\"redemptionCode\": \"" + learner.code() + "\", \"reason\": \"request\"}",
        200);
    assertThat(erased.get("certificates").asInt()).isEqualTo(2);
    assertThat(jdbc.queryForList("select state from certificate where id in (?, ?) and erased_at"
        + " is not null order by state", String.class, java.util.UUID.fromString(first),
        java.util.UUID.fromString(secondId))).containsExactly("ERASED", "VERIFIED");
    assertThat(new DatabaseSearch(dataSource).columnsHolding(
        List.of(learner.id(), learner.word(), learner.email(), learner.code(), secondCode))).isEmpty();
  }

  @Test
  void closesACertificateWhoseProcessRunsOnAModelFromBeforeErasureWasDrawn() throws Exception {
    List<String> deployments = new ArrayList<>();
    try {
      deployments.add(deploy("privacy/certificate-reporting-before-erasure.bpmn"));
      Learner stranded = Learner.fresh();
      String strandedId = api.complete(completionOf(stranded, "TOKOPEDIA")).get("certificateId").asText();
      Learner moved = Learner.fresh();
      String movedId = api.complete(completionOf(moved, "TOKOPEDIA")).get("certificateId").asText();
      String strandedInstance = instanceOf(stranded.code());
      String movedInstance = instanceOf(moved.code());
      Object endEvent = repository.getBpmnModelInstance(runtime.createProcessInstanceQuery()
          .processInstanceId(movedInstance).singleResult().getProcessDefinitionId())
          .getModelElementById("EndEvent_DataErased");
      assertThat(endEvent).isNull();

      // no model has the end event yet: the instance is deleted, saying why
      erase("{\"learnerId\": \"" + stranded.id() + "\", \"reason\": \"request\"}", 200);
      var deleted = history.createHistoricProcessInstanceQuery().processInstanceId(strandedInstance)
          .singleResult();
      assertThat(deleted.getDeleteReason()).isEqualTo("Closed: data erased");
      assertThat(deleted.getState()).isEqualTo("EXTERNALLY_TERMINATED");

      // the model with the end event is deployed again: the old instance moves to it, and ends there
      deployments.add(deploy("processes/certificate-reporting.bpmn"));
      erase("{\"learnerId\": \"" + moved.id() + "\", \"reason\": \"request\"}", 200);
      assertThat(runtime.createProcessInstanceQuery().processInstanceId(movedInstance).count()).isZero();
      assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(movedInstance)
          .activityId("EndEvent_DataErased").count()).isOne();
      assertThat(jdbc.queryForList("select state from certificate where id in (?, ?)", String.class,
          java.util.UUID.fromString(strandedId), java.util.UUID.fromString(movedId)))
          .containsExactly("ERASED", "ERASED");
      assertThat(new DatabaseSearch(dataSource).columnsHolding(
          List.of(stranded.code(), stranded.word(), moved.code(), moved.word()))).isEmpty();
    } finally {
      // the model the rest of the suite starts is the auto-deployed one again
      deployments.forEach(id -> repository.deleteDeployment(id, true));
    }
  }

  @Test
  void anErasureAndACallbackForTheSameCertificateAtOnceLoseNothingElseAndLeaveNoTrace()
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<String> erasedLearners = new ArrayList<>();
    try {
      for (int round = 0; round < 4; round++) {
        Learner learner = Learner.fresh();
        Learner bystander = Learner.fresh();
        api.complete(completionOf(learner, "KARIERMU"));
        String bystanderId = api.complete(completionOf(bystander, "KARIERMU"))
            .get("certificateId").asText();
        clock.set(COMPLETED.plusMinutes(30 + round));
        CountDownLatch start = new CountDownLatch(1);
        Future<Integer> erasure = pool.submit(() -> {
          start.await();
          return mvc.perform(post("/api/v1/erasures")
              .header(HttpHeaders.AUTHORIZATION, TestOperators.credentialsOf(officer))
              .contentType(MediaType.APPLICATION_JSON).content("{\"learnerId\": \"" + learner.id()
                  + "\", \"reason\": \"request\"}")).andReturn().getResponse().getStatus();
        });
        Future<List<Integer>> callbacks = pool.submit(() -> {
          start.await();
          List<Integer> answers = new ArrayList<>();
          for (Learner whose : List.of(learner, bystander)) {
            ObjectNode event = api.event("kmu-race-" + whose.code(), "REPORTED_TO_PMO", whose.code(),
                COMPLETED.plusMinutes(20));
            event.put("detail", "diterima atas nama " + whose.name());
            answers.add(api.postEvents("kariermu", KARIERMU_SECRET, event).getStatus());
          }
          return answers;
        });
        start.countDown();
        assertThat(erasure.get()).isEqualTo(200);
        List<Integer> answers = callbacks.get();
        // the learner's event came before the erasure (stored, then erased) or after (no such code)
        assertThat(answers.get(0)).isIn(202, 404);
        assertThat(answers.get(1)).isEqualTo(202);
        erasedLearners.addAll(learner.values());
        // the other learner's callback was applied as if nothing had happened
        assertThat(api.status(bystanderId).get("currentStage").asText()).isEqualTo("VERIFIED_BY_PMO");
        assertThat(jdbc.queryForObject("select detail from platform_event where event_id = ?",
            String.class, "kmu-race-" + bystander.code())).contains(bystander.name());
      }
      // whichever came first each time, no trace of an erased learner is left anywhere
      assertThat(new DatabaseSearch(dataSource).columnsHolding(erasedLearners)).isEmpty();
    } finally {
      pool.shutdownNow();
    }
  }

  // --- helpers -------------------------------------------------------------------------------

  ObjectNode completionOf(Learner learner, String platform) {
    ObjectNode c = api.completion(learner.code(), COMPLETED);
    c.put("platform", platform);
    c.put("completionId", "lms-" + learner.code().toLowerCase(Locale.ROOT));
    ((ObjectNode) c.get("learner")).put("id", learner.id()).put("name", learner.name())
        .put("email", learner.email());
    c.put("prakerjaName", learner.name().toUpperCase(Locale.ROOT));
    return c;
  }

  /** Another certificate of the learner, with {@code code}; returns its id. */
  String anotherCertificate(Learner learner, String platform, String code) throws Exception {
    ObjectNode another = completionOf(learner, platform);
    another.put("redemptionCode", code).put("completionId", "lms-" + code);
    return api.complete(another).get("certificateId").asText();
  }

  String instanceOf(String code) {
    return runtime.createProcessInstanceQuery().processInstanceBusinessKey(code).singleResult().getId();
  }

  void runDueJobs(String instance) {
    for (Job job : management.createJobQuery().processInstanceId(instance).executable().list()) {
      management.executeJob(job.getId());
    }
  }

  /** Submits the task's form as an operator of learner support and operations would in Tasklist. */
  void decide(Task task, Map<String, Object> form) {
    identity.setAuthentication("demo", identity.createGroupQuery().groupMember("demo").list()
        .stream().map(org.camunda.bpm.engine.identity.Group::getId).toList());
    try {
      forms.submitTaskForm(task.getId(), new HashMap<>(form));
    } finally {
      identity.clearAuthentication();
    }
  }

  MockHttpServletResponse lookUp(Learner learner) throws Exception {
    return mvc.perform(post("/api/v1/status-lookups").contentType(MediaType.APPLICATION_JSON)
        .content(json.writeValueAsString(Map.of("redemptionCode", learner.code(),
            "email", learner.email())))).andReturn().getResponse();
  }

  /**
   * A run of the daily report at {@code at}, as an operator's "resend now" starts one, its chunks
   * sent as the job executor would. It claims the minute {@code at} (report_run): a minute of
   * its own, which no scheduled run of another test has taken.
   */
  void runDailyReport(OffsetDateTime at) {
    clock.set(at);
    runtime.startProcessInstanceByMessage("ReportRequested");
    for (int round = 0; round < 50; round++) {
      List<Job> due = management.createJobQuery().processDefinitionKey("platform-daily-report")
          .messages().executable().list();
      if (due.isEmpty()) {
        return;
      }
      due.forEach(job -> management.executeJob(job.getId()));
    }
    throw new AssertionError("report jobs did not settle");
  }

  void callback(Learner learner, String eventId, String type, String reason, String detail)
      throws Exception {
    ObjectNode event = api.event(eventId, type, learner.code(), clock.now()
        .atOffset(java.time.ZoneOffset.ofHours(7)).minusMinutes(1));
    if (reason != null) {
      event.put("reason", reason);
    }
    if (detail != null) {
      event.put("detail", detail);
    }
    MockHttpServletResponse response = api.postEvents("kariermu", KARIERMU_SECRET, event);
    assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(202);
  }

  MockHttpServletResponse personalData(String learnerId, String user) throws Exception {
    return mvc.perform(get("/api/v1/learners/" + learnerId + "/personal-data")
        .header(HttpHeaders.AUTHORIZATION, TestOperators.credentialsOf(user))).andReturn().getResponse();
  }

  /** Deploys a model from the classpath as the newest version of its process; returns the deployment. */
  String deploy(String resource) {
    return repository.createDeployment().name("PersonalDataTests " + resource)
        .addClasspathResource(resource).deploy().getId();
  }

  JsonNode erase(String body, int status) throws Exception {
    MockHttpServletResponse response = mvc.perform(post("/api/v1/erasures")
        .header(HttpHeaders.AUTHORIZATION, TestOperators.credentialsOf(officer))
        .contentType(MediaType.APPLICATION_JSON).content(body)).andReturn().getResponse();
    if (status != 200) {
      return api.problem(response, status);
    }
    assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
    return api.read(response);
  }

  JsonNode erasureRecord(String erasureId) throws Exception {
    MockHttpServletResponse response = mvc.perform(get("/api/v1/erasures")
        .param("maxResults", "1000")
        .header(HttpHeaders.AUTHORIZATION, TestOperators.credentialsOf(officer)))
        .andReturn().getResponse();
    assertThat(response.getStatus()).isEqualTo(200);
    for (JsonNode record : api.read(response)) {
      if (record.get("erasureId").asText().equals(erasureId)) {
        return record;
      }
    }
    throw new AssertionError("no erasure " + erasureId + " listed");
  }

  /**
   * The columns the inventory names: every {@code table.column} written in backticks in
   * docs/personal-data.md, in lower case.
   */
  static Set<String> inventoriedColumns() throws Exception {
    Set<String> columns = new TreeSet<>();
    Matcher m = Pattern.compile("`([A-Za-z_]+)\\.([A-Za-z_]+)`").matcher(Files.readString(INVENTORY));
    while (m.find()) {
      columns.add((m.group(1) + "." + m.group(2)).toLowerCase(Locale.ROOT));
    }
    return columns;
  }
}
