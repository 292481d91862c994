package id.sertiflow.certificate;

import static id.sertiflow.TestApi.wib;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import com.fasterxml.jackson.databind.ObjectMapper;
import id.sertiflow.EngineClock;
import id.sertiflow.SertiflowTest;
import id.sertiflow.TestApi;
import id.sertiflow.TestOperators;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * An operator's calendar change moves the deadlines, and the timers, of waiting certificates. The
 * operator is a {@code calendar-admin} and nothing else: one who may change the calendar but has
 * no rights in the engine, as in production.
 */
@SertiflowTest
class CalendarChangeProcessTest {

  // Friday afternoon: the report is due Monday 7 Dec at the same time, unless Monday is a holiday
  static final OffsetDateTime COMPLETED = wib("2026-12-04T15:30:00");
  static final String MONDAY = "2026-12-07";

  @RegisterExtension final EngineClock clock = EngineClock.at(COMPLETED.plusMinutes(1));

  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired TaskService tasks;
  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired IdentityService identity;
  TestApi api;
  TestOperators operators;
  String calendarAdmin;
  String code;

  @BeforeEach
  void setUp() {
    api = new TestApi(mvc, json);
    operators = new TestOperators(identity);
    calendarAdmin = TestOperators.credentialsOf(operators.create("calendar-admin"));
    code = TestApi.newRedemptionCode();
  }

  @AfterEach
  void tearDown() throws Exception {
    // the holiday goes at real time, as an operator would remove it
    clock.reset();
    mvc.perform(delete("/api/v1/calendar/holidays/" + MONDAY).header("Authorization", TestApi.OPERATOR));
    operators.deleteAll();
  }

  @Test
  void aHolidayOnTheDeadlineMovesItAndItsTimerToTheNextWorkingDayAndBackWhenRemoved() throws Exception {
    String id = api.complete(api.completion(code, COMPLETED)).get("certificateId").asText();
    assertThat(reportTimer().getDuedate()).isEqualTo(at("2026-12-07T15:30:00"));

    declareHoliday();
    assertThat(api.status(id).at("/stages/1/dueAt").asText()).isEqualTo("2026-12-08T15:30:00+07:00");
    assertThat(api.status(id).at("/stages/3/dueAt").asText()).isEqualTo("2026-12-18T15:30:00+07:00");
    assertThat(reportTimer().getDuedate()).isEqualTo(at("2026-12-08T15:30:00"));

    assertThat(mvc.perform(delete("/api/v1/calendar/holidays/" + MONDAY)
        .header("Authorization", calendarAdmin)).andReturn().getResponse().getStatus()).isEqualTo(204);
    assertThat(api.status(id).at("/stages/1/dueAt").asText()).isEqualTo("2026-12-07T15:30:00+07:00");
    assertThat(reportTimer().getDuedate()).isEqualTo(at("2026-12-07T15:30:00"));
  }

  @Test
  void anEscalationForADeadlineThatMovedIntoTheFutureCloses() throws Exception {
    String id = api.complete(api.completion(code, COMPLETED)).get("certificateId").asText();
    clock.set(wib("2026-12-07T15:31:00"));
    management.executeJob(reportTimer().getId());
    assertThat(escalations()).hasSize(1);

    declareHoliday();
    assertThat(escalations()).isEmpty();
    assertThat(api.status(id).get("late").asBoolean()).isFalse();
    assertThat(reportTimer().getDuedate()).isEqualTo(at("2026-12-08T15:30:00"));
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(code)
        .activityIdIn("Event_ReportedToPlatform").count()).isOne();
  }

  @Test
  void countsFromTheNextWorkingDayWhenTheClassEndedOnTheNewHolidayAndLeavesLaterDeadlinesAlone() throws Exception {
    // completed on Monday evening after the change date's stage window: due Tuesday
    clock.set(wib("2026-12-07T19:01:00"));
    String id = api.complete(api.completion(code, wib("2026-12-07T19:00:00"))).get("certificateId").asText();
    declareHoliday();
    // Monday became a holiday, so the class finished on a non-working day: count from Tuesday 00:00
    assertThat(api.status(id).at("/stages/1/dueAt").asText()).isEqualTo("2026-12-09T00:00:00+07:00");
    String other = TestApi.newRedemptionCode();
    clock.set(wib("2026-12-10T08:01:00"));
    String later = api.complete(api.completion(other, wib("2026-12-10T08:00:00"))).get("certificateId").asText();
    assertThat(api.status(later).at("/stages/1/dueAt").asText()).isEqualTo("2026-12-11T08:00:00+07:00");
  }

  private void declareHoliday() throws Exception {
    int status = mvc.perform(put("/api/v1/calendar/holidays/" + MONDAY)
            .header("Authorization", calendarAdmin).contentType(MediaType.APPLICATION_JSON)
            .content("{\"name\": \"Hari libur tambahan\", \"type\": \"NATIONAL_HOLIDAY\"}"))
        .andReturn().getResponse().getStatus();
    assertThat(status).isEqualTo(200);
  }

  private Job reportTimer() {
    String pi = runtime.createProcessInstanceQuery().processInstanceBusinessKey(code).singleResult().getId();
    List<Job> timers = management.createJobQuery().processInstanceId(pi).timers()
        .activityId("StartEvent_PlatformReportOverdue").list();
    assertThat(timers).hasSize(1);
    return timers.get(0);
  }

  private List<org.camunda.bpm.engine.task.Task> escalations() {
    return tasks.createTaskQuery().processInstanceBusinessKey(code).taskCandidateGroup("operations").list();
  }

  private static Date at(String jakartaTime) {
    return Date.from(wib(jakartaTime).toInstant());
  }
}
