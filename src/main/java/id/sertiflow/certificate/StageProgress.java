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

  protected StageProgress() {}

  StageProgress(StageStatus status, Instant completedAt, Instant dueAt) {
    this(status, completedAt, dueAt, null);
  }

  StageProgress(StageStatus status, Instant completedAt, Instant dueAt, Instant startedAt) {
    this.status = status;
    this.completedAt = completedAt;
    this.dueAt = dueAt;
    this.startedAt = startedAt;
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

  /** Not done and past its deadline. */
  public boolean isLate(Instant now) {
    return !isDone() && dueAt != null && dueAt.isBefore(now);
  }
}
