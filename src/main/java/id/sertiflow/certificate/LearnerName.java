package id.sertiflow.certificate;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A learner's name as SertiFlow takes it ({@link LearnerNames#problemWith}): the rule of the
 * certificate, held by each request that carries a name. Required. Composed of the length limit
 * ({@link Size}, in the same words as {@link LearnerNames#problemWith}) so that the published
 * contract shows the limit a client must keep.
 */
@Documented
@Constraint(validatedBy = LearnerName.Check.class)
@Size(max = LearnerNames.MAX_LENGTH, message = LearnerNames.TOO_LONG)
@Target({FIELD, METHOD, PARAMETER})
@Retention(RUNTIME)
public @interface LearnerName {

  String message() default "is not a learner's name";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** The check of {@link LearnerName}, in the words of {@link LearnerNames#problemWith}. */
  class Check implements ConstraintValidator<LearnerName, String> {

    @Override
    public boolean isValid(String name, ConstraintValidatorContext context) {
      String problem = LearnerNames.problemWith(name);
      if (problem == null) {
        return true;
      }
      context.disableDefaultConstraintViolation();
      context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
      return false;
    }
  }
}
