package id.sertiflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import id.sertiflow.api.ApiProblem;
import id.sertiflow.calendar.CalendarTable.DecreedYear;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/**
 * The operators' book of non-working days without Spring: what a year lists, what a change does
 * to deadlines and who is told of it, and what may not be removed. The calendar reads the same
 * in-memory table the book writes, as both read the one {@code holiday} table in the service.
 */
class HolidayBookTests {

  final TestCalendar.InMemoryTable table = TestCalendar.InMemoryTable.ofTheDecrees();
  final WorkingDayCalendar calendar = new WorkingDayCalendar(table);
  final List<Object> published = new ArrayList<>();
  final HolidayBook book = new HolidayBook(table, new ServiceClock(), published::add);

  static Instant wib(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(WorkingDayCalendar.JAKARTA).toInstant();
  }

  @Test
  void listsOnlyTheFixedDateHolidaysOfAProvisionalYearNamedForThatYear() {
    List<Holiday> listed = book.holidaysIn(2027);
    assertThat(listed).extracting(Holiday::date).containsExactly(LocalDate.of(2027, 1, 1),
        LocalDate.of(2027, 5, 1), LocalDate.of(2027, 6, 1), LocalDate.of(2027, 8, 17),
        LocalDate.of(2027, 12, 25));
    assertThat(listed.get(0).name()).isEqualTo("Tahun Baru 2027 Masehi");
    assertThat(listed).extracting(Holiday::type).containsOnly(HolidayType.NATIONAL_HOLIDAY);
  }

  @Test
  void listsADecreedYearByDateWithEachFixedDateHolidayOnce() {
    List<Holiday> listed = book.holidaysIn(2026);
    // the decree lists the fixed-date ones as well: they are not added a second time
    assertThat(listed).hasSize(25);
    assertThat(listed).extracting(Holiday::date).isSorted().doesNotHaveDuplicates();
    assertThat(listed.get(4)).isEqualTo(new Holiday(LocalDate.of(2026, 3, 18),
        "Cuti Bersama Hari Suci Nyepi Tahun Baru Saka 1948", HolidayType.COLLECTIVE_LEAVE));
  }

  @Test
  void aNewHolidayMovesTheDeadlineAndTellsTheCertificatesWaitingOnIt() {
    Holiday leave = new Holiday(LocalDate.of(2026, 11, 30), "Cuti Bersama Uji Coba",
        HolidayType.COLLECTIVE_LEAVE);
    assertThat(book.put(leave)).isEqualTo(leave);
    assertThat(calendar.addWorkingDays(wib("2026-11-27T15:30"), 1)).isEqualTo(wib("2026-12-01T15:30"));
    assertThat(published).containsExactly(new WorkingDaysChanged(LocalDate.of(2026, 11, 30)));
    assertThat(book.holidaysIn(2026)).hasSize(26).contains(leave);
  }

  @Test
  void anOperatorMayRenameAFixedDateHolidayWithoutListingItTwice() {
    Holiday renamed = new Holiday(LocalDate.of(2027, 8, 17), "HUT ke-82 Republik Indonesia",
        HolidayType.NATIONAL_HOLIDAY);
    book.put(renamed);
    assertThat(book.holidaysIn(2027)).hasSize(5).contains(renamed);
  }

  @Test
  void removingLeaveMakesTheDayAWorkingDayAgain() {
    // 24 Dec 2026, Christmas Eve leave: without it, Wednesday + 1 is Thursday the 24th
    assertThat(calendar.addWorkingDays(wib("2026-12-23T10:00"), 1)).isEqualTo(wib("2026-12-28T10:00"));
    book.remove(LocalDate.of(2026, 12, 24));
    assertThat(calendar.addWorkingDays(wib("2026-12-23T10:00"), 1)).isEqualTo(wib("2026-12-24T10:00"));
    assertThat(published).containsExactly(new WorkingDaysChanged(LocalDate.of(2026, 12, 24)));
  }

  @Test
  void refusesToRemoveAFixedDateNationalHolidayAndChangesNothing() {
    ApiProblem refused = catchThrowableOfType(ApiProblem.class,
        () -> book.remove(LocalDate.of(2026, 12, 25)));
    assertThat(refused.status()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(refused.detail()).contains("2026-12-25").contains("cannot be removed");
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 12, 25))).isFalse();
    assertThat(book.holidaysIn(2026)).extracting(Holiday::date).contains(LocalDate.of(2026, 12, 25));
    assertThat(published).isEmpty();
  }

  @Test
  void answersNotFoundForADayWithoutAHolidayAndTellsNoOne() {
    ApiProblem refused = catchThrowableOfType(ApiProblem.class,
        () -> book.remove(LocalDate.of(2026, 11, 30)));
    assertThat(refused.status()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(published).isEmpty();
  }

  @Test
  void recordingAndForgettingADecreeEndsAndRestartsTheProvisionalYear() {
    book.recordDecree(new DecreedYear(2027, "SKB uji coba 2027"));
    assertThat(calendar.isProvisional(2027)).isFalse();
    assertThat(book.decreedYears()).extracting(DecreedYear::year).containsExactly(2025, 2026, 2027);

    book.forgetDecree(2027);
    assertThat(calendar.isProvisional(2027)).isTrue();
    assertThat(catchThrowableOfType(ApiProblem.class, () -> book.forgetDecree(2027)).status())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }
}
