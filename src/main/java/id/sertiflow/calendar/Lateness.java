package id.sertiflow.calendar;

import java.time.Duration;

/**
 * How late something is past its deadline, by the one notion of lateness: whole working days
 * ({@link WorkingDayCalendar#lateness}), with the wall time beside it for those who want the
 * hours. Not late at all is zero of both.
 */
public record Lateness(int workingDays, Duration byTheClock) {

  public static final Lateness NONE = new Lateness(0, Duration.ZERO);

  /** Past the deadline, if only by a second. */
  public boolean isLate() {
    return !byTheClock.isZero() && !byTheClock.isNegative();
  }

  /** "1 working day", "3 working days", "less than 1 working day", "not late". */
  public String inWorkingDays() {
    if (!isLate()) {
      return "not late";
    }
    return switch (workingDays) {
      case 0 -> "less than 1 working day";
      case 1 -> "1 working day";
      default -> workingDays + " working days";
    };
  }

  /** The wall time past the deadline as operators read it: "2 d 0 h 30 min", "5 h 10 min". */
  public String byTheClockInWords() {
    long days = byTheClock.toDays();
    String hoursAndMinutes = byTheClock.toHoursPart() + " h " + byTheClock.toMinutesPart() + " min";
    return days > 0 ? days + " d " + hoursAndMinutes : hoursAndMinutes;
  }
}
