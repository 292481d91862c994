package id.sertiflow.calendar;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The working-day calendar of the loaded decrees (2025 and 2026, from the files under
 * {@code calendar/} that the V2 migration's seed was copied from) kept in memory: for the tests of
 * what a deadline comes to, which need neither a database nor Spring.
 */
public final class TestCalendar {

  /** The years whose decree the seed loads; 2027 is provisional. */
  static final Map<Integer, String> DECREES = Map.of(
      2025, "SKB 1017/2024, 2/2024, 2/2024 (14 Oct 2024), as revised by SKB 933/2025, 1/2025, 3/2025",
      2026, "SKB 1497/2025, 2/2025, 5/2025 (19 Sep 2025)");

  private TestCalendar() {}

  /** The calendar as the service starts with it. */
  public static WorkingDayCalendar ofTheDecrees() {
    return new WorkingDayCalendar(InMemoryTable.ofTheDecrees());
  }

  /** The calendar as the service starts with it, and an operator's collective leave on {@code days}. */
  public static WorkingDayCalendar ofTheDecreesWithLeaveOn(LocalDate... days) {
    InMemoryTable table = InMemoryTable.ofTheDecrees();
    for (LocalDate day : days) {
      table.store(new Holiday(day, "Cuti Bersama Uji Coba", HolidayType.COLLECTIVE_LEAVE), Instant.EPOCH);
    }
    return new WorkingDayCalendar(table);
  }

  /** The {@code holiday} and {@code calendar_year} tables in memory. */
  static final class InMemoryTable extends CalendarTable {

    private final Map<LocalDate, Holiday> holidays = new TreeMap<>();
    private final Map<Integer, String> decrees = new TreeMap<>();

    InMemoryTable() {
      // no data source: every method that would use it is overridden
      super(new JdbcTemplate());
    }

    static InMemoryTable ofTheDecrees() {
      InMemoryTable table = new InMemoryTable();
      DECREES.forEach((year, decree) -> {
        table.decrees.put(year, decree);
        read("calendar/holidays-id-" + year + ".csv").forEach(h -> table.holidays.put(h.date(), h));
      });
      return table;
    }

    private static List<Holiday> read(String resource) {
      try (Reader in = new InputStreamReader(new ClassPathResource(resource).getInputStream(),
          StandardCharsets.UTF_8)) {
        List<Holiday> read = new ArrayList<>();
        for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
            .get().parse(in)) {
          read.add(new Holiday(LocalDate.parse(row.get("date")), row.get("name"),
              HolidayType.valueOf(row.get("type"))));
        }
        return read;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    Set<LocalDate> holidayDatesBetween(LocalDate first, LocalDate last) {
      return holidays.keySet().stream().filter(d -> !d.isBefore(first) && !d.isAfter(last))
          .collect(Collectors.toSet());
    }

    @Override
    boolean hasHoliday(LocalDate date) {
      return holidays.containsKey(date);
    }

    @Override
    List<Holiday> holidaysIn(int year) {
      return holidays.values().stream().filter(h -> h.date().getYear() == year).toList();
    }

    @Override
    void store(Holiday holiday, Instant at) {
      holidays.put(holiday.date(), holiday);
    }

    @Override
    boolean deleteHoliday(LocalDate date) {
      return holidays.remove(date) != null;
    }

    @Override
    Set<Integer> decreedYearsBetween(int first, int last) {
      return decrees.keySet().stream().filter(y -> y >= first && y <= last)
          .collect(Collectors.toSet());
    }

    @Override
    List<DecreedYear> decreedYears() {
      return decrees.entrySet().stream().map(e -> new DecreedYear(e.getKey(), e.getValue())).toList();
    }

    @Override
    void storeDecree(DecreedYear decreed) {
      decrees.put(decreed.year(), decreed.decree());
    }

    @Override
    boolean deleteDecree(int year) {
      return decrees.remove(year) != null;
    }
  }
}
