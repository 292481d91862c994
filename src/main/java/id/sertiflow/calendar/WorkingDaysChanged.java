package id.sertiflow.calendar;

import java.time.LocalDate;

/**
 * Published, inside the transaction of the change, when an operator adds, changes or removes a
 * non-working day: deadlines already computed across that date must be counted again.
 */
public record WorkingDaysChanged(LocalDate date) {}
