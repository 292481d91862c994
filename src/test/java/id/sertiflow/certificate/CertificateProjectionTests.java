package id.sertiflow.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import id.sertiflow.calendar.TestCalendar;
import id.sertiflow.calendar.WorkingDayCalendar;
import id.sertiflow.certificate.Certificate.Completion;
import id.sertiflow.platform.Platform;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/**
 * The certificate's read model without Spring or the engine: the state, the current stage and the
 * due date of every stage that learners and operators are shown, as each step of the process
 * moves it, over the decreed working-day calendar.
 */
class CertificateProjectionTests {

  final WorkingDayCalendar calendar = TestCalendar.ofTheDecrees();

  /** A wall-clock time in Jakarta. */
  static Instant wib(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(WorkingDayCalendar.JAKARTA).toInstant();
  }

  /** A certificate whose class was completed at {@code completedInJakarta}, received a minute later. */
  Certificate completedAt(String completedInJakarta) {
    Instant completed = wib(completedInJakarta);
    Completion completion = new Completion("lms-pk7h2k9q4m", "PK7H2K9Q4M", "SA-2026-000123",
        Platform.TOKOPEDIA, "u-1029", "Budi Santoso", "budi@example.com", "BUDI SANTOSO", "c-77",
        "Digital Marketing untuk UMKM", completed, true);
    return Certificate.received(completion, "hash", completed.plusSeconds(60), calendar);
  }

  /** Received and its names found to match: the report to the platform is what it waits for. */
  Certificate reporting(String completedInJakarta) {
    Certificate certificate = completedAt(completedInJakarta);
    certificate.openReporting(wib(completedInJakarta), wib(completedInJakarta).plusSeconds(60),
        calendar);
    return certificate;
  }

  @Test
  void aClassCompletedOnFridayIsReportedByMondayAndVerifiedSevenWorkingDaysAfterThePmoReport() {
    Certificate certificate = completedAt("2026-11-27T15:30");

    assertThat(certificate.state()).isEqualTo(CertificateState.IN_PROGRESS);
    assertThat(certificate.currentStage()).isEqualTo(Stage.REPORTED_TO_PLATFORM);
    assertThat(certificate.actionReason()).isNull();
    assertThat(certificate.stage(Stage.CLASS_COMPLETED).status()).isEqualTo(StageStatus.DONE);
    assertThat(certificate.stage(Stage.CLASS_COMPLETED).completedAt()).isEqualTo(wib("2026-11-27T15:30"));
    assertThat(certificate.stage(Stage.REPORTED_TO_PLATFORM).dueAt()).isEqualTo(wib("2026-11-30T15:30"));
    assertThat(certificate.stage(Stage.REPORTED_TO_PMO).dueAt()).isEqualTo(wib("2026-12-01T15:30"));
    assertThat(certificate.stage(Stage.VERIFIED_BY_PMO).dueAt()).isEqualTo(wib("2026-12-10T15:30"));
    assertThat(Stage.IN_ORDER.subList(1, 4)).allSatisfy(stage ->
        assertThat(certificate.stage(stage).status()).as(stage.name()).isEqualTo(StageStatus.PENDING));
  }

  @Test
  void aClassCompletedOnTheFridayBeforeNyepiAndTheIdulfitriLeaveIsVerifiedByTheSecondOfApril() {
    // 18 Mar leave, 19 Nyepi, 20 leave, 21-22 Idulfitri on the weekend, 23-24 leave: counted
    // in weekdays alone, verification would have been due on 26 March
    Certificate certificate = completedAt("2026-03-13T14:00");

    assertThat(certificate.stage(Stage.REPORTED_TO_PLATFORM).dueAt()).isEqualTo(wib("2026-03-16T14:00"));
    assertThat(certificate.stage(Stage.REPORTED_TO_PMO).dueAt()).isEqualTo(wib("2026-03-17T14:00"));
    assertThat(certificate.stage(Stage.VERIFIED_BY_PMO).dueAt()).isEqualTo(wib("2026-04-02T14:00"));
  }

  @Test
  void aClassCompletedOnTheLastWorkingDayBeforeTheIdulfitriLeaveOf2025IsReportedAfterIt() {
    Certificate certificate = completedAt("2025-03-27T10:00");

    // Nyepi leave on the Friday, Idulfitri on Monday and Tuesday, then leave until 7 April
    assertThat(certificate.stage(Stage.REPORTED_TO_PLATFORM).dueAt()).isEqualTo(wib("2025-04-08T10:00"));
    assertThat(certificate.stage(Stage.REPORTED_TO_PMO).dueAt()).isEqualTo(wib("2025-04-09T10:00"));
    // and Good Friday, 18 April, is skipped on the way to verification
    assertThat(certificate.stage(Stage.VERIFIED_BY_PMO).dueAt()).isEqualTo(wib("2025-04-21T10:00"));
  }

  @Test
  void aClassCompletedOnSaturdayCountsFromMondayMorning() {
    Certificate certificate = completedAt("2026-11-28T10:00");
    assertThat(certificate.stage(Stage.REPORTED_TO_PLATFORM).dueAt()).isEqualTo(wib("2026-12-01T00:00"));
  }

  @Test
  void theReportIsLateOnlyOnceItsDeadlineHasPassed() {
    Certificate certificate = reporting("2026-11-27T15:30");

    assertThat(certificate.isLate(wib("2026-11-30T15:30"))).isFalse();
    assertThat(certificate.isLate(wib("2026-11-30T15:31"))).isTrue();
    assertThat(certificate.stage(Stage.REPORTED_TO_PLATFORM).isLate(wib("2026-11-30T15:31"))).isTrue();
    assertThat(certificate.stage(Stage.REPORTED_TO_PMO).isLate(wib("2026-11-30T15:31"))).isFalse();
  }

  @Test
  void theReportInProgressIsAtRiskOnceThreeQuartersOfItsTimeIsSpent() {
    // due Monday 15:30, one working day after Friday 15:30 (Friday's last 8.5 hours and Monday's
    // first 15.5): three quarters of it are spent on Monday at 09:30, not over the weekend
    Certificate certificate = reporting("2026-11-27T15:30");
    StageProgress report = certificate.stage(Stage.REPORTED_TO_PLATFORM);

    assertThat(report.status()).isEqualTo(StageStatus.IN_PROGRESS);
    assertThat(report.isAtRisk(wib("2026-11-29T21:30"))).isFalse();
    assertThat(report.isAtRisk(wib("2026-11-30T09:29"))).isFalse();
    assertThat(report.isAtRisk(wib("2026-11-30T09:30"))).isTrue();
    // once late it is late, no longer at risk
    assertThat(report.isAtRisk(wib("2026-11-30T15:31"))).isFalse();
    // a stage that has not started has no share of its time spent
    assertThat(certificate.stage(Stage.REPORTED_TO_PMO).isAtRisk(wib("2026-12-01T15:00"))).isFalse();
  }

  @Test
  void eachStageDoneStartsTheNextOnesClockFromWhenItWasDone() {
    Certificate certificate = reporting("2026-11-27T15:30");

    certificate.stageDone(Stage.REPORTED_TO_PLATFORM, wib("2026-11-30T10:00"), wib("2026-11-30T10:01"),
        calendar);
    assertThat(certificate.currentStage()).isEqualTo(Stage.REPORTED_TO_PMO);
    assertThat(certificate.stage(Stage.REPORTED_TO_PLATFORM).completedAt()).isEqualTo(wib("2026-11-30T10:00"));
    assertThat(certificate.stage(Stage.REPORTED_TO_PMO).status()).isEqualTo(StageStatus.IN_PROGRESS);
    assertThat(certificate.stage(Stage.REPORTED_TO_PMO).dueAt()).isEqualTo(wib("2026-12-01T10:00"));
    assertThat(certificate.stage(Stage.VERIFIED_BY_PMO).status()).isEqualTo(StageStatus.PENDING);
    assertThat(certificate.stage(Stage.VERIFIED_BY_PMO).dueAt()).isEqualTo(wib("2026-12-10T10:00"));

    certificate.stageDone(Stage.REPORTED_TO_PMO, wib("2026-12-01T09:00"), wib("2026-12-01T09:01"),
        calendar);
    assertThat(certificate.currentStage()).isEqualTo(Stage.VERIFIED_BY_PMO);
    assertThat(certificate.stage(Stage.VERIFIED_BY_PMO).dueAt()).isEqualTo(wib("2026-12-10T09:00"));
    assertThat(certificate.state()).isEqualTo(CertificateState.IN_PROGRESS);

    certificate.stageDone(Stage.VERIFIED_BY_PMO, wib("2026-12-08T12:00"), wib("2026-12-08T12:01"),
        calendar);
    assertThat(certificate.state()).isEqualTo(CertificateState.VERIFIED);
    assertThat(certificate.currentStage()).isNull();
    assertThat(certificate.updatedAt()).isEqualTo(wib("2026-12-08T12:01"));
    assertThat(certificate.isLate(wib("2027-06-01T00:00"))).as("done is never late").isFalse();
  }

  @Test
  void aNameMismatchWaitsForTheLearnerWithTheReportDueFromWhenItWasFound() {
    Certificate certificate = completedAt("2026-11-27T15:30");

    certificate.awaitNameCorrection(wib("2026-11-30T09:00"), calendar);
    assertThat(certificate.state()).isEqualTo(CertificateState.ACTION_REQUIRED);
    assertThat(certificate.actionReason()).isEqualTo(ActionReason.NAME_MISMATCH);
    assertThat(certificate.currentStage()).isEqualTo(Stage.REPORTED_TO_PLATFORM);
    assertThat(certificate.stage(Stage.REPORTED_TO_PLATFORM).dueAt()).isEqualTo(wib("2026-12-01T09:00"));

    // the learner corrects it: reporting opens again, due a working day after the correction
    certificate.openReporting(wib("2026-12-01T11:00"), wib("2026-12-01T11:00"), calendar);
    assertThat(certificate.state()).isEqualTo(CertificateState.IN_PROGRESS);
    assertThat(certificate.actionReason()).isNull();
    assertThat(certificate.stage(Stage.REPORTED_TO_PLATFORM).dueAt()).isEqualTo(wib("2026-12-02T11:00"));
  }

  @Test
  void aPlatformRejectionWaitsForAnOperatorAndKeepsTheMissedDeadline() {
    Certificate certificate = reporting("2026-11-27T15:30");

    certificate.rejectedByPlatform(wib("2026-11-30T10:00"));
    assertThat(certificate.state()).isEqualTo(CertificateState.ACTION_REQUIRED);
    assertThat(certificate.actionReason()).isEqualTo(ActionReason.PLATFORM_REJECTED);
    assertThat(certificate.currentStage()).isEqualTo(Stage.REPORTED_TO_PLATFORM);
    assertThat(certificate.stage(Stage.REPORTED_TO_PLATFORM).status()).isEqualTo(StageStatus.FAILED);
    assertThat(certificate.stage(Stage.REPORTED_TO_PLATFORM).dueAt()).isEqualTo(wib("2026-11-30T15:30"));
    assertThat(certificate.stage(Stage.REPORTED_TO_PLATFORM).isAtRisk(wib("2026-11-30T10:00")))
        .as("a failed stage is not at risk, it is failed").isFalse();

    // the operator resends: reporting is due again a working day after the resend
    certificate.openReporting(wib("2026-12-01T14:00"), wib("2026-12-01T14:00"), calendar);
    assertThat(certificate.state()).isEqualTo(CertificateState.IN_PROGRESS);
    assertThat(certificate.stage(Stage.REPORTED_TO_PLATFORM).status()).isEqualTo(StageStatus.IN_PROGRESS);
    assertThat(certificate.stage(Stage.REPORTED_TO_PLATFORM).dueAt()).isEqualTo(wib("2026-12-02T14:00"));
  }

  @Test
  void aPmoRejectionSaysWhetherTheLearnerOrAnOperatorMustAct() {
    Certificate forName = verifying();
    forName.rejectedByPmo(true, wib("2026-12-03T10:00"));
    assertThat(forName.state()).isEqualTo(CertificateState.ACTION_REQUIRED);
    assertThat(forName.actionReason()).isEqualTo(ActionReason.NAME_MISMATCH);
    assertThat(forName.currentStage()).isEqualTo(Stage.VERIFIED_BY_PMO);
    assertThat(forName.stage(Stage.VERIFIED_BY_PMO).status()).isEqualTo(StageStatus.FAILED);
    assertThat(forName.stage(Stage.VERIFIED_BY_PMO).dueAt()).isEqualTo(wib("2026-12-10T10:00"));

    Certificate other = verifying();
    other.rejectedByPmo(false, wib("2026-12-03T10:00"));
    assertThat(other.actionReason()).isEqualTo(ActionReason.PMO_REJECTED);

    // closed without verification, the reason is still there to read
    other.closedUnverified(wib("2026-12-04T10:00"));
    assertThat(other.state()).isEqualTo(CertificateState.REJECTED);
    assertThat(other.actionReason()).isEqualTo(ActionReason.PMO_REJECTED);
  }

  @Test
  void anOperatorClosingAnEscalationAsFailedFailsTheStageItWaitedIn() {
    Certificate certificate = completedAt("2026-11-27T15:30");
    certificate.awaitNameCorrection(wib("2026-11-30T09:00"), calendar);

    certificate.closedAsFailed(wib("2026-12-04T09:00"));
    assertThat(certificate.state()).isEqualTo(CertificateState.REJECTED);
    assertThat(certificate.actionReason()).isEqualTo(ActionReason.NAME_MISMATCH);
    assertThat(certificate.stage(Stage.REPORTED_TO_PLATFORM).status()).isEqualTo(StageStatus.FAILED);
    assertThat(certificate.stage(Stage.REPORTED_TO_PLATFORM).dueAt()).isEqualTo(wib("2026-12-01T09:00"));
  }

  @Test
  void leaveAddedOnTheDeadlineMovesTheStageInProgressAndEveryLaterOne() {
    Certificate certificate = reporting("2026-11-27T15:30");
    WorkingDayCalendar withLeave = TestCalendar.ofTheDecreesWithLeaveOn(LocalDate.of(2026, 11, 30));

    assertThat(certificate.recountDeadlines(wib("2026-11-28T08:00"), withLeave)).isTrue();
    assertThat(certificate.stage(Stage.REPORTED_TO_PLATFORM).dueAt()).isEqualTo(wib("2026-12-01T15:30"));
    assertThat(certificate.stage(Stage.REPORTED_TO_PMO).dueAt()).isEqualTo(wib("2026-12-02T15:30"));
    assertThat(certificate.stage(Stage.VERIFIED_BY_PMO).dueAt()).isEqualTo(wib("2026-12-11T15:30"));
    assertThat(certificate.updatedAt()).isEqualTo(wib("2026-11-28T08:00"));
    // counted from when the stage started, not from the change: the same calendar moves nothing
    assertThat(certificate.recountDeadlines(wib("2026-11-28T09:00"), withLeave)).isFalse();
    assertThat(certificate.updatedAt()).isEqualTo(wib("2026-11-28T08:00"));
  }

  @Test
  void leaveAddedLeavesACertificateAloneThatWaitsForNothingWithADeadline() {
    Certificate received = completedAt("2026-11-27T15:30");
    WorkingDayCalendar withLeave = TestCalendar.ofTheDecreesWithLeaveOn(LocalDate.of(2026, 11, 30));
    // received but not yet checked: nothing is in progress, so the process recounts it later
    assertThat(received.recountDeadlines(wib("2026-11-28T08:00"), withLeave)).isFalse();
    assertThat(received.stage(Stage.REPORTED_TO_PLATFORM).dueAt()).isEqualTo(wib("2026-11-30T15:30"));

    Certificate verified = verifying();
    verified.stageDone(Stage.VERIFIED_BY_PMO, wib("2026-12-02T09:00"), wib("2026-12-02T09:00"), calendar);
    assertThat(verified.recountDeadlines(wib("2026-12-03T08:00"), withLeave)).isFalse();
  }

  /** Reported to the platform and by the platform to the PMO on Tuesday 1 December at 10:00. */
  private Certificate verifying() {
    Certificate certificate = reporting("2026-11-27T15:30");
    certificate.stageDone(Stage.REPORTED_TO_PLATFORM, wib("2026-11-30T10:00"), wib("2026-11-30T10:00"),
        calendar);
    certificate.stageDone(Stage.REPORTED_TO_PMO, wib("2026-12-01T10:00"), wib("2026-12-01T10:00"),
        calendar);
    return certificate;
  }
}
