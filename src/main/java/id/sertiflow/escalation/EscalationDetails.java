package id.sertiflow.escalation;

import id.sertiflow.calendar.Lateness;
import id.sertiflow.calendar.ServiceClock;
import id.sertiflow.calendar.WorkingDayCalendar;
import id.sertiflow.certificate.Certificate;
import id.sertiflow.certificate.CertificateProcess;
import id.sertiflow.certificate.EscalationOutcomes;
import id.sertiflow.certificate.Stage;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What an operator sees on an escalation or action task in Tasklist: the certificate, learner,
 * platform, stage, deadline (WIB) and how many working days late, as the task's description and
 * as the read-only fields of its form.
 *
 * <p>The description is written by a task listener, {@code ${escalationDetails.describe(task)}},
 * on creation and on every assignment: lateness grows while a task waits, so it is counted again
 * when an operator claims the task, and says when it was counted. The form's fields are counted
 * each time the form is shown, by their default values ({@code ${escalationDetails.field(execution,
 * 'lateBy')}}), and never stored: six variables a task were six rows written with every breach
 * and deleted with every decision (docs/benchmarks.md). Camunda writes a read-only field's default
 * as a variable when the form is submitted; {@code ${escalationDetails.submitted(task)}} takes
 * them away again in the same transaction, so they never reach the database.
 *
 * <p>Versions 1 and 2 of the process stored the fields as variables of the escalation's scope
 * ({@link #show}); a task migrated from them shows those until its next assignment, which counts
 * them afresh.
 */
@Component("escalationDetails")
public class EscalationDetails {

  /** The read-only form fields this fills, beside {@code certificateId} (a process variable already). */
  public static final String REDEMPTION_CODE = "redemptionCode";
  public static final String LEARNER_NAME = "learnerName";
  public static final String PLATFORM_NAME = "platformName";
  public static final String STAGE_NAME = "stageName";
  public static final String DEADLINE = "deadline";
  public static final String LATE_BY = "lateBy";
  private static final List<String> FIELDS =
      List.of(REDEMPTION_CODE, LEARNER_NAME, PLATFORM_NAME, STAGE_NAME, DEADLINE, LATE_BY);

  private final EntityManager entities;
  private final WorkingDayCalendar calendar;
  private final ServiceClock clock;
  private final EscalationOutcomes outcomes;
  private final TaskService tasks;

  EscalationDetails(EntityManager entities, WorkingDayCalendar calendar, ServiceClock clock,
      EscalationOutcomes outcomes, TaskService tasks) {
    this.entities = entities;
    this.calendar = calendar;
    this.clock = clock;
    this.outcomes = outcomes;
    this.tasks = tasks;
  }

  /** The details of one task, counted now. */
  private record Shown(Certificate certificate, Stage stage, Instant deadline, String lateBy) {

    String field(String name) {
      return switch (name) {
        case REDEMPTION_CODE -> certificate.redemptionCode();
        case LEARNER_NAME -> certificate.learnerName();
        case PLATFORM_NAME -> certificate.platform().displayName();
        case STAGE_NAME -> stage.operatorLabel();
        case DEADLINE -> inWib(deadline);
        case LATE_BY -> lateBy;
        default -> throw new IllegalArgumentException("No escalation detail " + name);
      };
    }
  }

  /** The task's description, on its creation and on every assignment. */
  public void describe(DelegateTask task) {
    if (TaskListener.EVENTNAME_ASSIGNMENT.equals(task.getEventName())) {
      // a task migrated from version 2 kept the fields that version stored; counted afresh now
      task.getExecution().removeVariablesLocal(FIELDS);
    }
    describe(task, shown(task.getExecution(), task.getDueDate()));
  }

  private void describe(DelegateTask task, Shown shown) {
    Certificate certificate = shown.certificate();
    StringBuilder description = new StringBuilder()
        .append(certificate.redemptionCode()).append(" (certificate ").append(certificate.id())
        .append(") · ").append(certificate.learnerName()).append(" · ")
        .append(shown.field(PLATFORM_NAME)).append(" · ").append(shown.field(STAGE_NAME))
        .append(", due ").append(shown.field(DEADLINE)).append(" · late: ").append(shown.lateBy());
    outcomes.last(certificate.id()).ifPresent(last -> description.append(" · last decision: ")
        .append(last.outcome()).append(last.decidedBy() == null ? "" : " by " + last.decidedBy())
        .append(", ").append(inWib(last.decidedAt())));
    task.setDescription(description.toString());
  }

  /**
   * One read-only field of the task's form, as the form is shown (or submitted): the default
   * value of the field, counted now.
   */
  public String field(DelegateExecution execution, String name) {
    return shownOnce(execution).field(name);
  }

  /**
   * The details of the task waiting in this execution, counted once for all the fields of one
   * showing of its form (Camunda asks for each field's default in turn, in one transaction): one
   * look-up of the task and one count of lateness, all fields as of the same moment.
   */
  @SuppressWarnings("unchecked")
  private Shown shownOnce(DelegateExecution execution) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return shown(execution, taskDue(execution));
    }
    Map<String, Shown> shownNow = (Map<String, Shown>) TransactionSynchronizationManager.getResource(this);
    if (shownNow == null) {
      shownNow = new HashMap<>();
      TransactionSynchronizationManager.bindResource(this, shownNow);
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          TransactionSynchronizationManager.unbindResourceIfPossible(EscalationDetails.this);
        }
      });
    }
    return shownNow.computeIfAbsent(execution.getId(), id -> shown(execution, taskDue(execution)));
  }

  /** The due date of the task waiting in this execution, if it has one. */
  private Date taskDue(DelegateExecution execution) {
    return tasks.createTaskQuery().executionId(execution.getId()).list().stream()
        .map(org.camunda.bpm.engine.task.Task::getDueDate).filter(d -> d != null)
        .findFirst().orElse(null);
  }

  /**
   * The form was submitted: Camunda wrote each read-only field's default value as a variable
   * ({@code FormFieldHandler.handleSubmit}), where it was only for showing. Taken away in the same
   * transaction, before anything is written.
   */
  public void submitted(DelegateTask task) {
    task.getExecution().removeVariables(FIELDS);
  }

  /**
   * Versions 1 and 2 of the process: the description, and the form's fields stored as variables
   * local to the escalation's scope. Kept for the tasks of instances still on those versions.
   */
  public void show(DelegateTask task) {
    Shown shown = shown(task.getExecution(), task.getDueDate());
    DelegateExecution scope = task.getExecution();
    for (String field : FIELDS) {
      scope.setVariableLocal(field, shown.field(field));
    }
    describe(task, shown);
  }

  private Shown shown(DelegateExecution execution, Date taskDue) {
    UUID id = UUID.fromString((String) execution.getVariable(CertificateProcess.VAR_CERTIFICATE_ID));
    // from the transaction's persistence context: a chase's timer job loads it once, for this and
    // for the learner's news that the stage is late (LateStages), and a change the process made to
    // it earlier in the transaction (a rejection) is there already
    Certificate certificate = entities.find(Certificate.class, id);
    if (certificate == null) {
      throw new IllegalStateException("No certificate " + id + " for process "
          + execution.getProcessInstanceId());
    }
    Stage stage = certificate.currentStage();
    // the task's own due date where it has one (a chase: the stage's deadline; learner support:
    // the learner's), else the deadline of the stage the certificate waits in
    Instant deadline = taskDue != null ? taskDue.toInstant() : certificate.stage(stage).dueAt();
    return new Shown(certificate, stage, deadline, lateBy(deadline, clock.now()));
  }

  /**
   * "2 working days (2 d 0 h 30 min by the clock, as of …)": whole working days past the deadline
   * by the one notion of lateness, the wall time beside it, and when it was counted.
   */
  String lateBy(Instant deadline, Instant now) {
    String asOf = "as of " + inWib(now);
    Lateness late = deadline == null ? Lateness.NONE : calendar.lateness(deadline, now);
    if (!late.isLate()) {
      return late.inWorkingDays() + " (" + asOf + ")";
    }
    return late.inWorkingDays() + " (" + late.byTheClockInWords() + " by the clock, " + asOf + ")";
  }

  private static String inWib(Instant instant) {
    return instant == null ? "" : WorkingDayCalendar.inJakarta(instant).format(WorkingDayCalendar.WIB_IN_ENGLISH);
  }
}
