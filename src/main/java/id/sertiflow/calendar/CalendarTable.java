package id.sertiflow.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The {@code holiday} and {@code calendar_year} tables. Every read goes to the database: the
 * nodes of a cluster share it, and an operator's change must count on all of them at once.
 */
@Repository
class CalendarTable {

  /** A year whose joint decree is loaded, with the decree's reference. */
  record DecreedYear(int year, String decree) {}

  private static final RowMapper<Holiday> HOLIDAY = (rs, i) -> new Holiday(
      rs.getObject("date", LocalDate.class), rs.getString("name"),
      HolidayType.valueOf(rs.getString("type")));

  private final JdbcTemplate jdbc;

  CalendarTable(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The dates with a row, fixed-date holidays only where an operator stored them. */
  Set<LocalDate> holidayDatesBetween(LocalDate first, LocalDate last) {
    return new HashSet<>(jdbc.queryForList(
        "select date from holiday where date between ? and ?", LocalDate.class, first, last));
  }

  boolean hasHoliday(LocalDate date) {
    return !jdbc.queryForList("select 1 from holiday where date = ?", Integer.class, date).isEmpty();
  }

  List<Holiday> holidaysIn(int year) {
    return jdbc.query("select date, name, type from holiday where date between ? and ? order by date",
        HOLIDAY, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
  }

  void store(Holiday holiday, Instant at) {
    OffsetDateTime updatedAt = at.atOffset(ZoneOffset.UTC);
    upsert("update holiday set type = ?, name = ?, updated_at = ? where date = ?",
        new Object[] {holiday.type().name(), holiday.name(), updatedAt, holiday.date()},
        "insert into holiday (type, name, updated_at, date) values (?, ?, ?, ?)"
            + " on conflict do nothing");
  }

  boolean deleteHoliday(LocalDate date) {
    return jdbc.update("delete from holiday where date = ?", date) > 0;
  }

  Set<Integer> decreedYearsBetween(int first, int last) {
    return new HashSet<>(jdbc.queryForList(
        "select \"year\" from calendar_year where \"year\" between ? and ?", Integer.class, first, last));
  }

  List<DecreedYear> decreedYears() {
    return jdbc.query("select \"year\", decree from calendar_year order by \"year\"",
        (rs, i) -> new DecreedYear(rs.getInt("year"), rs.getString("decree")));
  }

  void storeDecree(DecreedYear decreed) {
    upsert("update calendar_year set decree = ? where \"year\" = ?",
        new Object[] {decreed.decree(), decreed.year()},
        "insert into calendar_year (decree, \"year\") values (?, ?) on conflict do nothing");
  }

  boolean deleteDecree(int year) {
    return jdbc.update("delete from calendar_year where \"year\" = ?", year) > 0;
  }

  /**
   * Update, else insert with the same arguments in the same order. The insert skips a conflict
   * ({@code on conflict do nothing}) rather than failing: on PostgreSQL a failed statement would
   * spoil the caller's transaction.
   */
  private void upsert(String update, Object[] args, String insert) {
    if (jdbc.update(update, args) == 0 && jdbc.update(insert, args) == 0) {
      // another node inserted the same key between our update and insert: last write wins
      jdbc.update(update, args);
    }
  }
}
