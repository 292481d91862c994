package id.sertiflow.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The records a handler's path and query parameters are read into ({@link
 * TypedInput#checkParameters}): the published contract takes each parameter's type, limits,
 * pattern, description and whether it is required from that record's components and their Bean
 * Validation annotations, the same ones that check it, so that no second description of a
 * parameter can drift from the rule that holds it.
 *
 * <p>The handler itself takes its parameters as text: a value of the wrong type is then one more
 * bad field of the problem document, named like every other, instead of Spring's own error.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ParametersOf {

  Class<? extends Record>[] value();
}
