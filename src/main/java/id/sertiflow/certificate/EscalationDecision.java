package id.sertiflow.certificate;

import static id.sertiflow.certificate.CertificateProcess.VAR_CORRECTED_NAME;
import static id.sertiflow.certificate.CertificateProcess.VAR_ESCALATION_OUTCOME;
import static id.sertiflow.certificate.CertificateProcess.VAR_FOLLOW_UP_WORKING_DAYS;
import static id.sertiflow.certificate.CertificateProcess.VAR_REJECTION_OUTCOME;

import id.sertiflow.api.InputCheck;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFormData;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFormField;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaValue;

/**
 * What an operator decided on an escalation task, as the process goes on to read it: an outcome
 * the task's form offers; after how many working days a kept-waiting escalation opens again,
 * {@value #FOLLOW_UP_MIN_WORKING_DAYS} to {@value #FOLLOW_UP_MAX_WORKING_DAYS}; and, to enter the
 * corrected name, a name held to the rule of a correction through the API. The one place that
 * knows these limits.
 *
 * <p>Tasklist's form states them too, but Camunda checks a form only when it is submitted; the
 * engine REST API's complete, a resolve of a delegated task or a variable set on its own reach the
 * process without it. So the form's check ({@link EscalationDecisionField}) and the task's complete
 * listener ({@link CertificateProgress#escalationWorked}) both read the decision here, and a bad
 * one is refused as {@link EscalationDecisionRefused}, naming every bad field at once.
 *
 * @param followUpWorkingDays the form's default, {@value #FOLLOW_UP_DEFAULT_WORKING_DAYS}, when the
 *     decision leaves it out
 * @param correctedName only for {@link EscalationOutcome#CORRECT_NAME}; else {@code null}
 */
record EscalationDecision(EscalationOutcome outcome, int followUpWorkingDays, String correctedName) {

  /** The form's {@code min} and {@code max} of {@code followUpWorkingDays}; tests hold the forms to them. */
  static final int FOLLOW_UP_MIN_WORKING_DAYS = 1;
  static final int FOLLOW_UP_MAX_WORKING_DAYS = 20;
  /** The form's default value of {@code followUpWorkingDays}. */
  static final int FOLLOW_UP_DEFAULT_WORKING_DAYS = 1;

  /** The decision as it stands on the task when the operator completes it, or refused. */
  static EscalationDecision of(DelegateTask task) {
    Map<String, Object> values = new java.util.HashMap<>();
    for (String name : List.of(VAR_ESCALATION_OUTCOME, VAR_FOLLOW_UP_WORKING_DAYS, VAR_CORRECTED_NAME)) {
      values.put(name, task.getVariable(name));
    }
    return read(values, outcomesOffered(task));
  }

  /**
   * The decision in {@code values} (variable name to value; absent as {@code null}), or refused
   * naming every bad field.
   */
  static EscalationDecision read(Map<String, ?> values, List<String> offered) {
    InputCheck in = new InputCheck();
    String outcome = in.oneOf(VAR_ESCALATION_OUTCOME, values.get(VAR_ESCALATION_OUTCOME), offered);
    Integer followUp = followUpWorkingDays(in, values.get(VAR_FOLLOW_UP_WORKING_DAYS));
    String correctedName = EscalationOutcome.CORRECT_NAME.name().equals(outcome)
        ? LearnerNames.read(in, VAR_CORRECTED_NAME, values.get(VAR_CORRECTED_NAME))
        : null;
    refuseIfBad(in);
    return new EscalationDecision(EscalationOutcome.valueOf(outcome), followUp, correctedName);
  }

  /**
   * The follow-up as the follow-up timer reads it, checked again there: a process modification in
   * Cockpit reaches the timer without passing the task.
   */
  static int followUpWorkingDays(Object value) {
    InputCheck in = new InputCheck();
    Integer days = followUpWorkingDays(in, value);
    refuseIfBad(in);
    return days;
  }

  /** The corrected name as "Correct learner name" reads it, checked again there for the same reason. */
  static String correctedName(Object value) {
    InputCheck in = new InputCheck();
    String name = LearnerNames.read(in, VAR_CORRECTED_NAME, value);
    refuseIfBad(in);
    return name;
  }

  /**
   * An operator's outcome of a rejection review as the review's form offers it ({@code
   * rejectionOutcome}), or refused: the gateway after the review knows no other, and an unknown
   * one would end in the engine's 500 instead of the operator's 400.
   */
  static String rejectionOutcome(Object value, List<String> offered) {
    InputCheck in = new InputCheck();
    String outcome = in.oneOf(VAR_REJECTION_OUTCOME, value, offered);
    refuseIfBad(in);
    return outcome;
  }

  private static void refuseIfBad(InputCheck in) {
    if (in.hasProblems()) {
      throw new EscalationDecisionRefused(in.problems());
    }
  }

  private static Integer followUpWorkingDays(InputCheck in, Object value) {
    return in.wholeNumberValue(VAR_FOLLOW_UP_WORKING_DAYS, value, FOLLOW_UP_DEFAULT_WORKING_DAYS,
        FOLLOW_UP_MIN_WORKING_DAYS, FOLLOW_UP_MAX_WORKING_DAYS);
  }

  /**
   * The outcomes the task's form offers (its {@code escalationOutcome} enum, read from the deployed
   * model that the engine keeps in its cache), in the form's order: resending is no answer to a
   * name that needs correcting. Every outcome when a task has no such field.
   */
  static List<String> outcomesOffered(DelegateTask task) {
    Set<String> known = Arrays.stream(EscalationOutcome.values()).map(Enum::name)
        .collect(Collectors.toSet());
    List<String> offered = valuesOffered(task, VAR_ESCALATION_OUTCOME);
    return offered.isEmpty() ? Arrays.stream(EscalationOutcome.values()).map(Enum::name).toList()
        : offered.stream().filter(known::contains).toList();
  }

  /**
   * The values the task's form offers in its enum field {@code field}, in the form's order, from
   * the deployed model the engine keeps in its cache; none when the form has no such field.
   */
  static List<String> valuesOffered(DelegateTask task, String field) {
    UserTask userTask = task.getBpmnModelElementInstance();
    if (userTask != null && userTask.getExtensionElements() != null) {
      for (CamundaFormData form : userTask.getExtensionElements().getChildElementsByType(CamundaFormData.class)) {
        for (CamundaFormField formField : form.getCamundaFormFields()) {
          if (field.equals(formField.getCamundaId())) {
            return formField.getCamundaValues().stream().map(CamundaValue::getCamundaId).toList();
          }
        }
      }
    }
    return List.of();
  }

}
