package id.sertiflow.calendar;

import id.sertiflow.api.ApiProblem;
import id.sertiflow.calendar.CalendarTable.DecreedYear;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The operators' book of non-working days and loaded decrees. Every change to the calendar goes
 * through here, so that whatever must follow a change (moving the deadlines already computed)
 * has one place to hook in.
 */
@Service
class HolidayBook {

  private final CalendarTable table;
  private final ServiceClock clock;
  private final ApplicationEventPublisher events;

  HolidayBook(CalendarTable table, ServiceClock clock, ApplicationEventPublisher events) {
    this.table = table;
    this.clock = clock;
    this.events = events;
  }

  /** The year's non-working dates by date, the fixed-date national holidays included. */
  List<Holiday> holidaysIn(int year) {
    List<Holiday> stored = table.holidaysIn(year);
    Set<LocalDate> storedDates = stored.stream().map(Holiday::date).collect(Collectors.toSet());
    Stream<Holiday> fixedOnly = Holiday.fixedIn(year).stream()
        .filter(fixed -> !storedDates.contains(fixed.date()));
    return Stream.concat(stored.stream(), fixedOnly)
        .sorted(Comparator.comparing(Holiday::date)).toList();
  }

  /** Creates or replaces the holiday on its date. */
  @Transactional
  Holiday put(Holiday holiday) {
    table.store(holiday, clock.now());
    events.publishEvent(new WorkingDaysChanged(holiday.date()));
    return holiday;
  }

  /**
   * Removes a stored holiday. The fixed-date national holidays are law in every year, so they
   * cannot be removed; their name and type can still be changed with {@link #put}.
   */
  @Transactional
  void remove(LocalDate date) {
    if (Holiday.isFixedDate(date)) {
      throw ApiProblem.conflict(date + " is a fixed-date national holiday, a non-working day in"
          + " every year; it cannot be removed.");
    }
    if (!table.deleteHoliday(date)) {
      throw ApiProblem.notFound("There is no holiday on " + date + ".");
    }
    events.publishEvent(new WorkingDaysChanged(date));
  }

  List<DecreedYear> decreedYears() {
    return table.decreedYears();
  }

  /** Records that the year's decree is loaded: the year stops being provisional. */
  @Transactional
  DecreedYear recordDecree(DecreedYear decreed) {
    table.storeDecree(decreed);
    return decreed;
  }

  /** Makes the year provisional again, e.g. while a revised decree is being entered. */
  @Transactional
  void forgetDecree(int year) {
    if (!table.deleteDecree(year)) {
      throw ApiProblem.notFound("No decree is recorded for " + year + ".");
    }
  }
}
