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
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * What an operator sees on an escalation or action task in Tasklist: the certificate, learner,
 * platform, stage, deadline (WIB) and how many working days late, as the task's description and
 * as the read-only fields of its form. A task listener, {@code ${escalationDetails.show(task)}},
 * on creation and on every assignment: lateness grows while a task waits, so it is counted again
 * when an operator claims the task, and says when it was counted.
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

  private final EntityManager entities;
  private final WorkingDayCalendar calendar;
  private final ServiceClock clock;
  private final EscalationOutcomes outcomes;

  EscalationDetails(EntityManager entities,
      WorkingDayCalendar calendar, ServiceClock clock, EscalationOutcomes outcomes) {
    this.entities = entities;
    this.calendar = calendar;
    this.clock = clock;
    this.outcomes = outcomes;
  }

  public void show(DelegateTask task) {
    UUID id = UUID.fromString((String) task.getVariable(CertificateProcess.VAR_CERTIFICATE_ID));
    // from the transaction's persistence context: a chase's timer job loads it once, for this and
    // for the learner's news that the stage is late (LateStages), and a change the process made to
    // it earlier in the transaction (a rejection) is there already
    Certificate certificate = entities.find(Certificate.class, id);
    if (certificate == null) {
      throw new IllegalStateException("No certificate " + id + " for task " + task.getId());
    }
    Instant now = clock.now();
    Stage stage = certificate.currentStage();
    // the task's own due date where it has one (a chase: the stage's deadline; learner support:
    // the learner's), else the deadline of the stage the certificate waits in
    Instant deadline = task.getDueDate() != null ? task.getDueDate().toInstant()
        : certificate.stage(stage).dueAt();
    String lateBy = lateBy(deadline, now);
    String platform = certificate.platform().displayName();

    // the form reads its fields from the task's execution: local to the escalation's scope, so
    // they go with it and never touch the certificate's own variables
    DelegateExecution scope = task.getExecution();
    scope.setVariableLocal(REDEMPTION_CODE, certificate.redemptionCode());
    scope.setVariableLocal(LEARNER_NAME, certificate.learnerName());
    scope.setVariableLocal(PLATFORM_NAME, platform);
    scope.setVariableLocal(STAGE_NAME, stage.operatorLabel());
    scope.setVariableLocal(DEADLINE, inWib(deadline));
    scope.setVariableLocal(LATE_BY, lateBy);

    StringBuilder description = new StringBuilder()
        .append(certificate.redemptionCode()).append(" (certificate ").append(certificate.id())
        .append(") · ").append(certificate.learnerName()).append(" · ").append(platform)
        .append(" · ").append(stage.operatorLabel()).append(", due ").append(inWib(deadline))
        .append(" · late: ").append(lateBy);
    outcomes.last(certificate.id()).ifPresent(last -> description.append(" · last decision: ")
        .append(last.outcome()).append(last.decidedBy() == null ? "" : " by " + last.decidedBy())
        .append(", ").append(inWib(last.decidedAt())));
    task.setDescription(description.toString());
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
