package id.sertiflow.certificate;

import id.sertiflow.calendar.ServiceClock;
import id.sertiflow.calendar.WorkingDayCalendar;
import id.sertiflow.calendar.WorkingDaysChanged;
import id.sertiflow.engine.AsTheService;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstanceModificationBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * When an operator changes the calendar, every certificate whose running deadline counts across
 * the changed date has it counted again, in the same transaction. A waiting stage is entered
 * again so that its timer is set to the new deadline; an escalation opened for a deadline that
 * has now moved closes with the old wait (and opens again if the new deadline has passed too).
 */
@Component
class DeadlinesFollowTheCalendar {

  private static final Logger log = LoggerFactory.getLogger(DeadlinesFollowTheCalendar.class);

  private final Certificates certificates;
  private final WorkingDayCalendar calendar;
  private final ServiceClock clock;
  private final RuntimeService runtime;
  private final StagesInProgress stages;
  private final AsTheService asTheService;

  DeadlinesFollowTheCalendar(Certificates certificates, WorkingDayCalendar calendar,
      ServiceClock clock, RuntimeService runtime, StagesInProgress stages,
      AsTheService asTheService) {
    this.stages = stages;
    this.asTheService = asTheService;
    this.certificates = certificates;
    this.calendar = calendar;
    this.clock = clock;
    this.runtime = runtime;
  }

  @EventListener
  void onWorkingDaysChanged(WorkingDaysChanged change) {
    Instant dayStart = change.date().atStartOfDay(WorkingDayCalendar.JAKARTA).toInstant();
    Instant dayEnd = change.date().plusDays(1).atStartOfDay(WorkingDayCalendar.JAKARTA).toInstant();
    int moved = 0;
    for (UUID id : stages.countingAcross(dayStart, dayEnd)) {
      Certificate certificate = certificates.lockById(id).orElseThrow();
      Stage stage = certificate.currentStage();
      if (certificate.recountDeadlines(clock.now(), calendar)) {
        moved++;
        if (certificate.state() == CertificateState.IN_PROGRESS) {
          // a calendar-admin may move the calendar, not process instances: the service does
          asTheService.run(() -> rearmTimer(certificate, stage));
        }
      }
    }
    log.info("Calendar changed on {}: {} running deadline(s) moved", change.date(), moved);
  }

  private void rearmTimer(Certificate certificate, Stage stage) {
    ProcessInstance instance = runtime.createProcessInstanceQuery()
        .processInstanceBusinessKey(certificate.redemptionCode())
        .processDefinitionKey(CertificateProcess.KEY).singleResult();
    if (instance == null) {
      return;
    }
    String scope = stage.waiting().scope();
    ActivityInstance[] waiting = runtime.getActivityInstance(instance.getId())
        .getActivityInstances(scope);
    if (waiting.length == 0) {
      return;
    }
    runtime.setVariable(instance.getId(), stage.waiting().dueAtVariable(),
        Date.from(certificate.stage(stage).dueAt()));
    // entering the wait again creates its timer from the new deadline; leaving the old one
    // removes its timer and any escalation task it opened
    ProcessInstanceModificationBuilder modification =
        runtime.createProcessInstanceModification(instance.getId()).startBeforeActivity(scope);
    for (ActivityInstance old : waiting) {
      modification = modification.cancelActivityInstance(old.getId());
    }
    modification.execute();
  }
}
