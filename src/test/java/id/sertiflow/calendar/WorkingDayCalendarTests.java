package id.sertiflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/**
 * Deadline arithmetic over the 2025 and 2026 decrees and the provisional 2027, as the service
 * starts with them: a plain test, the holiday table kept in memory ({@link TestCalendar}).
 */
class WorkingDayCalendarTests {

  final WorkingDayCalendar calendar = TestCalendar.ofTheDecrees();

  /** A wall-clock time in Jakarta. */
  static Instant wib(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(WorkingDayCalendar.JAKARTA).toInstant();
  }

  Instant plus(String startInJakarta, int workingDays) {
    return calendar.addWorkingDays(wib(startInJakarta), workingDays);
  }

  @Test
  void keepsTheTimeOfDayWhenStartedOnAWorkingDay() {
    assertThat(plus("2026-11-27T15:30", 1)).isEqualTo(wib("2026-11-30T15:30"));
  }

  @Test
  void countsFromNextWorkingDayMidnightWhenStartedOnAWeekend() {
    assertThat(plus("2026-11-28T10:00", 1)).isEqualTo(wib("2026-12-01T00:00"));
  }

  @Test
  void zeroWorkingDaysFromAWorkingDayIsTheStartItself() {
    assertThat(plus("2026-11-27T15:30", 0)).isEqualTo(wib("2026-11-27T15:30"));
  }

  @Test
  void zeroWorkingDaysFromAWeekendIsMidnightOfTheNextWorkingDay() {
    assertThat(plus("2026-11-28T10:00", 0)).isEqualTo(wib("2026-11-30T00:00"));
  }

  @Test
  void skipsNyepiAndTheIdulfitriLeaveOfMarch2026() {
    // 18 Mar leave, 19 Nyepi, 20 leave, 21-22 Idulfitri on the weekend, 23-24 leave
    assertThat(plus("2026-03-17T09:00", 1)).isEqualTo(wib("2026-03-25T09:00"));
    assertThat(plus("2026-03-16T10:00", 7)).isEqualTo(wib("2026-04-01T10:00"));
  }

  @Test
  void startedOnNyepiCountsFromMidnightAfterTheIdulfitriLeave() {
    assertThat(plus("2026-03-19T14:00", 0)).isEqualTo(wib("2026-03-25T00:00"));
    assertThat(plus("2026-03-19T14:00", 1)).isEqualTo(wib("2026-03-26T00:00"));
  }

  @Test
  void skipsTheWholeIdulfitriLeaveOf2025FromTheLastWorkingDayBeforeIt() {
    // 28 Mar Nyepi leave, 29-30 weekend, 31 Mar and 1 Apr Idulfitri, 2-4 leave, 5-6 weekend, 7 leave
    assertThat(plus("2025-03-27T10:00", 1)).isEqualTo(wib("2025-04-08T10:00"));
  }

  @Test
  void collectiveLeaveAnOperatorAddsMovesADeadlineThatFellOnIt() {
    WorkingDayCalendar withLeave = TestCalendar.ofTheDecreesWithLeaveOn(LocalDate.of(2026, 11, 30));
    assertThat(withLeave.isWorkingDay(LocalDate.of(2026, 11, 30))).isFalse();
    assertThat(withLeave.addWorkingDays(wib("2026-11-27T15:30"), 1)).isEqualTo(wib("2026-12-01T15:30"));
    assertThat(plus("2026-11-27T15:30", 1)).as("the calendar without it")
        .isEqualTo(wib("2026-11-30T15:30"));
  }

  @Test
  void skipsChristmasEveLeaveChristmasAndTheWeekendAfter2026() {
    assertThat(plus("2026-12-23T10:00", 1)).isEqualTo(wib("2026-12-28T10:00"));
  }

  @Test
  void skipsTheIndependenceDayCollectiveLeaveOf18August2025() {
    assertThat(calendar.isWorkingDay(LocalDate.of(2025, 8, 18))).isFalse();
    assertThat(plus("2025-08-15T16:00", 1)).isEqualTo(wib("2025-08-19T16:00"));
  }

  @Test
  void newYearsDayOfTheProvisionalYear2027IsStillAHoliday() {
    assertThat(calendar.isWorkingDay(LocalDate.of(2027, 1, 1))).isFalse();
    assertThat(plus("2026-12-31T11:00", 1)).isEqualTo(wib("2027-01-04T11:00"));
  }

  @Test
  void fixedDateNationalHolidaysHoldInUndecreedYears() {
    assertThat(calendar.isWorkingDay(LocalDate.of(2027, 6, 1))).isFalse();
    assertThat(calendar.isWorkingDay(LocalDate.of(2027, 8, 17))).isFalse();
    assertThat(calendar.isWorkingDay(LocalDate.of(2028, 12, 25))).isFalse();
    assertThat(calendar.isWorkingDay(LocalDate.of(2028, 12, 26))).isTrue();
  }

  @Test
  void aYearWithoutItsDecreeIsProvisional() {
    assertThat(calendar.isProvisional(2027)).isTrue();
    assertThat(calendar.isProvisional(2026)).isFalse();
    assertThat(calendar.isProvisional(2025)).isFalse();
    assertThat(calendar.provisionalYears(2024, 2028)).containsExactly(2024, 2027, 2028);
  }

  @Test
  void weekdaysWithoutAHolidayAreWorkingDaysAndWeekendsAreNot() {
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 11, 27))).isTrue();
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 11, 28))).isFalse();
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 11, 29))).isFalse();
  }

  @Test
  void readsAUtcStartThatIsSaturdayInJakartaAsAWeekendStart() {
    // 20:00 UTC on Friday is 03:00 on Saturday in Jakarta
    assertThat(calendar.addWorkingDays(Instant.parse("2026-11-27T20:00:00Z"), 1))
        .isEqualTo(wib("2026-12-01T00:00"));
  }

  @Test
  void readsAUtcStartThatIsFridayMorningInJakartaAsAFridayStart() {
    // 23:00 UTC on Thursday is 06:00 on Friday in Jakarta
    assertThat(calendar.addWorkingDays(Instant.parse("2026-11-26T23:00:00Z"), 1))
        .isEqualTo(wib("2026-11-30T06:00"));
  }

  @Test
  void countsAYearOfWorkingDaysAcrossBothDecrees() {
    // counted independently from the two CSVs and the fixed dates
    assertThat(plus("2025-01-02T08:00", 365)).isEqualTo(wib("2026-07-23T08:00"));
  }

  @Test
  void refusesANegativeCount() {
    assertThatThrownBy(() -> plus("2026-11-27T15:30", -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void countsHowLateInWholeWorkingDaysByTheSameRuleAsDeadlines() {
    Instant due = wib("2026-11-27T15:30");
    assertThat(calendar.workingDaysBetween(due, wib("2026-11-27T15:00"))).isZero();
    assertThat(calendar.workingDaysBetween(due, wib("2026-11-30T15:29"))).isZero();
    // the weekend does not count: Monday at the same time is one working day late
    assertThat(calendar.workingDaysBetween(due, wib("2026-11-30T15:30"))).isEqualTo(1);
    assertThat(calendar.workingDaysBetween(due, wib("2026-12-02T16:00"))).isEqualTo(3);
  }

  @Test
  void countsLatenessAcrossHolidaysAsDeadlinesDo() {
    // due before Nyepi and the Idulfitri leave of March 2026: 25 March is the first working day after
    Instant due = wib("2026-03-17T09:00");
    assertThat(calendar.workingDaysBetween(due, wib("2026-03-24T18:00"))).isZero();
    assertThat(calendar.workingDaysBetween(due, wib("2026-03-25T09:00"))).isEqualTo(1);
    assertThat(calendar.workingDaysBetween(wib("2026-03-16T10:00"), wib("2026-04-01T10:00")))
        .isEqualTo(7);
  }

  @Test
  void countsLatenessFromMidnightOfTheNextWorkingDayWhenDueOnAWeekend() {
    Instant due = wib("2026-11-28T10:00");
    assertThat(calendar.workingDaysBetween(due, wib("2026-11-30T23:59"))).isZero();
    assertThat(calendar.workingDaysBetween(due, wib("2026-12-01T00:00"))).isEqualTo(1);
  }

  @Test
  void saysHowLateInWorkingDaysWithTheWallTimeBeside() {
    Instant due = wib("2026-11-27T15:30");
    assertThat(calendar.lateness(due, due)).isEqualTo(Lateness.NONE);
    Lateness overTheWeekend = calendar.lateness(due, wib("2026-11-30T16:00"));
    assertThat(overTheWeekend.workingDays()).isEqualTo(1);
    assertThat(overTheWeekend.byTheClock()).isEqualTo(java.time.Duration.parse("PT72H30M"));
    assertThat(overTheWeekend.inWorkingDays()).isEqualTo("1 working day");
    assertThat(overTheWeekend.byTheClockInWords()).isEqualTo("3 d 0 h 30 min");
    assertThat(calendar.lateness(due, wib("2026-11-28T10:00")).inWorkingDays())
        .isEqualTo("less than 1 working day");
  }

  @Test
  void spendsWorkingTimeOnWorkingDaysOnly() {
    // a day from Friday 15:30: 8.5 hours on Friday, the rest from Monday 00:00
    assertThat(calendar.afterShareOf(wib("2026-11-27T15:30"), 1, 0.75)).isEqualTo(wib("2026-11-30T09:30"));
    // within one working day
    assertThat(calendar.afterShareOf(wib("2026-11-30T02:00"), 1, 0.5)).isEqualTo(wib("2026-11-30T14:00"));
    // seven days from Friday 15:30 end on Tuesday 10 Dec; three quarters (5 d 6 h) on Friday 4 Dec 21:30
    assertThat(calendar.afterShareOf(wib("2026-11-27T15:30"), 7, 0.75)).isEqualTo(wib("2026-12-04T21:30"));
    // from a Saturday, working time starts at Monday 00:00
    assertThat(calendar.afterShareOf(wib("2026-11-28T10:00"), 1, 0.75)).isEqualTo(wib("2026-11-30T18:00"));
    // the whole share is the deadline itself
    assertThat(calendar.afterShareOf(wib("2026-03-17T09:00"), 1, 1.0)).isEqualTo(plus("2026-03-17T09:00", 1));
  }
}
