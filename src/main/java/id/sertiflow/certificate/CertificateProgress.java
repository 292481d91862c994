package id.sertiflow.certificate;

import static id.sertiflow.certificate.CertificateProcess.*;

import id.sertiflow.calendar.ServiceClock;
import id.sertiflow.calendar.WorkingDayCalendar;
import id.sertiflow.engine.AsTheService;
import id.sertiflow.metrics.ServiceMetrics;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Writes every stage change of a certificate's process into the read model, in the engine's own
 * transaction, and hands each waiting stage its deadline. Called from the BPMN's listeners and
 * delegates as {@code ${certificateProgress...}}.
 */
@Component("certificateProgress")
public class CertificateProgress {

  private final EntityManager entities;
  private final WorkingDayCalendar calendar;
  private final ServiceClock clock;
  private final ApplicationEventPublisher events;
  private final EscalationOutcomes outcomes;
  private final AsTheService service;
  private final ServiceMetrics metrics;

  CertificateProgress(EntityManager entities, WorkingDayCalendar calendar, ServiceClock clock,
      ApplicationEventPublisher events, EscalationOutcomes outcomes, AsTheService service,
      ServiceMetrics metrics) {
    this.service = service;
    this.metrics = metrics;
    this.entities = entities;
    this.calendar = calendar;
    this.clock = clock;
    this.events = events;
    this.outcomes = outcomes;
  }

  /**
   * The names match: the report to the platform is due one working day after {@code since}. On a
   * reopening (after a correction or a review) events that waited in the inbox may apply now; a
   * certificate checked for the first time cannot have any, as it was not visible before.
   */
  public void reportingOpened(DelegateExecution execution, Instant since, boolean reopened) {
    Certificate certificate = certificateOf(execution);
    certificate.openReporting(since, clock.now(), calendar);
    setDueAt(execution, certificate, Stage.REPORTED_TO_PLATFORM);
    if (reopened) {
      events.publishEvent(new ReportingOpened(certificate.id()));
    }
  }

  /** The names differ: the learner has {@value CertificateProcess#NAME_CORRECTION_WORKING_DAYS} working days to fix it. */
  public void nameMismatch(DelegateExecution execution) {
    Certificate certificate = certificateOf(execution);
    Instant now = clock.now();
    certificate.awaitNameCorrection(now, calendar);
    events.publishEvent(LearnerNews.nameMismatch(certificate));
    execution.setVariable(VAR_NAME_CORRECTION_DUE_AT,
        Date.from(calendar.addWorkingDays(now, NAME_CORRECTION_WORKING_DAYS)));
  }

  /**
   * "Remind learner to review and rate", as the report to the platform is awaited: a learner who
   * has not reviewed and rated the class is reminded once ({@link ReviewReminderDue}); the report
   * does not wait for it. Version 2 of the process; instances migrated from version 1 meet it the
   * next time they reach this stage.
   */
  public void remindToReview(DelegateExecution execution) {
    Certificate certificate = certificateOf(execution);
    if (certificate.reviewSubmitted()
        || entities.find(ReviewReminder.class, certificate.id()) != null) {
      return;
    }
    entities.persist(new ReviewReminder(certificate.id(), clock.now()));
    events.publishEvent(new ReviewReminderDue(certificate.id()));
  }

  /** A stage's awaited event arrived; its time is the event's own when the message carried one. */
  public void stageDone(DelegateExecution execution, String stageKey) {
    if (execution.isCanceled()) {
      return; // the wait was interrupted (a rejection), not answered: the stage is not done
    }
    Stage stage = Stage.valueOf(stageKey);
    Certificate certificate = certificateOf(execution);
    Instant now = clock.now();
    Instant at = eventTime(execution, now);
    // a stage never finishes before the one it follows: platform clocks drift
    Instant previousDone = certificate.stage(Stage.IN_ORDER.get(stage.ordinal() - 1)).completedAt();
    if (previousDone != null && at.isBefore(previousDone)) {
      at = previousDone;
    }
    StageProgress waited = certificate.stage(stage);
    if (waited != null && waited.status() == StageStatus.IN_PROGRESS && waited.startedAt() != null) {
      // a stage an event implied (done before it was waited for) has no start, and no duration
      metrics.stageCompleted(stage.name(), certificate.platform(),
          Duration.between(waited.startedAt(), at));
    }
    certificate.stageDone(stage, at, now, calendar);
    stage.later().stream().findFirst().ifPresent(next -> setDueAt(execution, certificate, next));
    if (certificate.state() == CertificateState.VERIFIED) {
      events.publishEvent(LearnerNews.verified(certificate));
    }
  }

  public void rejectedByPmo(DelegateExecution execution) {
    Certificate certificate = certificateOf(execution);
    boolean forName = ActionReason.NAME_MISMATCH.name()
        .equals(execution.getVariable(VAR_PMO_REJECTION_REASON));
    Instant now = clock.now();
    certificate.rejectedByPmo(forName, now);
    Object detail = execution.getVariable(VAR_PMO_REJECTION_DETAIL);
    events.publishEvent(LearnerNews.pmoRejected(certificate,
        (String) execution.getVariable(VAR_PMO_REJECTION_REASON),
        detail instanceof String text ? text : null));
    if (forName) {
      execution.setVariable(VAR_NAME_CORRECTION_DUE_AT,
          Date.from(calendar.addWorkingDays(now, NAME_CORRECTION_WORKING_DAYS)));
    }
  }

  /** The platform turned the report down: an operator decides between resending and closing. */
  public void rejectedByPlatform(DelegateExecution execution) {
    certificateOf(execution).rejectedByPlatform(clock.now());
  }

  public void closedUnverified(DelegateExecution execution) {
    certificateOf(execution).closedUnverified(clock.now());
  }

  /**
   * An operator completed an escalation task: the decision is recorded with who made it. What it
   * does to the certificate follows in the process (a close, a resend, a follow-up wait). A
   * decision outside the form's limits is refused first, whichever door completed the task, and
   * the refusal undoes the completion: nothing is recorded, the task stays open.
   */
  public void escalationWorked(DelegateTask task) {
    EscalationDecision decision = EscalationDecision.of(task);
    String operator = service.callerName();
    String decidedBy = operator != null ? operator : task.getAssignee();
    outcomes.record(certificateOf(task.getExecution()).id(), task.getTaskDefinitionKey(),
        decision.outcome(), decidedBy, clock.now());
  }

  /**
   * An operator completed a review of a PMO's or a platform's rejection: its outcome is one the
   * review's form offers, or the completion is refused with a 400 and undone, whichever door
   * completed the task.
   */
  public void rejectionReviewed(DelegateTask task) {
    EscalationDecision.rejectionOutcome(task.getVariable(VAR_REJECTION_OUTCOME),
        EscalationDecision.valuesOffered(task, VAR_REJECTION_OUTCOME));
  }

  /**
   * When a kept-waiting escalation opens again: the operator's number of working days from now
   * (the form's default when it was left out), counted by the one working-day rule.
   */
  public Date followUpDueAt(DelegateExecution execution) {
    int workingDays = EscalationDecision.followUpWorkingDays(
        execution.getVariable(VAR_FOLLOW_UP_WORKING_DAYS));
    return Date.from(calendar.addWorkingDays(clock.now(), workingDays));
  }

  /** Learner support entered the learner's name; it is checked again as the learner's own would be. */
  public void nameCorrectedBySupport(DelegateExecution execution) {
    certificateOf(execution).correctLearnerName(
        EscalationDecision.correctedName(execution.getVariable(VAR_CORRECTED_NAME)), clock.now());
  }

  /** The learner's data is being erased: the certificate closes where it stands. */
  public void dataErased(DelegateExecution execution) {
    certificateOf(execution).closedByErasure(clock.now());
  }

  /** An operator closed the certificate as failed on an escalation task. */
  public void closedAsFailed(DelegateExecution execution) {
    certificateOf(execution).closedAsFailed(clock.now());
  }

  /**
   * The certificate of the process, from the transaction's persistence context where it is there
   * already (intake's chunk, a callback chunk): straight from the entity manager, as the
   * repository's proxy cost intake a tenth of its time for what is a map look-up.
   */
  Certificate certificateOf(DelegateExecution execution) {
    UUID id = UUID.fromString((String) execution.getVariable(VAR_CERTIFICATE_ID));
    Certificate certificate = entities.find(Certificate.class, id);
    if (certificate == null) {
      throw new IllegalStateException("No certificate " + id + " for process "
          + execution.getProcessInstanceId());
    }
    return certificate;
  }

  private void setDueAt(DelegateExecution execution, Certificate certificate, Stage stage) {
    execution.setVariable(stage.waiting().dueAtVariable(), Date.from(certificate.stage(stage).dueAt()));
  }

  /** The event's time, taken once: the next message brings its own. */
  private static Instant eventTime(DelegateExecution execution, Instant fallback) {
    Object at = execution.getVariable(VAR_EVENT_OCCURRED_AT);
    execution.removeVariable(VAR_EVENT_OCCURRED_AT);
    return at instanceof Date date ? date.toInstant() : fallback;
  }
}
