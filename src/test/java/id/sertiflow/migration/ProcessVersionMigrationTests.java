package id.sertiflow.migration;

import static id.sertiflow.TestApi.wib;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.sertiflow.EngineClock;
import id.sertiflow.SertiflowTest;
import id.sertiflow.TestApi;
import id.sertiflow.certificate.CertificateProcess;
import id.sertiflow.certificate.Stage;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Version 1 of {@code certificate-reporting} (kept in {@code process-versions/}) with certificates
 * waiting in every wait state it has, moved by an operator's migration to the latest model, and
 * each driven on to its end: the same tasks, the same deadlines, the timers due at the same
 * instants, the read model untouched, and version 2's reminder met by those that reach it again.
 */
@SertiflowTest
class ProcessVersionMigrationTests {

  static final OffsetDateTime COMPLETED = wib("2026-11-27T15:30:00");
  static final String MISMATCHED_NAME = "Budi S.";

  @RegisterExtension final EngineClock clock = EngineClock.at(COMPLETED.plusMinutes(1));

  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired FormService forms;
  @Autowired IdentityService identity;
  @Autowired JdbcTemplate jdbc;
  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired ProcessMigrations migrations;

  TestApi api;

  /** Wait state → redemption code, and redemption code → certificate id. */
  final Map<String, String> codes = new LinkedHashMap<>();
  final Map<String, String> ids = new HashMap<>();

  /** What the engine and the read model hold of one certificate. */
  record Snapshot(String definitionId, List<String> waitingAt, Map<String, String> tasks,
      List<String> jobs, Map<String, Object> variables, List<Map<String, Object>> readModel,
      JsonNode status) {}

  @Test
  void movesCertificatesWaitingEverywhereOnVersionOneToTheLatestAndEachGoesOnToItsEnd() throws Exception {
    api = new TestApi(mvc, json);
    ProcessDefinition v1 = deploy("process-versions/certificate-reporting-v1.bpmn", "certificate-reporting v1");
    assertThat(v1.getVersionTag()).isNull();
    waitInEveryStateOf(v1);

    Map<String, Snapshot> before = new LinkedHashMap<>();
    codes.forEach((state, code) -> before.put(state, snapshot(code)));
    assertThat(before.values()).allMatch(s -> s.definitionId().equals(v1.getId()));

    // the release deploys the latest model beside version 1
    ProcessDefinition latest = deploy("processes/certificate-reporting.bpmn", "certificate-reporting latest");
    assertThat(latest.getVersionTag()).isEqualTo("3");

    JsonNode started = migrate("{\"fromVersion\": " + v1.getVersion() + "}", 202);
    assertThat(started.get("instances").asLong()).isEqualTo(codes.size());
    assertThat(started.at("/to/definitionId").asText()).isEqualTo(latest.getId());
    String batchId = started.get("batchId").asText();
    // one migration at a time: a second start while the first runs is refused
    migrate("{\"fromVersion\": " + v1.getVersion() + "}", 409);
    JsonNode progress = progress(batchId);
    assertThat(progress.get("finished").asBoolean()).isFalse();
    assertThat(progress.get("instances").asLong()).isEqualTo(codes.size());

    String migrationJobs = management.createBatchQuery().batchId(batchId).singleResult().getBatchJobDefinitionId();
    runBatch(batchId);
    assertThat(progress(batchId).get("finished").asBoolean()).isTrue();
    // safe to run again: nothing is left on version 1
    assertThat(migrate("{\"fromVersion\": " + v1.getVersion() + "}", 200).get("instances").asLong()).isZero();
    assertThat(runtime.createIncidentQuery().jobDefinitionIdIn(migrationJobs).count()).isZero();
    assertThat(runtime.createIncidentQuery().processDefinitionId(latest.getId()).count()).isZero();

    for (var waiting : before.entrySet()) {
      Snapshot was = waiting.getValue();
      Snapshot now = snapshot(codes.get(waiting.getKey()));
      assertThat(now.definitionId()).as(waiting.getKey()).isEqualTo(latest.getId());
      assertThat(now).as(waiting.getKey()).usingRecursiveComparison().ignoringFields("definitionId")
          .isEqualTo(was);
    }
    timersFireAtTheirInstants(before);

    driveEachToItsEnd(latest);
  }

  @Test
  void aCertificateThatCannotMoveBecomesAnIncidentOnTheBatchAndStaysWhereItIs() throws Exception {
    api = new TestApi(mvc, json);
    ProcessDefinition v1 = deploy("process-versions/certificate-reporting-v1.bpmn", "certificate-reporting v1");
    create("moves", false, true);
    create("moved by someone else", false, true);
    ProcessDefinition latest = deploy("processes/certificate-reporting.bpmn", "certificate-reporting latest");
    String batchId = migrate("{\"fromVersion\": " + v1.getVersion() + "}", 202).get("batchId").asText();
    Batch batch = management.createBatchQuery().batchId(batchId).singleResult();
    management.executeJob(management.createJobQuery().jobDefinitionId(batch.getSeedJobDefinitionId())
        .singleResult().getId());
    // another operator moved one of them meanwhile: its batch job finds it on the wrong version
    runtime.newMigration(migrations.plan(v1, latest))
        .processInstanceIds(instance(codes.get("moved by someone else")).getId()).execute();

    for (int attempt = 0; attempt < 5; attempt++) {
      for (Job job : management.createJobQuery().jobDefinitionId(batch.getBatchJobDefinitionId())
          .withRetriesLeft().list()) {
        try {
          management.executeJob(job.getId());
        } catch (RuntimeException failed) {
          // retried until no retries are left
        }
      }
    }
    JsonNode progress = progress(batchId);
    assertThat(progress.get("finished").asBoolean()).isFalse();
    assertThat(progress.get("migrated").asLong()).isOne();
    assertThat(progress.get("failed").asLong()).isOne();
    JsonNode failure = progress.at("/failures/0");
    assertThat(failure.get("retriesLeft").asInt()).isZero();
    assertThat(failure.get("message").asText()).isNotBlank();
    assertThat(runtime.createIncidentQuery().configuration(failure.get("jobId").asText()).count()).isOne();
    // nothing lost: both wait for their report, on the latest version
    for (String code : codes.values()) {
      assertThat(instance(code).getProcessDefinitionId()).isEqualTo(latest.getId());
      assertThat(waitingAt(code)).containsExactly("Event_ReportedToPlatform");
    }
    // the operator resolves it in Cockpit (Batches): here, the batch is removed
    management.deleteBatch(batchId, true);
    assertThat(migrations.migrationsRunning()).isEmpty();
  }

  @Test
  void aChaseOpenOnVersionTwoKeepsItsStoredDetailsUntilClaimedAndThenCountsThemWhenShown() throws Exception {
    api = new TestApi(mvc, json);
    ProcessDefinition v2 = deploy("process-versions/certificate-reporting-v2.bpmn", "certificate-reporting v2");
    assertThat(v2.getVersionTag()).isEqualTo("2");
    create("chased", false, true);
    String code = codes.get("chased");
    // a minute past the report's deadline, Monday 30 Nov 15:30: version 2 opens the chase
    clock.set(wib("2026-11-30T15:31:00"));
    breach("chased", null);
    Task chase = tasks.createTaskQuery().processInstanceBusinessKey(code).singleResult();
    String counted = "less than 1 working day (0 h 1 min by the clock, as of 30 Nov 2026, 15:31 WIB)";
    assertThat(detailVariables(code)).containsEntry("lateBy", counted)
        .containsEntry("redemptionCode", code);

    ProcessDefinition latest = deploy("processes/certificate-reporting.bpmn", "certificate-reporting latest");
    runBatch(migrate("{\"fromVersion\": " + v2.getVersion() + "}", 202).get("batchId").asText());
    assertThat(instance(code).getProcessDefinitionId()).isEqualTo(latest.getId());
    assertThat(tasks.createTaskQuery().taskId(chase.getId()).count()).isOne();

    // two days later the form still shows what version 2 counted, until an operator claims it
    clock.set(wib("2026-12-02T16:00:00"));
    assertThat(formField(chase, "lateBy")).isEqualTo(counted);
    tasks.claim(chase.getId(), "demo");
    assertThat(detailVariables(code)).isEmpty();
    assertThat(formField(chase, "lateBy"))
        .isEqualTo("2 working days (2 d 0 h 30 min by the clock, as of 2 Dec 2026, 16:00 WIB)");
    assertThat(formField(chase, "redemptionCode")).isEqualTo(code);

    decide(tasks.createTaskQuery().taskId(chase.getId()).singleResult(),
        Map.of("escalationOutcome", "WAIT"));
    assertThat(detailVariables(code)).isEmpty();
    assertThat(waitingAt("chased")).contains("Event_ReportedToPlatform");
  }

  private Map<String, Object> detailVariables(String code) {
    Map<String, Object> found = new TreeMap<>();
    runtime.createVariableInstanceQuery().processInstanceIdIn(instance(code).getId())
        .variableNameIn("redemptionCode", "learnerName", "platformName", "stageName", "deadline",
            "lateBy")
        .list().forEach(v -> found.put(v.getName(), v.getValue()));
    return found;
  }

  private Object formField(Task task, String id) {
    return forms.getTaskFormData(task.getId()).getFormFields().stream()
        .filter(f -> f.getId().equals(id)).findFirst().orElseThrow().getValue().getValue();
  }

  // --- version 1, waiting everywhere ----------------------------------------------------------

  private void waitInEveryStateOf(ProcessDefinition v1) throws Exception {
    for (String state : List.of("PMO report", "PMO verification",
        "chase platform report", "chase PMO report", "chase PMO verification",
        "platform report follow-up", "PMO report follow-up", "PMO verification follow-up",
        "PMO rejection review", "platform rejection review")) {
      create(state, false, true);
    }
    for (String state : List.of("name correction", "help learner", "name correction follow-up",
        "inbox event")) {
      create(state, true, false);
    }
    clock.set(wib("2026-11-27T15:40:00"));
    runtime.createMessageCorrelation(CertificateProcess.MESSAGE_PLATFORM_REJECTED)
        .processInstanceBusinessKey(codes.get("platform rejection review"))
        .setVariable(CertificateProcess.VAR_PLATFORM_REJECTION_REASON, "INVALID_CERTIFICATE_NUMBER")
        .correlate();
    // the platform reported a certificate whose name check is open: the event waits in the inbox
    api.platformSays("REPORTED_TO_PMO", codes.get("inbox event"), wib("2026-11-27T15:35:00"));
    assertThat(inbox("inbox event")).isEqualTo("PENDING");

    clock.set(wib("2026-11-30T10:00:00"));
    for (String state : List.of("PMO report", "PMO verification", "chase PMO report",
        "chase PMO verification", "PMO report follow-up", "PMO verification follow-up")) {
      runtime.createMessageCorrelation(Stage.REPORTED_TO_PLATFORM.waiting().message())
          .processInstanceBusinessKey(codes.get(state))
          .setVariable(CertificateProcess.VAR_EVENT_OCCURRED_AT, Date.from(clock.now())).correlate();
    }
    ObjectNode rejection = api.event("tkp-rej-" + codes.get("PMO rejection review"), "PMO_REJECTED",
        codes.get("PMO rejection review"), wib("2026-11-30T09:59:00"));
    rejection.put("reason", "INCOMPLETE_DATA");
    assertThat(api.postEvents("tokopedia", TestApi.TOKOPEDIA_SECRET, rejection).getStatus()).isEqualTo(202);

    clock.set(wib("2026-11-30T15:30:00"));
    breach("chase platform report", null);
    breach("platform report follow-up", "WAIT");

    clock.set(wib("2026-12-01T09:30:00"));
    for (String state : List.of("PMO verification", "chase PMO verification", "PMO verification follow-up")) {
      api.platformSays("REPORTED_TO_PMO", codes.get(state), wib("2026-12-01T09:12:00"));
    }
    clock.set(wib("2026-12-01T10:00:00"));
    breach("chase PMO report", null);
    breach("PMO report follow-up", "WAIT");

    clock.set(wib("2026-12-02T15:31:00"));
    breach("help learner", null);
    breach("name correction follow-up", "WAIT");

    clock.set(wib("2026-12-10T09:12:00"));
    breach("chase PMO verification", null);
    breach("PMO verification follow-up", "WAIT");
    // a certificate of today, its deadline timer not yet due
    create("platform report", false, true);

    for (String code : codes.values()) {
      assertThat(instance(code).getProcessDefinitionId()).isEqualTo(v1.getId());
    }
    assertThat(waitingAt("inbox event")).containsExactly("Event_LearnerNameCorrected");
    assertThat(waitingAt("PMO report follow-up")).containsExactlyInAnyOrder(
        "Event_ReportedToPmo", "Event_PmoReportFollowUpDue");
    assertThat(tasksOf("chase PMO verification")).containsExactly("Task_ChaseOverduePmoVerification");
    assertThat(tasksOf("help learner")).containsExactly("Task_HelpLearnerCorrectName");
    assertThat(tasksOf("PMO rejection review")).containsExactly("Task_ReviewPmoRejection");
    assertThat(tasksOf("platform rejection review")).containsExactly("Task_ReviewPlatformRejection");
  }

  private void create(String state, boolean namesDiffer, boolean reviewSubmitted) throws Exception {
    String code = TestApi.newRedemptionCode();
    ObjectNode completion = api.completion(code, clock.now().atOffset(COMPLETED.getOffset()).minusMinutes(1));
    if (namesDiffer) {
      ((ObjectNode) completion.get("learner")).put("name", MISMATCHED_NAME);
    }
    completion.put("reviewSubmitted", reviewSubmitted);
    ids.put(code, api.complete(completion).get("certificateId").asText());
    codes.put(state, code);
  }

  /** The certificate's deadline timer fires; the operator, when {@code decision}, decides on the task. */
  private void breach(String state, String decision) {
    String code = codes.get(state);
    List<Job> due = management.createJobQuery().processInstanceId(instance(code).getId()).executable().list();
    assertThat(due).as(state).hasSize(1);
    management.executeJob(due.get(0).getId());
    if (decision != null) {
      Task task = tasks.createTaskQuery().processInstanceBusinessKey(code).singleResult();
      decide(task, Map.of("escalationOutcome", decision));
    }
  }

  // --- the migration ---------------------------------------------------------------------------

  private JsonNode migrate(String body, int expected) throws Exception {
    MockHttpServletResponse response = mvc.perform(post("/api/v1/process-migrations")
        .header(HttpHeaders.AUTHORIZATION, TestApi.OPERATOR).contentType(MediaType.APPLICATION_JSON)
        .content(body)).andReturn().getResponse();
    assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(expected);
    return api.read(response);
  }

  private JsonNode progress(String batchId) throws Exception {
    MockHttpServletResponse response = mvc.perform(get("/api/v1/process-migrations/" + batchId)
        .header(HttpHeaders.AUTHORIZATION, TestApi.OPERATOR)).andReturn().getResponse();
    assertThat(response.getStatus()).isEqualTo(200);
    return api.read(response);
  }

  /** Runs the batch's jobs as the job executor would: the seed, each migration, the monitor. */
  private void runBatch(String batchId) {
    for (int round = 0; round < 10; round++) {
      Batch batch = management.createBatchQuery().batchId(batchId).singleResult();
      if (batch == null) {
        return;
      }
      for (String definition : List.of(batch.getSeedJobDefinitionId(), batch.getBatchJobDefinitionId(),
          batch.getMonitorJobDefinitionId())) {
        for (Job job : management.createJobQuery().jobDefinitionId(definition).list()) {
          management.executeJob(job.getId());
        }
      }
    }
    throw new AssertionError("batch " + batchId + " did not finish");
  }

  private Snapshot snapshot(String code) {
    ProcessInstance instance = instance(code);
    List<String> jobs = new ArrayList<>();
    for (Job job : management.createJobQuery().processInstanceId(instance.getId()).list()) {
      String activity = management.createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId())
          .singleResult().getActivityId();
      jobs.add(activity + " due " + job.getDuedate().toInstant());
    }
    jobs.sort(null);
    Map<String, String> open = new TreeMap<>();
    for (Task task : tasks.createTaskQuery().processInstanceId(instance.getId()).list()) {
      open.put(task.getId(), task.getTaskDefinitionKey() + " due " + task.getDueDate()
          + " for " + tasks.getIdentityLinksForTask(task.getId()).stream()
              .map(l -> l.getGroupId()).sorted().toList());
    }
    String id = ids.get(code);
    List<Map<String, Object>> readModel = new ArrayList<>(
        jdbc.queryForList("select * from certificate where id = ?", java.util.UUID.fromString(id)));
    readModel.addAll(jdbc.queryForList("select * from certificate_stage where certificate_id = ? order by stage",
        java.util.UUID.fromString(id)));
    try {
      return new Snapshot(instance.getProcessDefinitionId(), leaves(runtime.getActivityInstance(instance.getId())),
          open, jobs, new TreeMap<>(runtime.getVariables(instance.getId())), readModel, api.status(id));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Each timer is due at the instant it was due on version 1: not a second before. */
  private void timersFireAtTheirInstants(Map<String, Snapshot> before) {
    Instant back = clock.now();
    for (var waiting : before.entrySet()) {
      String instanceId = instance(codes.get(waiting.getKey())).getId();
      List<Job> jobs = management.createJobQuery().processInstanceId(instanceId).list();
      assertThat(jobs).as(waiting.getKey()).hasSameSizeAs(waiting.getValue().jobs());
      for (Job job : jobs) {
        Instant due = job.getDuedate().toInstant();
        clock.set(due.minusSeconds(1));
        assertThat(management.createJobQuery().jobId(job.getId()).executable().count()).isZero();
        clock.set(due);
        assertThat(management.createJobQuery().jobId(job.getId()).executable().count()).isOne();
      }
    }
    clock.set(back);
  }

  // --- on to the end, on the latest version ----------------------------------------------------

  private void driveEachToItsEnd(ProcessDefinition latest) throws Exception {
    clock.set(wib("2026-12-11T10:00:00"));
    // a follow-up timer taken over from version 1 opens the chase again, on the latest version
    breach("platform report follow-up", null);
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(codes.get("platform report follow-up"))
        .singleResult()).satisfies(t -> {
          assertThat(t.getTaskDefinitionKey()).isEqualTo("Task_ChaseOverduePlatformReport");
          assertThat(t.getProcessDefinitionId()).isEqualTo(latest.getId());
        });
    // an open chase task is worked as before: closed as failed
    decide(tasks.createTaskQuery().processInstanceBusinessKey(codes.get("chase PMO report")).singleResult(),
        Map.of("escalationOutcome", "CLOSE"));
    // learner support enters the name; the names are checked again
    decide(tasks.createTaskQuery().processInstanceBusinessKey(codes.get("help learner")).singleResult(),
        Map.of("escalationOutcome", "CORRECT_NAME", "correctedName", "Budi Santoso"));
    tasks.complete(tasks.createTaskQuery().processInstanceBusinessKey(codes.get("PMO rejection review"))
        .singleResult().getId(), Map.of(CertificateProcess.VAR_REJECTION_OUTCOME, "RESUBMIT"));
    tasks.complete(tasks.createTaskQuery().processInstanceBusinessKey(codes.get("platform rejection review"))
        .singleResult().getId(), Map.of(CertificateProcess.VAR_REJECTION_OUTCOME, "RESEND"));
    for (String state : List.of("name correction", "name correction follow-up", "inbox event")) {
      assertThat(api.correctName(ids.get(codes.get(state)), "Budi Santoso").getStatus()).isEqualTo(200);
    }
    // the event that waited in the inbox applies as the report is awaited again
    assertThat(inbox("inbox event")).isEqualTo("APPLIED");
    assertThat(waitingAt("inbox event")).containsExactly("Event_PmoVerified");
    // version 2's reminder, met by a learner without a review who reached the report again
    assertThat(reminded("name correction")).isOne();
    assertThat(reminded("help learner")).isOne();
    assertThat(reminded("platform rejection review")).as("a reviewed learner is not reminded").isZero();

    for (String state : codes.keySet()) {
      if (!state.equals("chase PMO report")) {
        api.platformSays("PMO_VERIFIED", codes.get(state), wib("2026-12-11T09:30:00"));
      }
    }
    for (var waiting : codes.entrySet()) {
      String code = waiting.getValue();
      assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(code).count())
          .as(waiting.getKey()).isZero();
      assertThat(tasks.createTaskQuery().processInstanceBusinessKey(code).count()).as(waiting.getKey()).isZero();
      String state = api.status(ids.get(code)).get("state").asText();
      assertThat(state).as(waiting.getKey())
          .isEqualTo(waiting.getKey().equals("chase PMO report") ? "REJECTED" : "VERIFIED");
    }
    assertThat(runtime.createIncidentQuery().processDefinitionId(latest.getId()).count()).isZero();
  }

  // --- helpers ---------------------------------------------------------------------------------

  private ProcessDefinition deploy(String resource, String name) {
    String deployment = repository.createDeployment().name(name).addClasspathResource(resource).deploy().getId();
    return repository.createProcessDefinitionQuery().deploymentId(deployment).singleResult();
  }

  private void decide(Task task, Map<String, Object> form) {
    identity.setAuthentication("demo", identity.createGroupQuery().groupMember("demo").list().stream()
        .map(Group::getId).toList());
    try {
      forms.submitTaskForm(task.getId(), new HashMap<>(form));
    } finally {
      identity.clearAuthentication();
    }
  }

  private ProcessInstance instance(String code) {
    return runtime.createProcessInstanceQuery().processInstanceBusinessKey(code).singleResult();
  }

  private List<String> waitingAt(String state) {
    String code = codes.getOrDefault(state, state);
    return leaves(runtime.getActivityInstance(instance(code).getId()));
  }

  private List<String> tasksOf(String state) {
    return tasks.createTaskQuery().processInstanceBusinessKey(codes.get(state)).list().stream()
        .map(Task::getTaskDefinitionKey).toList();
  }

  private String inbox(String state) {
    return jdbc.queryForObject("select status from platform_event where certificate_id = ?",
        String.class, java.util.UUID.fromString(ids.get(codes.get(state))));
  }

  private int reminded(String state) {
    return jdbc.queryForObject("select count(*) from review_reminder where certificate_id = ?",
        Integer.class, java.util.UUID.fromString(ids.get(codes.get(state))));
  }

  /** The activities the instance waits in, innermost, sorted. */
  private static List<String> leaves(ActivityInstance tree) {
    List<String> found = new ArrayList<>();
    collect(tree, found);
    found.sort(null);
    return found;
  }

  private static void collect(ActivityInstance instance, List<String> found) {
    if (instance.getChildActivityInstances().length == 0 && instance.getChildTransitionInstances().length == 0) {
      found.add(instance.getActivityId());
    }
    for (ActivityInstance child : instance.getChildActivityInstances()) {
      collect(child, found);
    }
  }
}
