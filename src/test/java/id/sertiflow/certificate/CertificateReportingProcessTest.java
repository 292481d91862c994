package id.sertiflow.certificate;

import static id.sertiflow.TestApi.wib;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.sertiflow.ProcessCoverageFloor;
import id.sertiflow.SertiflowTest;
import id.sertiflow.TestApi;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestExecutionListeners;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Walks every path of {@code certificate-reporting.bpmn} through SertiFlow's own doors, with the
 * engine's clock standing in for the weeks a certificate waits.
 */
@SertiflowTest
@TestExecutionListeners(listeners = {ProcessEngineCoverageTestExecutionListener.class, ProcessCoverageFloor.class},
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class CertificateReportingProcessTest {

  // Friday afternoon: the report to the platform is due Monday at the same time
  static final OffsetDateTime COMPLETED = wib("2026-11-27T15:30:00");

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;

  TestApi api;
  String code;

  @BeforeEach
  void setUp() {
    AbstractAssertions.init(engine);
    api = new TestApi(mvc, json);
    code = TestApi.newRedemptionCode();
    TestApi.setClock(COMPLETED.plusMinutes(1));
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void carriesACertificateFromCompletionToTheDashboard() throws Exception {
    JsonNode created = api.complete(api.completion(code, COMPLETED));
    String id = created.get("certificateId").asText();
    assertThat(created.get("currentStage").asText()).isEqualTo("REPORTED_TO_PLATFORM");
    assertThat(created.at("/stages/1/dueAt").asText()).isEqualTo("2026-11-30T15:30:00+07:00");
    assertThat(created.at("/stages/2/dueAt").asText()).isEqualTo("2026-12-01T15:30:00+07:00");
    assertThat(created.at("/stages/3/dueAt").asText()).isEqualTo("2026-12-10T15:30:00+07:00");
    assertThat(created.get("expectedOnDashboardBy").asText()).isEqualTo("2026-12-10T15:30:00+07:00");
    assertThat(instance()).isWaitingAt("Event_ReportedToPlatform");

    reportedToPlatform(wib("2026-11-30T10:00:00"));
    assertThat(instance()).isWaitingAt("Event_ReportedToPmo");
    JsonNode reported = api.status(id);
    assertThat(reported.at("/stages/1/completedAt").asText()).isEqualTo("2026-11-30T10:00:00+07:00");
    assertThat(reported.at("/stages/2/dueAt").asText()).isEqualTo("2026-12-01T10:00:00+07:00");

    TestApi.setClock(wib("2026-12-01T09:30:00"));
    api.platformSays("REPORTED_TO_PMO", code, wib("2026-12-01T09:12:00"));
    assertThat(instance()).isWaitingAt("Event_PmoVerified");
    assertThat(api.status(id).at("/stages/3/dueAt").asText()).isEqualTo("2026-12-10T09:12:00+07:00");

    TestApi.setClock(wib("2026-12-04T10:05:00"));
    ProcessInstance pi = instance();
    api.platformSays("PMO_VERIFIED", code, wib("2026-12-04T10:00:00"));
    assertThat(pi).isEnded().hasPassed("EndEvent_CertificateVerified");
    JsonNode verified = api.status(id);
    assertThat(verified.get("state").asText()).isEqualTo("VERIFIED");
    assertThat(verified.has("currentStage")).isFalse();
    assertThat(verified.get("late").asBoolean()).isFalse();
    assertThat(verified.at("/stages/3/completedAt").asText()).isEqualTo("2026-12-04T10:00:00+07:00");
    assertThat(verified.get("expectedOnDashboardBy").asText()).isEqualTo("2026-12-04T10:00:00+07:00");
  }

  @Test
  void escalatesAnOverduePlatformReportAtItsDeadlineAndNotBefore() throws Exception {
    String id = api.complete(api.completion(code, COMPLETED)).get("certificateId").asText();

    TestApi.setClock(wib("2026-11-30T15:29:59"));
    assertThat(runDueTimers()).isZero();
    assertThat(escalations()).isEmpty();
    assertThat(api.status(id).get("late").asBoolean()).isFalse();

    TestApi.setClock(wib("2026-11-30T15:30:00"));
    assertThat(runDueTimers()).isEqualTo(1);
    assertThat(escalations()).extracting(Task::getTaskDefinitionKey)
        .containsExactly("Task_ChaseOverduePlatformReport");
    assertThat(tasks.createTaskQuery().taskCandidateGroup("operations")
        .processInstanceBusinessKey(code).count()).isOne();
    TestApi.setClock(wib("2026-11-30T15:31:00"));
    JsonNode late = api.status(id);
    assertThat(late.get("late").asBoolean()).isTrue();
    assertThat(late.at("/stages/1/late").asBoolean()).isTrue();

    reportedToPlatform(wib("2026-11-30T16:00:00"));
    assertThat(escalations()).isEmpty();
    assertThat(instance()).isWaitingAt("Event_ReportedToPmo");
  }

  @Test
  void escalatesAnOverduePmoReportAndClosesTheTaskWhenTheReportArrives() throws Exception {
    api.complete(api.completion(code, COMPLETED));
    reportedToPlatform(wib("2026-11-30T10:00:00"));

    TestApi.setClock(wib("2026-12-01T09:59:00"));
    assertThat(runDueTimers()).isZero();
    TestApi.setClock(wib("2026-12-01T10:00:00"));
    assertThat(runDueTimers()).isEqualTo(1);
    assertThat(escalations()).extracting(Task::getTaskDefinitionKey)
        .containsExactly("Task_ChaseOverduePmoReport");

    api.platformSays("REPORTED_TO_PMO", code, wib("2026-12-01T11:00:00"));
    assertThat(escalations()).isEmpty();
    assertThat(instance()).isWaitingAt("Event_PmoVerified");
  }

  @Test
  void escalatesAnOverduePmoVerificationAndClosesTheTaskWhenVerified() throws Exception {
    api.complete(api.completion(code, COMPLETED));
    reportedToPlatform(wib("2026-11-30T10:00:00"));
    TestApi.setClock(wib("2026-12-01T09:30:00"));
    api.platformSays("REPORTED_TO_PMO", code, wib("2026-12-01T09:12:00"));

    TestApi.setClock(wib("2026-12-10T09:11:00"));
    assertThat(runDueTimers()).isZero();
    TestApi.setClock(wib("2026-12-10T09:12:00"));
    assertThat(runDueTimers()).isEqualTo(1);
    assertThat(escalations()).extracting(Task::getTaskDefinitionKey)
        .containsExactly("Task_ChaseOverduePmoVerification");
    // an operator who chased the PMO closes the task; the certificate keeps waiting
    tasks.complete(escalations().get(0).getId());
    assertThat(instance()).isWaitingAt("Event_PmoVerified");

    ProcessInstance pi = instance();
    TestApi.setClock(wib("2026-12-11T08:00:00"));
    api.platformSays("PMO_VERIFIED", code, wib("2026-12-11T07:00:00"));
    assertThat(pi).isEnded();
  }

  @Test
  void waitsForTheLearnerToCorrectAMismatchedNameThenReports() throws Exception {
    ObjectNode completion = api.completion(code, COMPLETED);
    ((ObjectNode) completion.get("learner")).put("name", "Budi S.");
    JsonNode created = api.complete(completion);
    String id = created.get("certificateId").asText();
    assertThat(created.get("state").asText()).isEqualTo("ACTION_REQUIRED");
    assertThat(created.at("/actionRequired/reason").asText()).isEqualTo("NAME_MISMATCH");
    assertThat(instance()).isWaitingAt("Event_LearnerNameCorrected");

    TestApi.setClock(wib("2026-11-30T08:00:00"));
    assertThat(api.correctName(id, "budi  santoso").getStatus()).isEqualTo(200);
    JsonNode corrected = api.status(id);
    assertThat(corrected.get("state").asText()).isEqualTo("IN_PROGRESS");
    assertThat(corrected.get("actionRequired").isNull()).isTrue();
    // the provider's day to report counts from the correction, not from the class
    assertThat(corrected.at("/stages/1/dueAt").asText()).isEqualTo("2026-12-01T08:00:00+07:00");
    assertThat(instance()).isWaitingAt("Event_ReportedToPlatform");
  }

  @Test
  void asksLearnerSupportToHelpWhenNoCorrectionComesInThreeWorkingDays() throws Exception {
    ObjectNode completion = api.completion(code, COMPLETED);
    completion.put("prakerjaName", "BUDIMAN SANTOSO");
    String id = api.complete(completion).get("certificateId").asText();

    TestApi.setClock(wib("2026-12-02T15:30:59"));
    assertThat(runDueTimers()).isZero();
    TestApi.setClock(wib("2026-12-02T15:31:00"));
    assertThat(runDueTimers()).isEqualTo(1);
    List<Task> help = tasks.createTaskQuery().processInstanceBusinessKey(code)
        .taskCandidateGroup("learner-support").list();
    assertThat(help).extracting(Task::getTaskDefinitionKey).containsExactly("Task_HelpLearnerCorrectName");

    // a wrong correction keeps the certificate waiting; the right one closes the support task
    api.correctName(id, "Budi Santoso");
    assertThat(instance()).isWaitingAt("Event_LearnerNameCorrected");
    api.correctName(id, "Budiman Santoso");
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(code).count()).isZero();
    assertThat(instance()).isWaitingAt("Event_ReportedToPlatform");
  }

  @Test
  void resubmitsAReportThePmoRejected() throws Exception {
    String id = api.complete(api.completion(code, COMPLETED)).get("certificateId").asText();
    rejectedByPmo("INCOMPLETE_DATA");
    JsonNode rejected = api.status(id);
    assertThat(rejected.get("state").asText()).isEqualTo("ACTION_REQUIRED");
    assertThat(rejected.at("/actionRequired/reason").asText()).isEqualTo("PMO_REJECTED");
    assertThat(rejected.at("/stages/3/status").asText()).isEqualTo("FAILED");

    Task review = tasks.createTaskQuery().processInstanceBusinessKey(code).singleResult();
    assertThat(review.getTaskDefinitionKey()).isEqualTo("Task_ReviewPmoRejection");
    assertThat(tasks.createTaskQuery().taskId(review.getId()).taskCandidateGroup("operations").count()).isOne();
    TestApi.setClock(wib("2026-12-07T09:00:00"));
    tasks.complete(review.getId(), Map.of("rejectionOutcome", "RESUBMIT"));

    assertThat(instance()).isWaitingAt("Event_ReportedToPlatform");
    JsonNode resubmitted = api.status(id);
    assertThat(resubmitted.get("state").asText()).isEqualTo("IN_PROGRESS");
    assertThat(resubmitted.get("currentStage").asText()).isEqualTo("REPORTED_TO_PLATFORM");
    assertThat(resubmitted.at("/stages/1/dueAt").asText()).isEqualTo("2026-12-08T09:00:00+07:00");
  }

  @Test
  void closesACertificateThePmoRejectedWhenTheOperatorSaysSo() throws Exception {
    String id = api.complete(api.completion(code, COMPLETED)).get("certificateId").asText();
    rejectedByPmo("DUPLICATE_CERTIFICATE");
    ProcessInstance pi = instance();
    Task review = tasks.createTaskQuery().processInstanceBusinessKey(code).singleResult();
    tasks.complete(review.getId(), Map.of("rejectionOutcome", "CLOSE"));

    assertThat(pi).isEnded().hasPassed("EndEvent_CertificateRejected");
    JsonNode closed = api.status(id);
    assertThat(closed.get("state").asText()).isEqualTo("REJECTED");
    assertThat(closed.get("late").asBoolean()).isFalse();
  }

  @Test
  void sendsANameMismatchRejectionBackToTheLearner() throws Exception {
    String id = api.complete(api.completion(code, COMPLETED)).get("certificateId").asText();
    rejectedByPmo("NAME_MISMATCH");

    assertThat(instance()).isWaitingAt("Event_LearnerNameCorrected");
    JsonNode status = api.status(id);
    assertThat(status.get("state").asText()).isEqualTo("ACTION_REQUIRED");
    assertThat(status.at("/actionRequired/reason").asText()).isEqualTo("NAME_MISMATCH");
    assertThat(status.at("/actionRequired/message/id").asText()).contains("Kartu Prakerja");

    api.correctName(id, "Budi Santoso");
    assertThat(instance()).isWaitingAt("Event_ReportedToPlatform");
  }

  @Test
  void resendsAReportThePlatformRejectedAfterAFix() throws Exception {
    String id = api.complete(api.completion(code, COMPLETED)).get("certificateId").asText();
    rejectedByPlatform("INVALID_CERTIFICATE_NUMBER");
    JsonNode rejected = api.status(id);
    assertThat(rejected.get("state").asText()).isEqualTo("ACTION_REQUIRED");
    assertThat(rejected.at("/actionRequired/reason").asText()).isEqualTo("PLATFORM_REJECTED");
    assertThat(rejected.at("/stages/1/status").asText()).isEqualTo("FAILED");

    Task review = tasks.createTaskQuery().processInstanceBusinessKey(code).singleResult();
    assertThat(review.getTaskDefinitionKey()).isEqualTo("Task_ReviewPlatformRejection");
    TestApi.setClock(wib("2026-12-01T13:00:00"));
    tasks.complete(review.getId(), Map.of("rejectionOutcome", "RESEND"));

    assertThat(instance()).isWaitingAt("Event_ReportedToPlatform");
    JsonNode resent = api.status(id);
    assertThat(resent.get("state").asText()).isEqualTo("IN_PROGRESS");
    assertThat(resent.at("/stages/1/dueAt").asText()).isEqualTo("2026-12-02T13:00:00+07:00");
  }

  @Test
  void closesAReportThePlatformRejectedWhenTheOperatorSaysSo() throws Exception {
    String id = api.complete(api.completion(code, COMPLETED)).get("certificateId").asText();
    rejectedByPlatform("UNKNOWN_PARTICIPANT");
    ProcessInstance pi = instance();
    Task review = tasks.createTaskQuery().processInstanceBusinessKey(code).singleResult();
    tasks.complete(review.getId(), Map.of("rejectionOutcome", "CLOSE"));

    assertThat(pi).isEnded().hasPassed("EndEvent_CertificateUnreported");
    assertThat(api.status(id).get("state").asText()).isEqualTo("REJECTED");
  }

  @Test
  void escalatesABackdatedCompletionAtOnce() throws Exception {
    TestApi.setClock(wib("2026-12-09T10:00:00"));
    String id = api.complete(api.completion(code, COMPLETED)).get("certificateId").asText();
    JsonNode status = api.status(id);
    assertThat(status.get("late").asBoolean()).isTrue();
    assertThat(status.at("/stages/1/late").asBoolean()).isTrue();
    // the timer is due already: the job executor takes it on its next turn, within seconds
    List<Job> due = management.createJobQuery().processInstanceId(instance().getId()).executable().list();
    assertThat(due).hasSize(1);
    assertThat(due.get(0).getDuedate()).isEqualTo(Date.from(wib("2026-11-30T15:30:00").toInstant()));
    runDueTimers();
    assertThat(escalations()).extracting(Task::getTaskDefinitionKey)
        .containsExactly("Task_ChaseOverduePlatformReport");
  }

  private void rejectedByPmo(String reason) throws Exception {
    TestApi.setClock(wib("2026-12-04T10:05:00"));
    ObjectNode event = api.event("tkp-rej-" + code, "PMO_REJECTED", code, wib("2026-12-04T10:00:00"));
    event.put("reason", reason);
    assertThat(api.postEvents("tokopedia", TestApi.TOKOPEDIA_SECRET, event).getStatus()).isEqualTo(202);
  }

  /** What the daily report does with a platform's rejection in its answer. */
  private void rejectedByPlatform(String reason) {
    TestApi.setClock(wib("2026-11-30T10:01:00"));
    runtime.createMessageCorrelation(CertificateProcess.MESSAGE_PLATFORM_REJECTED)
        .processInstanceBusinessKey(code)
        .setVariable(CertificateProcess.VAR_PLATFORM_REJECTION_REASON, reason)
        .correlate();
  }

  private void reportedToPlatform(OffsetDateTime at) {
    runtime.createMessageCorrelation(CertificateProcess.MESSAGE_REPORTED_TO_PLATFORM)
        .processInstanceBusinessKey(code)
        .setVariable(CertificateProcess.VAR_EVENT_OCCURRED_AT, Date.from(at.toInstant()))
        .correlate();
  }

  private ProcessInstance instance() {
    return runtime.createProcessInstanceQuery().processInstanceBusinessKey(code).singleResult();
  }

  private List<Task> escalations() {
    return tasks.createTaskQuery().processInstanceBusinessKey(code).taskCandidateGroup("operations").list();
  }

  /** Runs the timers that are due at the engine's current time, as the job executor would. */
  private int runDueTimers() {
    List<Job> due = management.createJobQuery().processInstanceId(instance().getId()).executable().list();
    due.forEach(job -> management.executeJob(job.getId()));
    return due.size();
  }
}
