package id.sertiflow.api;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.regex.Pattern;

/**
 * Text without control characters (C0, DEL or C1: {@code \p{Cc}}, not the ASCII-only
 * {@code \p{Cntrl}}): invisible, and a terminal, a spreadsheet or a platform's export may act on
 * them. A tab may slip into a pasted name and is allowed; free text (a platform's explanation of a
 * rejection) may also break lines. {@code null} is left to {@code @NotNull}/{@code @NotBlank}.
 */
@Documented
@Constraint(validatedBy = NoControlCharacters.Check.class)
@Target({FIELD, METHOD, PARAMETER, ANNOTATION_TYPE, TYPE_USE})
@Retention(RUNTIME)
public @interface NoControlCharacters {

  String message() default "{id.sertiflow.api.NoControlCharacters.message}";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Whether line breaks (CR, LF) are allowed, as in free text. */
  boolean lineBreaks() default false;

  /** The check of {@link NoControlCharacters}. */
  class Check implements ConstraintValidator<NoControlCharacters, CharSequence> {

    private static final Pattern IN_A_LINE = Pattern.compile("[\\p{Cc}&&[^\\t]]");
    private static final Pattern IN_FREE_TEXT = Pattern.compile("[\\p{Cc}&&[^\\t\\n\\r]]");

    private Pattern control = IN_A_LINE;

    @Override
    public void initialize(NoControlCharacters constraint) {
      control = constraint.lineBreaks() ? IN_FREE_TEXT : IN_A_LINE;
    }

    @Override
    public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
      return value == null || !control.matcher(value).find();
    }

    /** Whether {@code text} holds a control character other than a tab. */
    public static boolean holdsControlCharacters(CharSequence text) {
      return text != null && IN_A_LINE.matcher(text).find();
    }
  }
}
