package id.sertiflow.certificate;

import static id.sertiflow.certificate.CertificateProcess.VAR_ESCALATION_OUTCOME;

import id.sertiflow.api.InputCheck;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidator;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidatorContext;
import org.springframework.stereotype.Component;

/**
 * The "Help learner correct name" form's name field: required when the outcome is to enter the
 * corrected name, and held to the same rule as a correction through the API. Referenced from the
 * form as {@code <camunda:constraint name="validator" config="${correctedNameField}"/>}.
 */
@Component("correctedNameField")
class CorrectedNameField implements FormFieldValidator {

  @Override
  public boolean validate(Object submittedValue, FormFieldValidatorContext context) {
    Object outcome = context.getSubmittedValues().get(VAR_ESCALATION_OUTCOME);
    if (!EscalationOutcome.CORRECT_NAME.name().equals(outcome)) {
      return true;
    }
    InputCheck in = new InputCheck();
    in.text(CertificateProcess.VAR_CORRECTED_NAME,
        submittedValue instanceof String name ? name : null, LearnerNames.MAX_LENGTH);
    return !in.hasProblems();
  }
}
