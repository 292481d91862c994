package id.sertiflow.certificate;

import static id.sertiflow.certificate.CertificateProcess.VAR_REJECTION_OUTCOME;

import id.sertiflow.engine.WholeFormValidator;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * The rejection reviews' check of their outcome when Tasklist submits the form, held on the
 * outcome field as {@code <camunda:constraint name="validator" config="${rejectionReviewField}"/>}
 * ahead of Camunda's own: Camunda turns a value its enum does not know into a 500, and this answers
 * it as a complete through the engine REST API is answered, 400 naming the field.
 */
@Component("rejectionReviewField")
class RejectionReviewField extends WholeFormValidator {

  @Override
  protected void check(Object submittedOutcome, Map<String, Object> submitted,
      VariableScope scope) {
    Object outcome = submittedOutcome != null ? submittedOutcome
        // as the form's own "required" does: an outcome the task has already counts
        : scope.getVariable(VAR_REJECTION_OUTCOME);
    if (scope instanceof DelegateTask task) {
      EscalationDecision.rejectionOutcome(outcome,
          EscalationDecision.valuesOffered(task, VAR_REJECTION_OUTCOME));
    }
  }
}
