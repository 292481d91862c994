package id.sertiflow.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.sertiflow.EngineClock;
import id.sertiflow.SertiflowTest;
import id.sertiflow.TestApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaConstraint;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFormField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.MockMvc;

/**
 * An operator's decision on an escalation task is held to the task's form on every door of
 * Camunda's engine REST API, not only when Tasklist submits the form: a bad one is answered 400 at
 * once, as a problem document naming each bad field, and changes nothing. Real HTTP: the engine
 * REST API is a Jersey servlet that MockMvc does not reach.
 */
@SertiflowTest
class EscalationDecisionDoorsTests {

  static final List<String> DOORS = List.of("complete", "submit-form");
  /** What a decision must be answered within: a count of 2^31 working days once ran for ages. */
  static final Duration AT_ONCE = Duration.ofSeconds(10);

  @LocalServerPort int port;
  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired RepositoryService repository;
  @Autowired EscalationOutcomes outcomes;

  final HttpClient http = HttpClient.newHttpClient();

  @RegisterExtension final EngineClock clock = EngineClock.realTime();

  @Test
  void refusesAFollowUpOutsideOneToTwentyWorkingDaysOnEveryDoor() throws Exception {
    Task chase = overduePlatformReport();
    for (String door : DOORS) {
      for (String days : List.of("0", "21", "-1", "2147483647", "9223372036854775807")) {
        HttpResponse<String> refused = decide(chase, door, """
            {"variables": {"escalationOutcome": {"value": "WAIT"},
                           "followUpWorkingDays": {"value": %s, "type": "Long"}}}""".formatted(days));
        assertRefused(refused, chase, door + " " + days,
            Map.of("followUpWorkingDays", "must be a whole number from 1 to 20"));
      }
      // a count given as text, or as a fraction, is no whole number either
      for (String days : List.of("{\"value\": \"5\"}", "{\"value\": 2.5, \"type\": \"Double\"}")) {
        assertRefused(decide(chase, door, "{\"variables\": {\"escalationOutcome\": {\"value\": \"WAIT\"},"
            + " \"followUpWorkingDays\": " + days + "}}"), chase, door + " " + days,
            Map.of("followUpWorkingDays", "must be a whole number from 1 to 20"));
      }
    }
  }

  @Test
  void refusesAnOutcomeTheTasksFormDoesNotOffer() throws Exception {
    Task chase = overduePlatformReport();
    for (String door : DOORS) {
      for (String outcome : List.of("\"KEEP_WAITING\"", "\"CORRECT_NAME\"", "\"\"", "42")) {
        assertRefused(decide(chase, door,
                "{\"variables\": {\"escalationOutcome\": {\"value\": " + outcome + "}}}"),
            chase, door + " " + outcome,
            Map.of("escalationOutcome", "must be one of WAIT, RESEND, CLOSE"));
      }
    }
    // complete without any outcome at all
    assertRefused(decide(chase, "complete", "{}"), chase, "complete {}",
        Map.of("escalationOutcome", "is required"));
  }

  @Test
  void refusesARejectionReviewOutcomeTheReviewDoesNotOfferAndTakesOneItDoes() throws Exception {
    Task review = pmoRejectionReview();
    for (String door : DOORS) {
      for (String outcome : List.of("\"RESEND\"", "\"WAIT\"", "\"\"", "42")) {
        HttpResponse<String> refused = decide(review, door,
            "{\"variables\": {\"rejectionOutcome\": {\"value\": " + outcome + "}}}");
        assertThat(refused.statusCode()).as(door + " " + outcome + ": " + refused.body())
            .isEqualTo(400);
        assertThat(json.readTree(refused.body()).findValuesAsText("field"))
            .as(door + " " + outcome).containsExactly("rejectionOutcome");
        assertThat(tasks.createTaskQuery().taskId(review.getId()).count()).isOne();
        assertThat(runtime.getVariables(review.getProcessInstanceId()))
            .doesNotContainKey("rejectionOutcome");
      }
    }
    assertThat(decide(review, "complete", "{}").statusCode()).isEqualTo(400);

    HttpResponse<String> taken = decide(review, "complete",
        "{\"variables\": {\"rejectionOutcome\": {\"value\": \"CLOSE\"}}}");
    assertThat(taken.statusCode()).as(taken.body()).isEqualTo(204);
    assertThat(runtime.createProcessInstanceQuery()
        .processInstanceId(review.getProcessInstanceId()).count()).isZero();
  }

  @Test
  void refusesACorrectedNameThatACorrectionThroughTheApiWouldRefuse() throws Exception {
    Task help = overdueNameCorrection();
    for (String door : DOORS) {
      for (Map.Entry<String, String> bad : Map.of(
          "\" \"", "must not be blank",
          "\"" + "N".repeat(LearnerNames.MAX_LENGTH + 1) + "\"", "must be at most 200 characters",
          "\"Budi\\u0000Santoso\"", "must not contain control characters",
          "7", "must be a string").entrySet()) {
        assertRefused(decide(help, door, """
            {"variables": {"escalationOutcome": {"value": "CORRECT_NAME"},
                           "correctedName": {"value": %s}}}""".formatted(bad.getKey())),
            help, door + " " + bad.getKey(), Map.of("correctedName", bad.getValue()));
      }
      assertRefused(decide(help, door,
              "{\"variables\": {\"escalationOutcome\": {\"value\": \"CORRECT_NAME\"}}}"),
          help, door + " without a name", Map.of("correctedName", "is required"));
    }
  }

  @Test
  void namesEveryBadFieldOfADecisionAtOnce() throws Exception {
    Task help = overdueNameCorrection();
    for (String door : DOORS) {
      assertRefused(decide(help, door, """
          {"variables": {"escalationOutcome": {"value": "CORRECT_NAME"},
                         "correctedName": {"value": " "},
                         "followUpWorkingDays": {"value": 21, "type": "Long"}}}"""),
          help, door, Map.of("followUpWorkingDays", "must be a whole number from 1 to 20",
              "correctedName", "must not be blank"));
    }
  }

  @Test
  void takesAGoodDecisionThroughCompleteAndWaitsTheWorkingDaysItNames() throws Exception {
    Task chase = overduePlatformReport();
    String certificateId = (String) runtime.getVariable(chase.getProcessInstanceId(), "certificateId");
    // Tuesday 1 Dec 2026, 09:00: twenty working days later is Thursday 31 Dec, 09:00 (24 Dec is
    // collective leave, 25 Dec Christmas)
    clock.set(TestApi.wib("2026-12-01T09:00:00"));
    HttpResponse<String> taken = decide(chase, "complete", """
        {"variables": {"escalationOutcome": {"value": "WAIT"},
                       "followUpWorkingDays": {"value": 20, "type": "Long"}}}""");

    assertThat(taken.statusCode()).as(taken.body()).isEqualTo(204);
    assertThat(tasks.createTaskQuery().taskId(chase.getId()).count()).isZero();
    assertThat(outcomes.of(UUID.fromString(certificateId)))
        .extracting(EscalationOutcomes.Decision::outcome).containsExactly(EscalationOutcome.WAIT);
    Job followUp = management.createJobQuery().processInstanceId(chase.getProcessInstanceId())
        .activityId("Event_PlatformReportFollowUpDue").singleResult();
    assertThat(followUp.getDuedate())
        .isEqualTo(Date.from(TestApi.wib("2026-12-31T09:00:00").toInstant()));
  }

  @Test
  void everyEscalationFormStatesTheFollowUpLimitsTheProcessHolds() {
    // Tasklist shows the form's limits; the process holds EscalationDecision's: they must agree
    BpmnModelInstance model = repository.getBpmnModelInstance(repository.createProcessDefinitionQuery()
        .processDefinitionKey(CertificateProcess.KEY).latestVersion().singleResult().getId());
    List<CamundaFormField> followUps = model.getModelElementsByType(UserTask.class).stream()
        .flatMap(task -> task.getExtensionElements().getElementsQuery()
            .filterByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaFormData.class).list()
            .stream())
        .flatMap(form -> form.getCamundaFormFields().stream())
        .filter(field -> field.getCamundaId().equals(CertificateProcess.VAR_FOLLOW_UP_WORKING_DAYS))
        .toList();
    assertThat(followUps).hasSize(4).allSatisfy(field -> {
      assertThat(field.getCamundaDefaultValue())
          .isEqualTo(String.valueOf(EscalationDecision.FOLLOW_UP_DEFAULT_WORKING_DAYS));
      assertThat(field.getCamundaValidation().getCamundaConstraints().stream()
          .collect(java.util.stream.Collectors.toMap(CamundaConstraint::getCamundaName,
              CamundaConstraint::getCamundaConfig)))
          .isEqualTo(Map.of("min", String.valueOf(EscalationDecision.FOLLOW_UP_MIN_WORKING_DAYS),
              "max", String.valueOf(EscalationDecision.FOLLOW_UP_MAX_WORKING_DAYS)));
    });
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * Asserts a 400 problem document naming exactly {@code errors} (field to message), and that the
   * decision changed nothing: the task is open, no decision recorded, no variable set.
   */
  private void assertRefused(HttpResponse<String> response, Task task, String what,
      Map<String, String> errors) throws Exception {
    assertThat(response.statusCode()).as(what + ": " + response.body()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).as(what).get().asString()
        .startsWith("application/problem+json");
    for (String internal : TestApi.INTERNALS) {
      assertThat(response.body()).as(what).doesNotContain(internal);
    }
    JsonNode problem = json.readTree(response.body());
    assertThat(problem.path("status").asInt()).as(what).isEqualTo(400);
    Map<String, String> named = new java.util.HashMap<>();
    problem.path("errors").forEach(e -> named.put(e.path("field").asText(), e.path("message").asText()));
    assertThat(named).as(what).isEqualTo(errors);
    // what Tasklist shows of a refused form: the "message" of Camunda's own error documents
    assertThat(problem.path("message").asText()).as(what).contains(errors.keySet());

    assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).as(what).isOne();
    String certificateId = (String) runtime.getVariable(task.getProcessInstanceId(), "certificateId");
    assertThat(outcomes.of(UUID.fromString(certificateId))).as(what).isEmpty();
    assertThat(runtime.getVariables(task.getProcessInstanceId())).as(what)
        .doesNotContainKeys("escalationOutcome", "followUpWorkingDays", "correctedName");
    assertThat(runtime.getActiveActivityIds(task.getProcessInstanceId())).as(what)
        .contains(task.getTaskDefinitionKey()).noneMatch(activity -> activity.endsWith("FollowUpDue"));
  }

  /** {@code POST /engine-rest/task/{id}/{door}} as the demo operator (operations, camunda-admin). */
  private HttpResponse<String> decide(Task task, String door, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
            + "/engine-rest/task/" + task.getId() + "/" + door))
        .header("Authorization", TestApi.OPERATOR).header("Content-Type", "application/json")
        .timeout(AT_ONCE)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A certificate whose platform report is overdue, with its chase task open. */
  private Task overduePlatformReport() throws Exception {
    TestApi api = new TestApi(mvc, json);
    return taskAfterDueTimers(api.completion(TestApi.newRedemptionCode(),
        TestApi.wib("2026-11-27T15:30:00")), TestApi.wib("2026-11-30T15:30:00"),
        "Task_ChaseOverduePlatformReport");
  }

  /** A certificate the PMO rejected for a reason other than the name: operations' review. */
  private Task pmoRejectionReview() throws Exception {
    TestApi api = new TestApi(mvc, json);
    ObjectNode completion = api.completion(TestApi.newRedemptionCode(),
        TestApi.wib("2026-12-03T15:30:00"));
    String code = completion.get("redemptionCode").asText();
    clock.set(TestApi.wib("2026-12-03T15:31:00"));
    api.complete(completion);
    clock.set(TestApi.wib("2026-12-04T10:05:00"));
    ObjectNode rejected = api.event("tkp-rej-" + code, "PMO_REJECTED", code,
        TestApi.wib("2026-12-04T10:00:00"));
    rejected.put("reason", "INCOMPLETE_DATA");
    assertThat(api.postEvents("tokopedia", TestApi.TOKOPEDIA_SECRET, rejected).getStatus())
        .isEqualTo(202);
    Task review = tasks.createTaskQuery().processInstanceBusinessKey(code).singleResult();
    assertThat(review.getTaskDefinitionKey()).isEqualTo("Task_ReviewPmoRejection");
    return review;
  }

  /** A certificate whose names differ, uncorrected for three working days: learner support's task. */
  private Task overdueNameCorrection() throws Exception {
    ObjectNode completion = new TestApi(mvc, json).completion(TestApi.newRedemptionCode(),
        TestApi.wib("2026-11-27T15:30:00"));
    completion.put("prakerjaName", "BUDIMAN SANTOSO");
    return taskAfterDueTimers(completion, TestApi.wib("2026-12-02T15:31:00"),
        "Task_HelpLearnerCorrectName");
  }

  private Task taskAfterDueTimers(ObjectNode completion, OffsetDateTime at, String taskKey)
      throws Exception {
    String code = completion.get("redemptionCode").asText();
    clock.set(OffsetDateTime.parse(completion.get("completedAt").asText()).plusMinutes(1));
    new TestApi(mvc, json).complete(completion);
    clock.set(at);
    String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(code)
        .singleResult().getId();
    management.createJobQuery().processInstanceId(instance).executable().list()
        .forEach(job -> management.executeJob(job.getId()));
    Task task = tasks.createTaskQuery().processInstanceBusinessKey(code).singleResult();
    assertThat(task.getTaskDefinitionKey()).isEqualTo(taskKey);
    return task;
  }
}
