package id.sertiflow.certificate;

import static id.sertiflow.certificate.CertificateProcess.VAR_CORRECTED_NAME;
import static id.sertiflow.certificate.CertificateProcess.VAR_ESCALATION_OUTCOME;
import static id.sertiflow.certificate.CertificateProcess.VAR_FOLLOW_UP_WORKING_DAYS;
import static id.sertiflow.certificate.CertificateProcess.VAR_REJECTION_OUTCOME;

import id.sertiflow.api.ApiProblem.FieldProblem;
import java.util.ArrayList;
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
    List<FieldProblem> problems = new ArrayList<>();
    String outcome = outcome(problems, VAR_ESCALATION_OUTCOME, values.get(VAR_ESCALATION_OUTCOME),
        offered);
    Integer followUp = followUpWorkingDays(problems, values.get(VAR_FOLLOW_UP_WORKING_DAYS));
    String correctedName = EscalationOutcome.CORRECT_NAME.name().equals(outcome)
        ? correctedName(problems, values.get(VAR_CORRECTED_NAME))
        : null;
    refuseIfBad(problems);
    return new EscalationDecision(EscalationOutcome.valueOf(outcome), followUp, correctedName);
  }

  /**
   * The follow-up as the follow-up timer reads it, checked again there: a process modification in
   * Cockpit reaches the timer without passing the task.
   */
  static int followUpWorkingDays(Object value) {
    List<FieldProblem> problems = new ArrayList<>();
    Integer days = followUpWorkingDays(problems, value);
    refuseIfBad(problems);
    return days;
  }

  /** The corrected name as "Correct learner name" reads it, checked again there for the same reason. */
  static String correctedName(Object value) {
    List<FieldProblem> problems = new ArrayList<>();
    String name = correctedName(problems, value);
    refuseIfBad(problems);
    return name;
  }

  /**
   * An operator's outcome of a rejection review as the review's form offers it ({@code
   * rejectionOutcome}), or refused: the gateway after the review knows no other, and an unknown
   * one would end in the engine's 500 instead of the operator's 400.
   */
  static String rejectionOutcome(Object value, List<String> offered) {
    List<FieldProblem> problems = new ArrayList<>();
    String outcome = outcome(problems, VAR_REJECTION_OUTCOME, value, offered);
    refuseIfBad(problems);
    return outcome;
  }

  private static void refuseIfBad(List<FieldProblem> problems) {
    if (!problems.isEmpty()) {
      throw new EscalationDecisionRefused(problems);
    }
  }

  /** One of the outcomes offered in the form's {@code field}, named in the problem in their order. */
  private static String outcome(List<FieldProblem> problems, String field, Object value,
      List<String> offered) {
    if (value == null) {
      problems.add(new FieldProblem(field, "is required"));
      return null;
    }
    if (!(value instanceof String text) || !offered.contains(text)) {
      problems.add(new FieldProblem(field,
          "must be one of " + String.join(", ", offered)));
      return null;
    }
    return text;
  }

  /**
   * An integral {@link Number} of any width in the form's range; absent is the form's default.
   * Text and fractions are refused, as the engine's forms refuse them.
   */
  private static Integer followUpWorkingDays(List<FieldProblem> problems, Object value) {
    if (value == null) {
      return FOLLOW_UP_DEFAULT_WORKING_DAYS;
    }
    if ((value instanceof Long || value instanceof Integer || value instanceof Short
        || value instanceof Byte) && ((Number) value).longValue() >= FOLLOW_UP_MIN_WORKING_DAYS
        && ((Number) value).longValue() <= FOLLOW_UP_MAX_WORKING_DAYS) {
      return ((Number) value).intValue();
    }
    problems.add(new FieldProblem(VAR_FOLLOW_UP_WORKING_DAYS, "must be a whole number from "
        + FOLLOW_UP_MIN_WORKING_DAYS + " to " + FOLLOW_UP_MAX_WORKING_DAYS));
    return null;
  }

  /** The corrected name, held to the rule of every learner's name ({@link LearnerNames}). */
  private static String correctedName(List<FieldProblem> problems, Object value) {
    String problem = LearnerNames.problemWith(value);
    if (problem != null) {
      problems.add(new FieldProblem(VAR_CORRECTED_NAME, problem));
      return null;
    }
    return (String) value;
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
