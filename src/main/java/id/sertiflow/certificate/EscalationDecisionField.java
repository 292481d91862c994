package id.sertiflow.certificate;

import static id.sertiflow.certificate.CertificateProcess.VAR_ESCALATION_OUTCOME;

import id.sertiflow.engine.WholeFormValidator;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
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
class EscalationDecisionField extends WholeFormValidator {

  @Override
  protected void check(Object submittedOutcome, Map<String, Object> submitted,
      VariableScope scope) {
    Map<String, Object> values = new HashMap<>(submitted);
    if (submittedOutcome == null) {
      // as the form's own "required" does: an outcome the task has already counts
      values.put(VAR_ESCALATION_OUTCOME, scope.getVariable(VAR_ESCALATION_OUTCOME));
    }
    EscalationDecision.read(values, scope instanceof DelegateTask task
        ? EscalationDecision.outcomesOffered(task)
        : Arrays.stream(EscalationOutcome.values()).map(Enum::name).toList());
  }
}
