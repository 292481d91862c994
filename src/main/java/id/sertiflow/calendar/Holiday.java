package id.sertiflow.calendar;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A non-working date of the Indonesian calendar, as the API writes it. */
record Holiday(LocalDate date, String name, HolidayType type) {

  /**
   * The national holidays fixed by law to a calendar date. They hold in every year, decreed or
   * not, so a provisional year still knows them and an operator cannot remove them.
   */
  private static final Map<MonthDay, String> FIXED = Map.of(
      MonthDay.of(1, 1), "Tahun Baru %d Masehi",
      MonthDay.of(5, 1), "Hari Buruh Internasional",
      MonthDay.of(6, 1), "Hari Lahir Pancasila",
      MonthDay.of(8, 17), "Hari Proklamasi Kemerdekaan Republik Indonesia",
      MonthDay.of(12, 25), "Kelahiran Yesus Kristus");

  static boolean isFixedDate(LocalDate date) {
    return FIXED.containsKey(MonthDay.from(date));
  }

  static Optional<Holiday> fixedOn(LocalDate date) {
    String name = FIXED.get(MonthDay.from(date));
    return name == null ? Optional.empty()
        : Optional.of(new Holiday(date, name.formatted(date.getYear()), HolidayType.NATIONAL_HOLIDAY));
  }

  static List<Holiday> fixedIn(int year) {
    return FIXED.keySet().stream().map(day -> fixedOn(day.atYear(year)).orElseThrow()).toList();
  }
}
