package id.sertiflow.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.springframework.stereotype.Component;

/**
 * The one place that knows what an Indonesian working day is and how deadlines count them: a
 * date in Asia/Jakarta, Monday to Friday, that is neither a national holiday nor collective leave.
 * The dates come from the {@code holiday} table, read afresh in every transaction so that every
 * node sees an operator's change at once, plus the fixed-date national holidays, which hold in
 * every year.
 */
@Component
public class WorkingDayCalendar {

  public static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");

  /**
   * The most working days one count may step: some 15 years of Indonesian working days (about 240
   * a year), ten times the longest deadline SertiFlow computes or is asked for (a year, the
   * calendar API's limit), and still counted in milliseconds with a single read of the holiday
   * table. A count beyond it is a mistake or an attack, not a deadline: refused before the loop,
   * which steps a day at a time and would otherwise hold its thread for as long as it runs.
   */
  public static final int MAX_WORKING_DAYS = 3_660;

  private final CalendarTable table;

  WorkingDayCalendar(CalendarTable table) {
    this.table = table;
  }

  /** "30 Nov 2026, 15:30 WIB": a Jakarta time as operators and English readers are shown it. */
  public static final DateTimeFormatter WIB_IN_ENGLISH =
      DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'WIB'", Locale.ENGLISH);
  /** "30 Nov 2026, 15.30 WIB": the Indonesian way of writing a time is with a dot. */
  public static final DateTimeFormatter WIB_IN_BAHASA =
      DateTimeFormatter.ofPattern("d MMM yyyy, HH.mm 'WIB'", Locale.forLanguageTag("id"));

  public static OffsetDateTime inJakarta(Instant instant) {
    return instant == null ? null : instant.atZone(JAKARTA).toOffsetDateTime();
  }

  public boolean isWorkingDay(LocalDate date) {
    return !isWeekend(date) && !Holiday.isFixedDate(date) && !table.hasHoliday(date);
  }

  /**
   * {@code workingDays} working days after {@code from}: from a working day, the same time of day
   * that many working days later; from any other day, counted from 00:00 of the next working day
   * (so 0 gives that midnight).
   *
   * @throws IllegalArgumentException when {@code workingDays} is negative or above {@link
   *     #MAX_WORKING_DAYS}
   */
  public Instant addWorkingDays(Instant from, int workingDays) {
    if (workingDays < 0 || workingDays > MAX_WORKING_DAYS) {
      throw new IllegalArgumentException("workingDays must be from 0 to " + MAX_WORKING_DAYS
          + ": " + workingDays);
    }
    LocalDate first = from.atZone(JAKARTA).toLocalDate();
    NonWorkingDays days = new NonWorkingDays(first, workingDays);
    LocalDateTime counted = countingStart(from, days);
    LocalDate day = counted.toLocalDate();
    for (int i = 0; i < workingDays; i++) {
      day = days.nextWorkingDayAfter(day);
    }
    return day.atTime(counted.toLocalTime()).atZone(JAKARTA).toInstant();
  }

  /**
   * How many whole working days {@code to} is past {@code from}: the largest n for which
   * {@link #addWorkingDays addWorkingDays(from, n)} is not after {@code to}, so that lateness and
   * deadlines count by the one rule; 0 while less than one working day has passed (or none).
   */
  public int workingDaysBetween(Instant from, Instant to) {
    if (!to.isAfter(from)) {
      return 0;
    }
    LocalDate first = from.atZone(JAKARTA).toLocalDate();
    long calendarDays = ChronoUnit.DAYS.between(first, to.atZone(JAKARTA).toLocalDate());
    NonWorkingDays days = new NonWorkingDays(first, (int) Math.min(calendarDays, 3660));
    LocalDateTime counted = countingStart(from, days);
    LocalDate day = counted.toLocalDate();
    int passed = 0;
    while (true) {
      LocalDate next = days.nextWorkingDayAfter(day);
      if (next.atTime(counted.toLocalTime()).atZone(JAKARTA).toInstant().isAfter(to)) {
        return passed;
      }
      day = next;
      passed++;
    }
  }

  /**
   * When {@code share} of the working time from {@code from} to {@code addWorkingDays(from,
   * workingDays)} has passed. Working time runs through the whole of each working day and stands
   * still on the others, so that a one-day stage started on Friday afternoon is three quarters
   * spent on Monday morning, not on Sunday night: the at-risk moment counts by the same rule as
   * the deadline and the lateness after it.
   */
  public Instant afterShareOf(Instant from, int workingDays, double share) {
    if (share < 0 || share > 1) {
      throw new IllegalArgumentException("share must be from 0 to 1: " + share);
    }
    Duration workingTime = Duration.ofMillis((long) (Duration.ofDays(workingDays).toMillis() * share));
    int wholeDays = (int) workingTime.toDays();
    Duration rest = workingTime.minusDays(wholeDays);
    // on a working day (or at 00:00 of one, when counting starts on another day)
    LocalDateTime at = LocalDateTime.ofInstant(addWorkingDays(from, wholeDays), JAKARTA);
    LocalDateTime midnight = at.toLocalDate().plusDays(1).atStartOfDay();
    if (at.plus(rest).isBefore(midnight)) {
      return at.plus(rest).atZone(JAKARTA).toInstant();
    }
    // what is left of the rest runs on from 00:00 of the next working day
    Duration leftAfterMidnight = rest.minus(Duration.between(at, midnight));
    Instant nextWorkingDay = addWorkingDays(midnight.atZone(JAKARTA).toInstant(), 0);
    return nextWorkingDay.plus(leftAfterMidnight);
  }

  /**
   * How late {@code now} is past {@code deadline}: whole working days by {@link
   * #workingDaysBetween}, the same rule as every deadline, and the wall time to the second.
   * Every place that shows lateness (the escalation list, Tasklist, the status page) asks this.
   */
  public Lateness lateness(Instant deadline, Instant now) {
    if (!now.isAfter(deadline)) {
      return Lateness.NONE;
    }
    return new Lateness(workingDaysBetween(deadline, now),
        Duration.between(deadline, now).truncatedTo(ChronoUnit.SECONDS));
  }

  /** Where counting starts: {@code from} itself on a working day, else 00:00 of the next one. */
  private static LocalDateTime countingStart(Instant from, NonWorkingDays days) {
    LocalDateTime start = LocalDateTime.ofInstant(from, JAKARTA);
    if (days.isWorkingDay(start.toLocalDate())) {
      return start;
    }
    return days.nextWorkingDayAfter(start.toLocalDate()).atStartOfDay();
  }

  /**
   * Whether the year's decree is not loaded, so that only weekends and the fixed-date national
   * holidays are known in it and a deadline there may yet move.
   */
  public boolean isProvisional(int year) {
    return !provisionalYears(year, year).isEmpty();
  }

  /** The provisional years from {@code first} to {@code last}, both included, in order. */
  SortedSet<Integer> provisionalYears(int first, int last) {
    Set<Integer> decreed = table.decreedYearsBetween(first, last);
    return IntStream.rangeClosed(first, last).filter(year -> !decreed.contains(year))
        .collect(TreeSet::new, TreeSet::add, TreeSet::addAll);
  }

  private static boolean isWeekend(LocalDate date) {
    return date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
  }

  /**
   * The stored holidays of one computation, read a window at a time: the first window is wide
   * enough for the usual count, so a deadline usually costs one query.
   */
  private final class NonWorkingDays {
    private final int windowDays;
    private final Set<LocalDate> holidays = new HashSet<>();
    private LocalDate readUpTo;

    NonWorkingDays(LocalDate first, int workingDays) {
      // weekends take 2 of 7 days and holidays rarely more than 3 in a month
      this.windowDays = workingDays * 3 / 2 + 31;
      this.readUpTo = first.minusDays(1);
    }

    boolean isWorkingDay(LocalDate date) {
      if (isWeekend(date) || Holiday.isFixedDate(date)) {
        return false;
      }
      while (date.isAfter(readUpTo)) {
        LocalDate next = readUpTo.plusDays(1);
        readUpTo = readUpTo.plusDays(windowDays);
        holidays.addAll(table.holidayDatesBetween(next, readUpTo));
      }
      return !holidays.contains(date);
    }

    LocalDate nextWorkingDayAfter(LocalDate date) {
      LocalDate next = date.plusDays(1);
      while (!isWorkingDay(next)) {
        next = next.plusDays(1);
      }
      return next;
    }
  }
}
