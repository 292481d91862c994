package id.sertiflow.certificate;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A stage missed its deadline when its chase task opens: the deadline timer of the stage's
 * sub-process opened it. Told as {@link LearnerNews.Kind#STAGE_LATE}, in the timer's transaction.
 * Camunda's Spring eventing hands every task event to Spring as it happens; the task that opens
 * again after an operator kept waiting names the same deadline, so it is the same news.
 */
@Component
class LateStages {

  private final CertificateProgress progress;
  private final ApplicationEventPublisher events;

  LateStages(CertificateProgress progress, ApplicationEventPublisher events) {
    this.progress = progress;
    this.events = events;
  }

  @EventListener(condition = "#task.eventName == '" + TaskListener.EVENTNAME_CREATE + "'")
  void chaseOpened(DelegateTask task) {
    Stage.chasedBy(task.getTaskDefinitionKey()).ifPresent(stage -> {
      Certificate certificate = progress.certificateOf(task.getExecution());
      if (certificate.currentStage() == stage) {
        events.publishEvent(LearnerNews.stageLate(certificate, stage));
      }
    });
  }
}
