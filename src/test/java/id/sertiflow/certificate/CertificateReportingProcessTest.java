package id.sertiflow.certificate;

import static id.sertiflow.TestApi.wib;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.sertiflow.EngineClock;
import id.sertiflow.ProcessCoverageFloor;
import id.sertiflow.SertiflowTest;
import id.sertiflow.TestApi;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.form.FormField;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
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

  @RegisterExtension final EngineClock clock = EngineClock.at(COMPLETED.plusMinutes(1));

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired FormService formService;
  @Autowired IdentityService identity;
  @Autowired JdbcTemplate jdbc;
  @Autowired EscalationOutcomes outcomes;

  TestApi api;
  String code;

  @BeforeEach
  void setUp() {
    AbstractAssertions.init(engine);
    api = new TestApi(mvc, json);
    code = TestApi.newRedemptionCode();
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

    clock.set(wib("2026-12-01T09:30:00"));
    api.platformSays("REPORTED_TO_PMO", code, wib("2026-12-01T09:12:00"));
    assertThat(instance()).isWaitingAt("Event_PmoVerified");
    assertThat(api.status(id).at("/stages/3/dueAt").asText()).isEqualTo("2026-12-10T09:12:00+07:00");

    clock.set(wib("2026-12-04T10:05:00"));
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

    clock.set(wib("2026-11-30T15:29:59"));
    assertThat(runDueTimers()).isZero();
    assertThat(escalations()).isEmpty();
    assertThat(api.status(id).get("late").asBoolean()).isFalse();

    clock.set(wib("2026-11-30T15:30:00"));
    assertThat(runDueTimers()).isEqualTo(1);
    assertThat(escalations()).extracting(Task::getTaskDefinitionKey)
        .containsExactly("Task_ChaseOverduePlatformReport");
    assertThat(tasks.createTaskQuery().taskCandidateGroup("operations")
        .processInstanceBusinessKey(code).count()).isOne();
    clock.set(wib("2026-11-30T15:31:00"));
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

    clock.set(wib("2026-12-01T09:59:00"));
    assertThat(runDueTimers()).isZero();
    clock.set(wib("2026-12-01T10:00:00"));
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
    clock.set(wib("2026-12-01T09:30:00"));
    api.platformSays("REPORTED_TO_PMO", code, wib("2026-12-01T09:12:00"));

    clock.set(wib("2026-12-10T09:11:00"));
    assertThat(runDueTimers()).isZero();
    clock.set(wib("2026-12-10T09:12:00"));
    assertThat(runDueTimers()).isEqualTo(1);
    assertThat(escalations()).extracting(Task::getTaskDefinitionKey)
        .containsExactly("Task_ChaseOverduePmoVerification");
    // an operator who chased the PMO keeps waiting; the certificate keeps waiting too
    decide(escalations().get(0), "WAIT");
    assertThat(instance()).isWaitingAt("Event_PmoVerified", "Event_PmoVerificationFollowUpDue");

    ProcessInstance pi = instance();
    clock.set(wib("2026-12-11T08:00:00"));
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

    clock.set(wib("2026-11-30T08:00:00"));
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

    clock.set(wib("2026-12-02T15:30:59"));
    assertThat(runDueTimers()).isZero();
    clock.set(wib("2026-12-02T15:31:00"));
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
    clock.set(wib("2026-12-07T09:00:00"));
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
    clock.set(wib("2026-12-01T13:00:00"));
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
  void remindsALearnerWithoutAReviewOnceAsTheReportIsAwaited() throws Exception {
    ObjectNode completion = api.completion(code, COMPLETED);
    completion.put("reviewSubmitted", false);
    String id = api.complete(completion).get("certificateId").asText();
    assertThat(instance()).isWaitingAt("Event_ReportedToPlatform");
    assertThat(reviewReminders(id)).containsExactly(wib("2026-11-27T15:31:00").toInstant());

    // the report is sent again after a rejection: the learner was reminded already
    rejectedByPlatform("INVALID_CERTIFICATE_NUMBER");
    tasks.complete(tasks.createTaskQuery().processInstanceBusinessKey(code).singleResult().getId(),
        Map.of("rejectionOutcome", "RESEND"));
    assertThat(instance()).isWaitingAt("Event_ReportedToPlatform");
    assertThat(reviewReminders(id)).hasSize(1);
  }

  @Test
  void doesNotRemindALearnerWhoReviewedTheClass() throws Exception {
    String id = api.complete(api.completion(code, COMPLETED)).get("certificateId").asText();
    assertThat(instance()).isWaitingAt("Event_ReportedToPlatform");
    assertThat(reviewReminders(id)).isEmpty();
  }

  @Test
  void escalatesABackdatedCompletionAtOnce() throws Exception {
    clock.set(wib("2026-12-09T10:00:00"));
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

  // --- operators working escalations -----------------------------------------------------------

  @Test
  void showsTheCertificateOnTheChaseTaskAndChasesAgainAfterTheFollowUpTheOperatorChose() throws Exception {
    String id = api.complete(api.completion(code, COMPLETED)).get("certificateId").asText();
    // a minute past the deadline: at the deadline itself nothing is late yet
    clock.set(wib("2026-11-30T15:31:00"));
    runDueTimers();
    Task chase = escalation("Task_ChaseOverduePlatformReport");
    Map<String, Object> fields = formFields(chase);
    assertThat(fields).containsEntry("certificateId", id)
        .containsEntry("redemptionCode", code)
        .containsEntry("learnerName", "Budi Santoso")
        .containsEntry("platformName", "Tokopedia")
        .containsEntry("stageName", "Report to platform (REPORTED_TO_PLATFORM)")
        .containsEntry("deadline", "30 Nov 2026, 15:30 WIB")
        .containsEntry("lateBy", "less than 1 working day (0 h 1 min by the clock, as of 30 Nov 2026, 15:31 WIB)")
        .containsEntry("followUpWorkingDays", 1L);
    assertThat(chase.getDescription()).contains(code, id, "Budi Santoso", "Tokopedia",
        "due 30 Nov 2026, 15:30 WIB");

    // claimed two days later, the task counts its lateness again
    clock.set(wib("2026-12-02T16:00:00"));
    tasks.claim(chase.getId(), "demo");
    assertThat(formFields(chase)).containsEntry("lateBy",
        "2 working days (2 d 0 h 30 min by the clock, as of 2 Dec 2026, 16:00 WIB)");
    assertThat(task(chase).getDescription()).contains("late: 2 working days");

    decide(chase, "WAIT", Map.of("followUpWorkingDays", 2L));
    assertThat(escalations()).isEmpty();
    assertThat(openEscalationsOf(code)).isEmpty();
    assertThat(instance()).isWaitingAt("Event_ReportedToPlatform", "Event_PlatformReportFollowUpDue");
    assertThat(outcomes.of(java.util.UUID.fromString(id))).extracting(EscalationOutcomes.Decision::outcome,
        EscalationOutcomes.Decision::decidedBy).containsExactly(org.assertj.core.groups.Tuple.tuple(EscalationOutcome.WAIT, "demo"));
    JsonNode waiting = api.status(id);
    assertThat(waiting.get("state").asText()).isEqualTo("IN_PROGRESS");
    assertThat(waiting.get("late").asBoolean()).isTrue();

    // two working days after the decision: Friday 4 Dec at 16:00
    clock.set(wib("2026-12-04T15:59:00"));
    assertThat(runDueTimers()).isZero();
    clock.set(wib("2026-12-04T16:00:00"));
    assertThat(runDueTimers()).isOne();
    Task again = escalation("Task_ChaseOverduePlatformReport");
    assertThat(formFields(again)).containsEntry("lateBy",
        "4 working days (4 d 0 h 30 min by the clock, as of 4 Dec 2026, 16:00 WIB)")
        .containsEntry("deadline", "30 Nov 2026, 15:30 WIB");
    assertThat(again.getDescription()).contains("last decision: WAIT by demo, 2 Dec 2026, 16:00 WIB");
    assertThat(openEscalationsOf(code)).singleElement()
        .satisfies(e -> assertThat(e.get("taskId").asText()).isEqualTo(again.getId()))
        .satisfies(e -> assertThat(e.get("lateBy").asText()).isEqualTo("PT96H30M"))
        .satisfies(e -> assertThat(e.get("lateWorkingDays").asInt()).isEqualTo(4));

    // the report arrives: the chase closes by itself
    reportedToPlatform(wib("2026-12-04T17:00:00"));
    assertThat(escalations()).isEmpty();
    assertThat(instance()).isWaitingAt("Event_ReportedToPmo");
  }

  @Test
  void countsTheChaseDetailsEachTimeTheFormIsShownAndStoresNoneOfThem() throws Exception {
    api.complete(api.completion(code, COMPLETED));
    clock.set(wib("2026-11-30T15:31:00"));
    runDueTimers();
    Task chase = escalation("Task_ChaseOverduePlatformReport");
    assertThat(detailVariables()).isEmpty();

    // shown a day later, nobody having claimed it: counted as of that moment
    clock.set(wib("2026-12-01T15:31:00"));
    assertThat((String) formFields(chase).get("lateBy")).startsWith("1 working day (")
        .endsWith("as of 1 Dec 2026, 15:31 WIB)");
    assertThat(formFields(chase)).containsEntry("deadline", "30 Nov 2026, 15:30 WIB")
        .containsEntry("redemptionCode", code);

    // the submitted form wrote nothing of them either
    decide(chase, "WAIT");
    assertThat(detailVariables()).isEmpty();
    assertThat(instance()).isWaitingAt("Event_ReportedToPlatform", "Event_PlatformReportFollowUpDue");
  }

  @Test
  void resendsAnOverduePlatformReportAtOnceAndChasesAgainIfItStillDoesNotArrive() throws Exception {
    String id = api.complete(api.completion(code, COMPLETED)).get("certificateId").asText();
    clock.set(wib("2026-11-30T15:30:00"));
    runDueTimers();
    // a minute no scheduled run of the reporting tests claims
    clock.set(wib("2026-12-01T11:07:00"));
    decide(escalation("Task_ChaseOverduePlatformReport"), "RESEND");

    // a report run of this minute started, and waits to collect and send (DailyReportTests sends it)
    assertThat(jdbc.queryForObject("select count(*) from report_run where slot = '2026-12-01T11:07'",
        Integer.class)).isOne();
    List<ProcessInstance> runs = runtime.createProcessInstanceQuery()
        .processDefinitionKey("platform-daily-report").variableValueEquals("runSlot", "2026-12-01T11:07")
        .list();
    assertThat(runs).hasSize(1);
    assertThat(escalations()).isEmpty();
    assertThat(openEscalationsOf(code)).isEmpty();
    assertThat(instance()).isWaitingAt("Event_ReportedToPlatform", "Event_PlatformReportFollowUpDue");
    assertThat(api.status(id).get("currentStage").asText()).isEqualTo("REPORTED_TO_PLATFORM");
    Job followUp = management.createJobQuery().processInstanceId(instance().getId()).timers().singleResult();
    assertThat(followUp.getDuedate()).isEqualTo(Date.from(wib("2026-12-02T11:07:00").toInstant()));
    // the run's sending belongs to the reporting tests; this one leaves no jobs behind
    runtime.deleteProcessInstance(runs.get(0).getId(), "sent in DailyReportTests");

    clock.set(wib("2026-12-02T11:07:00"));
    assertThat(runDueTimers()).isOne();
    assertThat(escalations()).extracting(Task::getTaskDefinitionKey)
        .containsExactly("Task_ChaseOverduePlatformReport");
  }

  @Test
  void closesAnOverduePlatformReportAsFailed() throws Exception {
    String id = api.complete(api.completion(code, COMPLETED)).get("certificateId").asText();
    clock.set(wib("2026-11-30T15:30:00"));
    runDueTimers();
    ProcessInstance pi = instance();
    clock.set(wib("2026-12-01T09:00:00"));
    decide(escalation("Task_ChaseOverduePlatformReport"), "CLOSE");

    assertThat(pi).isEnded().hasPassed("EndEvent_PlatformReportClosedAsFailed",
        "EndEvent_CertificateFailedAtPlatformReport");
    JsonNode closed = api.status(id);
    assertThat(closed.get("state").asText()).isEqualTo("REJECTED");
    assertThat(closed.get("currentStage").asText()).isEqualTo("REPORTED_TO_PLATFORM");
    assertThat(closed.at("/stages/1/status").asText()).isEqualTo("FAILED");
    assertThat(closed.get("late").asBoolean()).isFalse();
    assertThat(closed.get("actionRequired").isNull()).isTrue();
    assertThat(openEscalationsOf(code)).isEmpty();
    assertThat(outcomes.of(java.util.UUID.fromString(id))).extracting(EscalationOutcomes.Decision::outcome)
        .containsExactly(EscalationOutcome.CLOSE);
  }

  @Test
  void keepsWaitingForAnOverduePmoReportAndChasesAgainAfterOneWorkingDay() throws Exception {
    String id = overduePmoReport();
    Task chase = escalation("Task_ChaseOverduePmoReport");
    assertThat(formFields(chase)).containsEntry("stageName", "Report to PMO (REPORTED_TO_PMO)")
        .containsEntry("deadline", "1 Dec 2026, 10:00 WIB");
    clock.set(wib("2026-12-01T14:00:00"));
    decide(chase, "WAIT");
    assertThat(openEscalationsOf(code)).isEmpty();
    assertThat(instance()).isWaitingAt("Event_ReportedToPmo", "Event_PmoReportFollowUpDue");

    // the form's default: one working day
    clock.set(wib("2026-12-02T14:00:00"));
    assertThat(runDueTimers()).isOne();
    assertThat(formFields(escalation("Task_ChaseOverduePmoReport")))
        .containsEntry("lateBy", "1 working day (1 d 4 h 0 min by the clock, as of 2 Dec 2026, 14:00 WIB)");
    assertThat(openEscalationsOf(code)).hasSize(1);
    assertThat(api.status(id).get("currentStage").asText()).isEqualTo("REPORTED_TO_PMO");
  }

  @Test
  void sendsTheReportToThePlatformAgainWhenThePmoReportIsOverdue() throws Exception {
    String id = overduePmoReport();
    clock.set(wib("2026-12-02T09:00:00"));
    decide(escalation("Task_ChaseOverduePmoReport"), "RESEND");

    assertThat(instance()).isWaitingAt("Event_ReportedToPlatform");
    assertThat(instance()).hasPassed("EndEvent_PmoReportToBeSentAgain");
    assertThat(openEscalationsOf(code)).isEmpty();
    JsonNode again = api.status(id);
    assertThat(again.get("state").asText()).isEqualTo("IN_PROGRESS");
    assertThat(again.get("currentStage").asText()).isEqualTo("REPORTED_TO_PLATFORM");
    // waiting for the platform report again: due one working day from now, the next run sends it
    assertThat(again.at("/stages/1/status").asText()).isEqualTo("IN_PROGRESS");
    assertThat(again.at("/stages/1/dueAt").asText()).isEqualTo("2026-12-03T09:00:00+07:00");
    assertThat(again.at("/stages/2/status").asText()).isEqualTo("PENDING");
  }

  @Test
  void closesAnOverduePmoReportAsFailed() throws Exception {
    String id = overduePmoReport();
    ProcessInstance pi = instance();
    decide(escalation("Task_ChaseOverduePmoReport"), "CLOSE");

    assertThat(pi).isEnded().hasPassed("EndEvent_CertificateFailedAtPmoReport");
    JsonNode closed = api.status(id);
    assertThat(closed.get("state").asText()).isEqualTo("REJECTED");
    assertThat(closed.at("/stages/1/status").asText()).isEqualTo("DONE");
    assertThat(closed.at("/stages/2/status").asText()).isEqualTo("FAILED");
    assertThat(openEscalationsOf(code)).isEmpty();
  }

  @Test
  void sendsTheReportAgainWhenThePmoVerificationIsOverdue() throws Exception {
    String id = overduePmoVerification();
    Task chase = escalation("Task_ChaseOverduePmoVerification");
    assertThat(formFields(chase)).containsEntry("stageName", "PMO verification (VERIFIED_BY_PMO)")
        .containsEntry("deadline", "10 Dec 2026, 09:12 WIB");
    clock.set(wib("2026-12-11T10:00:00"));
    decide(chase, "RESEND");

    assertThat(instance()).isWaitingAt("Event_ReportedToPlatform");
    assertThat(instance()).hasPassed("EndEvent_PmoVerificationToBeSentAgain");
    JsonNode again = api.status(id);
    assertThat(again.get("currentStage").asText()).isEqualTo("REPORTED_TO_PLATFORM");
    assertThat(again.at("/stages/1/dueAt").asText()).isEqualTo("2026-12-14T10:00:00+07:00");
    assertThat(openEscalationsOf(code)).isEmpty();
  }

  @Test
  void closesAnOverduePmoVerificationAsFailed() throws Exception {
    String id = overduePmoVerification();
    ProcessInstance pi = instance();
    decide(escalation("Task_ChaseOverduePmoVerification"), "CLOSE");

    assertThat(pi).isEnded().hasPassed("EndEvent_CertificateFailedAtPmoVerification");
    JsonNode closed = api.status(id);
    assertThat(closed.get("state").asText()).isEqualTo("REJECTED");
    assertThat(closed.at("/stages/3/status").asText()).isEqualTo("FAILED");
    assertThat(closed.get("expectedOnDashboardBy").isNull() || !closed.has("expectedOnDashboardBy")).isTrue();
    assertThat(openEscalationsOf(code)).isEmpty();
  }

  @Test
  void learnerSupportEntersTheCorrectedNameAndTheNamesAreCheckedAgain() throws Exception {
    String id = nameCorrectionOverdue();
    Task help = helpTask();
    assertThat(formFields(help)).containsEntry("learnerName", "Budi S.")
        .containsEntry("deadline", "2 Dec 2026, 15:31 WIB")
        .containsEntry("stageName", "Report to platform (REPORTED_TO_PLATFORM)");

    // the name is required for this outcome, and held to the API's rule; nothing changes
    assertThatThrownBy(() -> formService.submitTaskForm(help.getId(),
        Map.of("escalationOutcome", "CORRECT_NAME", "correctedName", " ")))
        .hasMessageContaining("correctedName");
    assertThat(helpTask().getId()).isEqualTo(help.getId());
    // a name that still differs sends the certificate back to wait for the learner
    clock.set(wib("2026-12-03T09:00:00"));
    decide(help, "CORRECT_NAME", Map.of("correctedName", "Budi S"));
    assertThat(instance()).isWaitingAt("Event_LearnerNameCorrected");
    assertThat(api.status(id).get("learner").get("name").asText()).isEqualTo("Budi S");
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(code).count()).isZero();

    clock.set(wib("2026-12-08T09:00:00"));
    assertThat(runDueTimers()).isOne();
    decide(helpTask(), "CORRECT_NAME", Map.of("correctedName", "Budi Santoso"));
    assertThat(instance()).isWaitingAt("Event_ReportedToPlatform");
    JsonNode corrected = api.status(id);
    assertThat(corrected.get("state").asText()).isEqualTo("IN_PROGRESS");
    assertThat(corrected.get("learner").get("name").asText()).isEqualTo("Budi Santoso");
    assertThat(corrected.at("/stages/1/dueAt").asText()).isEqualTo("2026-12-09T09:00:00+07:00");
  }

  @Test
  void learnerSupportKeepsWaitingAndIsAskedAgainAfterTheFollowUp() throws Exception {
    nameCorrectionOverdue();
    clock.set(wib("2026-12-03T09:00:00"));
    decide(helpTask(), "WAIT", Map.of("followUpWorkingDays", 3L));
    assertThat(instance()).isWaitingAt("Event_LearnerNameCorrected", "Event_NameCorrectionFollowUpDue");
    clock.set(wib("2026-12-08T08:59:00"));
    assertThat(runDueTimers()).isZero();
    clock.set(wib("2026-12-08T09:00:00"));
    assertThat(runDueTimers()).isOne();
    assertThat(formFields(helpTask())).containsEntry("lateBy",
        "3 working days (5 d 17 h 29 min by the clock, as of 8 Dec 2026, 09:00 WIB)");
  }

  @Test
  void learnerSupportClosesTheCertificateAsFailed() throws Exception {
    String id = nameCorrectionOverdue();
    ProcessInstance pi = instance();
    decide(helpTask(), "CLOSE");
    assertThat(pi).isEnded().hasPassed("EndEvent_CertificateFailedAtNameCorrection");
    JsonNode closed = api.status(id);
    assertThat(closed.get("state").asText()).isEqualTo("REJECTED");
    assertThat(closed.at("/stages/1/status").asText()).isEqualTo("FAILED");
    assertThat(closed.get("actionRequired").isNull()).isTrue();
  }

  @Test
  void showsTheCertificateAndTheReasonOnARejectionReview() throws Exception {
    String id = api.complete(api.completion(code, COMPLETED)).get("certificateId").asText();
    rejectedByPlatform("INVALID_CERTIFICATE_NUMBER");
    Task review = tasks.createTaskQuery().processInstanceBusinessKey(code).singleResult();
    assertThat(formFields(review)).containsEntry("certificateId", id)
        .containsEntry("redemptionCode", code)
        .containsEntry("platformRejectionReason", "INVALID_CERTIFICATE_NUMBER")
        .containsEntry("deadline", "30 Nov 2026, 15:30 WIB")
        .containsEntry("lateBy", "not late (as of 30 Nov 2026, 10:01 WIB)");
  }

  /** Reported to the platform on Monday; its report to the PMO breached on Tuesday 10:00. */
  private String overduePmoReport() throws Exception {
    String id = api.complete(api.completion(code, COMPLETED)).get("certificateId").asText();
    reportedToPlatform(wib("2026-11-30T10:00:00"));
    clock.set(wib("2026-12-01T10:00:00"));
    assertThat(runDueTimers()).isOne();
    return id;
  }

  /** Reported to the PMO on Tuesday; its verification breached on 10 December. */
  private String overduePmoVerification() throws Exception {
    String id = api.complete(api.completion(code, COMPLETED)).get("certificateId").asText();
    reportedToPlatform(wib("2026-11-30T10:00:00"));
    clock.set(wib("2026-12-01T09:30:00"));
    api.platformSays("REPORTED_TO_PMO", code, wib("2026-12-01T09:12:00"));
    clock.set(wib("2026-12-10T09:12:00"));
    assertThat(runDueTimers()).isOne();
    return id;
  }

  /** A mismatched name, three working days without a correction. */
  private String nameCorrectionOverdue() throws Exception {
    ObjectNode completion = api.completion(code, COMPLETED);
    ((ObjectNode) completion.get("learner")).put("name", "Budi S.");
    String id = api.complete(completion).get("certificateId").asText();
    clock.set(wib("2026-12-02T15:31:00"));
    assertThat(runDueTimers()).isOne();
    return id;
  }

  private Task helpTask() {
    return tasks.createTaskQuery().processInstanceBusinessKey(code)
        .taskDefinitionKey("Task_HelpLearnerCorrectName").taskCandidateGroup("learner-support").singleResult();
  }

  private Task escalation(String taskKey) {
    return tasks.createTaskQuery().processInstanceBusinessKey(code).taskDefinitionKey(taskKey)
        .taskCandidateGroup("operations").singleResult();
  }

  private Task task(Task task) {
    return tasks.createTaskQuery().taskId(task.getId()).singleResult();
  }

  /** What Tasklist shows in the task's generated form: each field's value. */
  private Map<String, Object> formFields(Task task) {
    Map<String, Object> values = new java.util.HashMap<>();
    for (FormField field : formService.getTaskFormData(task.getId()).getFormFields()) {
      values.put(field.getId(), field.getValue().getValue());
    }
    return values;
  }

  /** The operator demo submits the task's form in Tasklist with {@code outcome}. */
  private void decide(Task task, String outcome) {
    decide(task, outcome, Map.of());
  }

  private void decide(Task task, String outcome, Map<String, Object> more) {
    Map<String, Object> form = new java.util.HashMap<>(more);
    form.put("escalationOutcome", outcome);
    // logged in as Tasklist logs in: the user with the groups it is a member of
    identity.setAuthentication("demo", identity.createGroupQuery().groupMember("demo").list()
        .stream().map(org.camunda.bpm.engine.identity.Group::getId).toList());
    try {
      formService.submitTaskForm(task.getId(), form);
    } finally {
      identity.clearAuthentication();
    }
  }

  /** The certificate's entries in {@code GET /api/v1/escalations?status=open}. */
  private List<JsonNode> openEscalationsOf(String redemptionCode) throws Exception {
    var response = mvc.perform(get("/api/v1/escalations").param("status", "open")
        .header(HttpHeaders.AUTHORIZATION, TestApi.OPERATOR)).andReturn().getResponse();
    assertThat(response.getStatus()).isEqualTo(200);
    List<JsonNode> mine = new java.util.ArrayList<>();
    api.read(response).forEach(e -> {
      if (redemptionCode.equals(e.path("redemptionCode").asText())) {
        mine.add(e);
      }
    });
    return mine;
  }

  private void rejectedByPmo(String reason) throws Exception {
    clock.set(wib("2026-12-04T10:05:00"));
    ObjectNode event = api.event("tkp-rej-" + code, "PMO_REJECTED", code, wib("2026-12-04T10:00:00"));
    event.put("reason", reason);
    assertThat(api.postEvents("tokopedia", TestApi.TOKOPEDIA_SECRET, event).getStatus()).isEqualTo(202);
  }

  /** What the daily report does with a platform's rejection in its answer. */
  private void rejectedByPlatform(String reason) {
    clock.set(wib("2026-11-30T10:01:00"));
    runtime.createMessageCorrelation(CertificateProcess.MESSAGE_PLATFORM_REJECTED)
        .processInstanceBusinessKey(code)
        .setVariable(CertificateProcess.VAR_PLATFORM_REJECTION_REASON, reason)
        .correlate();
  }

  private void reportedToPlatform(OffsetDateTime at) {
    runtime.createMessageCorrelation(Stage.REPORTED_TO_PLATFORM.waiting().message())
        .processInstanceBusinessKey(code)
        .setVariable(CertificateProcess.VAR_EVENT_OCCURRED_AT, Date.from(at.toInstant()))
        .correlate();
  }

  /** When the learner of the certificate was reminded to review and rate the class. */
  private List<java.time.Instant> reviewReminders(String certificateId) {
    return jdbc.queryForList("select reminded_at from review_reminder where certificate_id = ?",
        java.time.OffsetDateTime.class, java.util.UUID.fromString(certificateId)).stream()
        .map(java.time.OffsetDateTime::toInstant).toList();
  }

  /** The escalation details stored as variables anywhere in the certificate's process. */
  private List<String> detailVariables() {
    return runtime.createVariableInstanceQuery().processInstanceIdIn(instance().getId())
        .variableNameIn("redemptionCode", "learnerName", "platformName", "stageName", "deadline",
            "lateBy")
        .list().stream().map(v -> v.getName()).toList();
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
