package id.sertiflow.calendar;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.time.OffsetDateTime;

/**
 * A time in the years the calendar counts ({@link CalendarController#FIRST_YEAR} to
 * {@link CalendarController#LAST_YEAR}) as Jakarta counts them: beyond them a count runs off the
 * end of the dates Java and the database hold.
 */
@Constraint(validatedBy = InTheCalendarsYears.Check.class)
@Target({FIELD, PARAMETER})
@Retention(RUNTIME)
@interface InTheCalendarsYears {

  String message() default "must be in the years " + CalendarController.FIRST_YEAR + " to "
      + CalendarController.LAST_YEAR;

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  class Check implements ConstraintValidator<InTheCalendarsYears, OffsetDateTime> {
    @Override
    public boolean isValid(OffsetDateTime at, ConstraintValidatorContext context) {
      if (at == null) {
        return true;
      }
      int year = WorkingDayCalendar.inJakarta(at.toInstant()).getYear();
      return year >= CalendarController.FIRST_YEAR && year <= CalendarController.LAST_YEAR;
    }
  }
}
