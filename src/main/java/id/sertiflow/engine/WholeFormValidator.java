package id.sertiflow.engine;

import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidator;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidatorContext;

/**
 * A check of a whole submitted form, held on one of its fields as
 * {@code <camunda:constraint name="validator" config="${beanName}"/>}: it sees every submitted
 * value at once, where Camunda's own constraints see a field each and stop at the first refusal.
 * It refuses by throwing; what it throws reaches the submitter.
 *
 * <p>In {@code engine}: a form field validator is Camunda's internal {@code FormFieldValidator};
 * there is no public type for it.
 */
public abstract class WholeFormValidator implements FormFieldValidator {

  /**
   * Checks the form: {@code fieldValue} is the submitted value of the field this is held on (null
   * when left out), {@code submitted} every submitted value, {@code scope} the task or execution.
   */
  protected abstract void check(Object fieldValue, Map<String, Object> submitted,
      VariableScope scope);

  @Override
  public final boolean validate(Object submittedValue, FormFieldValidatorContext context) {
    check(submittedValue, context.getSubmittedValues(), context.getVariableScope());
    return true;
  }
}
