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
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The {@code holiday} and {@code calendar_year} tables. Every transaction reads the database
 * afresh: the nodes of a cluster share it, and an operator's change must count on all of them at
 * once. Within one transaction the holiday dates are read once and kept until it ends (or until
 * it changes a holiday itself): a chunk of certificates counts hundreds of deadlines, and one
 * query each was the largest share of intake's SQL (docs/benchmarks.md, "Tunings").
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
    Set<LocalDate> known = holidaysOfThisTransaction();
    if (known != null) {
      Set<LocalDate> between = new HashSet<>();
      known.stream().filter(d -> !d.isBefore(first) && !d.isAfter(last)).forEach(between::add);
      return between;
    }
    return new HashSet<>(jdbc.queryForList(
        "select date from holiday where date between ? and ?", LocalDate.class, first, last));
  }

  boolean hasHoliday(LocalDate date) {
    Set<LocalDate> known = holidaysOfThisTransaction();
    if (known != null) {
      return known.contains(date);
    }
    return !jdbc.queryForList("select 1 from holiday where date = ?", Integer.class, date).isEmpty();
  }

  /** Every stored holiday date, read once per transaction; null outside of one. */
  @SuppressWarnings("unchecked")
  private Set<LocalDate> holidaysOfThisTransaction() {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return null;
    }
    Set<LocalDate> known = (Set<LocalDate>) TransactionSynchronizationManager.getResource(this);
    if (known == null) {
      known = Set.copyOf(jdbc.queryForList("select date from holiday", LocalDate.class));
      TransactionSynchronizationManager.bindResource(this, known);
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          forgetHolidays();
        }
      });
    }
    return known;
  }

  /** This transaction changed a holiday: what it reads next comes from the table again. */
  private void forgetHolidays() {
    if (TransactionSynchronizationManager.hasResource(this)) {
      TransactionSynchronizationManager.unbindResource(this);
    }
  }

  List<Holiday> holidaysIn(int year) {
    return jdbc.query("select date, name, type from holiday where date between ? and ? order by date",
        HOLIDAY, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
  }

  void store(Holiday holiday, Instant at) {
    forgetHolidays();
    OffsetDateTime updatedAt = at.atOffset(ZoneOffset.UTC);
    // standard SQL MERGE: one statement on both H2 and PostgreSQL 15
    jdbc.update("merge into holiday h using (select cast(? as date) as d,"
        + " cast(? as varchar(24)) as t, cast(? as varchar(200)) as n,"
        + " cast(? as timestamp with time zone) as u) v on h.date = v.d"
        + " when matched then update set type = v.t, name = v.n, updated_at = v.u"
        + " when not matched then insert (date, type, name, updated_at) values (v.d, v.t, v.n, v.u)",
        holiday.date(), holiday.type().name(), holiday.name(), updatedAt);
  }

  boolean deleteHoliday(LocalDate date) {
    forgetHolidays();
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
    jdbc.update("merge into calendar_year c using (select cast(? as integer) as y,"
        + " cast(? as varchar(300)) as d) v on c.\"year\" = v.y"
        + " when matched then update set decree = v.d"
        + " when not matched then insert (\"year\", decree) values (v.y, v.d)",
        decreed.year(), decreed.decree());
  }

  boolean deleteDecree(int year) {
    return jdbc.update("delete from calendar_year where \"year\" = ?", year) > 0;
  }
}
