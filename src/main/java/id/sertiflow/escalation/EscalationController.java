package id.sertiflow.escalation;

import id.sertiflow.api.ListPage;
import id.sertiflow.api.ParametersOf;
import id.sertiflow.api.TypedInput;
import id.sertiflow.api.TypedInput.Checked;
import id.sertiflow.calendar.Lateness;
import id.sertiflow.calendar.ServiceClock;
import id.sertiflow.calendar.WorkingDayCalendar;
import id.sertiflow.certificate.Certificate;
import id.sertiflow.certificate.CertificateProcess;
import id.sertiflow.certificate.Certificates;
import id.sertiflow.certificate.Stage;
import id.sertiflow.certificate.StagesInProgress;
import id.sertiflow.platform.Platform;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operators' list of SLA breaches: the open "chase" tasks of {@code certificate-reporting},
 * the most overdue first. Three queries whatever the length of the list: the tasks, their process
 * instances (for the redemption codes) and the certificates.
 */
@RestController
@RequestMapping("/api/v1/escalations")
class EscalationController {

  static final String OPEN = "open";
  /** Certificates with 75% of their stage's time spent and no breach yet: no task, a warning. */
  static final String AT_RISK = "at-risk";

  /** Which list; absent is the open list. */
  record ListQuery(
      @Schema(description = "`open` (breaches with a task; the default) or `at-risk` (75% of the"
          + " stage's time spent, no breach yet)")
      @Pattern(regexp = "\\s*(" + OPEN + "|" + AT_RISK + ")\\s*", message = "must be open or at-risk")
      String status) {}

  /**
   * One open escalation; times in Jakarta. How late it is, by the one notion of lateness: {@code
   * lateWorkingDays}, whole working days past {@code dueAt}, with {@code lateBy}, the wall time as
   * an ISO-8601 duration (API.md's field), beside it.
   */
  record Escalation(String taskId, UUID certificateId, String redemptionCode, Platform platform,
      Stage stage, OffsetDateTime dueAt,
      @Schema(description = "wall time past dueAt, ISO-8601 duration (PT0S while not due)",
          example = "PT50H30M") String lateBy,
      @Schema(description = "whole working days past dueAt, counted by the working-day calendar"
          + " as deadlines are (0 while less than one working day late)", example = "2")
      Integer lateWorkingDays,
      OffsetDateTime createdAt) {}

  private final TaskService tasks;
  private final RuntimeService runtime;
  private final Certificates certificates;
  private final ServiceClock clock;
  private final StagesInProgress stages;
  private final WorkingDayCalendar calendar;
  private final TypedInput input;

  EscalationController(TaskService tasks, RuntimeService runtime, Certificates certificates,
      ServiceClock clock, StagesInProgress stages, WorkingDayCalendar calendar, TypedInput input) {
    this.input = input;
    this.stages = stages;
    this.calendar = calendar;
    this.tasks = tasks;
    this.runtime = runtime;
    this.certificates = certificates;
    this.clock = clock;
  }

  @GetMapping
  @ParametersOf({ListQuery.class, ListPage.Parameters.class})
  ResponseEntity<List<Escalation>> escalations(@RequestParam(required = false) String status,
      @RequestParam(required = false) String firstResult,
      @RequestParam(required = false) String maxResults,
      HttpServletRequest request) {
    Checked<ListQuery> query = input.checkParameters(ListQuery.class, "status", status);
    Checked<ListPage> paging = ListPage.of(input, firstResult, maxResults);
    TypedInput.refuseUnlessValid(query, paging);
    String wanted = query.value().status() == null ? OPEN : query.value().status().strip();
    ListPage page = paging.value();
    return page.answer(AT_RISK.equals(wanted) ? atRisk(page.first(), page.toRead())
        : open(page.first(), page.toRead()), request);
  }

  /**
   * The open escalation tasks, the most overdue first, paged in the engine: an operator's query
   * may not ask Camunda for an unbounded list (query-max-results-limit).
   */
  private List<Escalation> open(int first, int max) {
    List<Task> open = tasks.createTaskQuery()
        .processDefinitionKey(CertificateProcess.KEY)
        .taskDefinitionKeyIn(Stage.escalationTasks())
        .orderByDueDate().asc().orderByTaskId().asc()
        .listPage(first, max);
    if (open.isEmpty()) {
      return List.of();
    }
    Set<String> instanceIds = open.stream().map(Task::getProcessInstanceId)
        .collect(Collectors.toSet());
    Map<String, String> codeByInstance = runtime.createProcessInstanceQuery()
        .processInstanceIds(instanceIds).listPage(0, instanceIds.size()).stream()
        .filter(instance -> instance.getBusinessKey() != null)
        .collect(Collectors.toMap(ProcessInstance::getId, ProcessInstance::getBusinessKey));
    Map<String, Certificate> byCode = certificates
        .findByRedemptionCodeIn(Set.copyOf(codeByInstance.values())).stream()
        .collect(Collectors.toMap(Certificate::redemptionCode, Function.identity()));
    Instant now = clock.now();
    return open.stream()
        .map(task -> {
          String code = codeByInstance.get(task.getProcessInstanceId());
          Certificate certificate = code == null ? null : byCode.get(code);
          Instant due = toInstant(task.getDueDate());
          Lateness late = due == null ? null : calendar.lateness(due, now);
          return new Escalation(task.getId(),
              certificate == null ? null : certificate.id(),
              code,
              certificate == null ? null : certificate.platform(),
              Stage.chasedBy(task.getTaskDefinitionKey()).orElse(null),
              due == null ? null : WorkingDayCalendar.inJakarta(due),
              late == null ? null : late.byTheClock().toString(),
              late == null ? null : late.workingDays(),
              WorkingDayCalendar.inJakarta(task.getCreateTime().toInstant()));
        })
        .toList();
  }

  /** Read from the read model alone: at risk is a moment in each stage's row, not a task. */
  private List<Escalation> atRisk(int first, int max) {
    Instant now = clock.now();
    List<UUID> ids = stages.atRisk(now, first, max);
    Map<UUID, Certificate> byId = certificates.findAllById(ids).stream()
        .collect(Collectors.toMap(Certificate::id, Function.identity()));
    return ids.stream().map(byId::get)
        .map(c -> new Escalation(null, c.id(), c.redemptionCode(), c.platform(), c.currentStage(),
            WorkingDayCalendar.inJakarta(c.stage(c.currentStage()).dueAt()), null, null, null))
        .toList();
  }

  private static Instant toInstant(Date date) {
    return date == null ? null : date.toInstant();
  }
}
