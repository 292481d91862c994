package id.sertiflow.migration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The steps between the versions of {@code certificate-reporting}, one bean each, with what the
 * step changed and why its instructions are what they are.
 *
 * <p>No step calls {@code updateEventTriggers()}: the messages and timers stay the same, and a
 * follow-up timer's date is counted from the moment the operator decided, so evaluating the timer
 * again at migration would move it. The jobs keep their due dates.
 */
@Configuration(proxyBeanMethods = false)
class VersionSteps {

  /**
   * Version 1 to 2: version 2 adds "Remind learner to review and rate" at the start of "Await
   * report to platform", before the message catch. No id of version 1 changed, so every wait (each
   * stage's message catch and deadline timer, open escalation and review tasks, follow-up timers,
   * the name correction) moves as it is. An instance already waiting in the stage keeps waiting
   * there; it meets the reminder the next time it enters the stage (a correction, a resend, a
   * calendar change).
   */
  @Bean
  VersionStep reviewReminderAdded() {
    return VersionStep.sameIds("1", "2");
  }

  /**
   * Version 2 to 3: version 3 counts the read-only fields of the escalation and review forms when
   * the form is shown (their default values) instead of storing them as variables of the
   * escalation's scope when the task opens. No id changed. An open task keeps the fields version 2
   * stored and shows them until its next assignment, when they are counted afresh and no longer
   * stored.
   */
  @Bean
  VersionStep formFieldsCountedWhenShown() {
    return VersionStep.sameIds("2", "3");
  }
}
