package id.sertiflow.certificate;

import static id.sertiflow.certificate.CertificateProcess.VAR_ESCALATION_OUTCOME;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidator;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidatorContext;
import org.springframework.stereotype.Component;

/**
 * The escalation forms' check of the whole decision when Tasklist submits it, held on the outcome
 * field as {@code <camunda:constraint name="validator" config="${escalationDecisionField}"/>},
 * ahead of the form's other checks. Camunda checks a form field by field, stops at the first
 * refusal, and turns an outcome its enum does not know into a 500; this sees every submitted
 * value, so that the submitter hears of each bad field at once, in the same words as a complete
 * through the engine REST API.
 */
@Component("escalationDecisionField")
class EscalationDecisionField implements FormFieldValidator {

  @Override
  public boolean validate(Object submittedOutcome, FormFieldValidatorContext context) {
    Map<String, Object> values = new HashMap<>(context.getSubmittedValues());
    if (submittedOutcome == null) {
      // as the form's own "required" does: an outcome the task has already counts
      values.put(VAR_ESCALATION_OUTCOME, context.getVariableScope().getVariable(VAR_ESCALATION_OUTCOME));
    }
    EscalationDecision.read(values, context.getVariableScope() instanceof DelegateTask task
        ? EscalationDecision.outcomesOffered(task)
        : Arrays.stream(EscalationOutcome.values()).map(Enum::name).toList());
    return true;
  }
}
