package id.sertiflow.certificate;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.time.Instant;

/** One row of {@code certificate_stage}: how far one stage of one certificate is. */
@Embeddable
public class StageProgress {

  @Enumerated(EnumType.STRING)
  @Column(name = "status", nullable = false, length = 16)
  private StageStatus status;

  @Column(name = "completed_at")
  private Instant completedAt;

  @Column(name = "due_at")
  private Instant dueAt;

  /** For the stage in progress: when its deadline started counting. */
  @Column(name = "started_at")
  private Instant startedAt;

  /**
   * For the stage in progress: when 75% of its working time is spent, by {@link
   * id.sertiflow.calendar.WorkingDayCalendar#afterShareOf}.
   */
  @Column(name = "at_risk_at")
  private Instant atRiskAt;

  /** The share of a stage's time after which it is at risk of missing its deadline. */
  static final double AT_RISK_SHARE = 0.75;

  protected StageProgress() {}

  StageProgress(StageStatus status, Instant completedAt, Instant dueAt) {
    this(status, completedAt, dueAt, null, null);
  }

  /** As stored (the read of {@link CertificateReads}), or as {@link Certificate} projects it. */
  StageProgress(StageStatus status, Instant completedAt, Instant dueAt, Instant startedAt,
      Instant atRiskAt) {
    this.status = status;
    this.completedAt = completedAt;
    this.dueAt = dueAt;
    this.startedAt = startedAt;
    this.atRiskAt = atRiskAt;
  }

  Instant startedAt() {
    return startedAt;
  }

  public StageStatus status() {
    return status;
  }

  public Instant completedAt() {
    return completedAt;
  }

  public Instant dueAt() {
    return dueAt;
  }

  public boolean isDone() {
    return status == StageStatus.DONE;
  }

  /** Three quarters of its time spent, its deadline not yet passed. */
  public boolean isAtRisk(Instant now) {
    return !isDone() && status != StageStatus.FAILED && atRiskAt != null && !now.isBefore(atRiskAt)
        && dueAt.isAfter(now);
  }

  /** Not done and past its deadline. */
  public boolean isLate(Instant now) {
    return !isDone() && dueAt != null && dueAt.isBefore(now);
  }
}
