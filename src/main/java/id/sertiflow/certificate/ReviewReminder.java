package id.sertiflow.certificate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A learner was reminded to give the class its review and rating, which the incentive needs: one
 * row per certificate, so that reaching the platform report again (after a correction, a resend or
 * a calendar change) does not remind the learner twice.
 */
@Entity
@Table(name = "review_reminder")
class ReviewReminder {

  @Id
  @Column(name = "certificate_id")
  private UUID certificateId;

  @Column(name = "reminded_at", nullable = false, updatable = false)
  private Instant remindedAt;

  protected ReviewReminder() {}

  ReviewReminder(UUID certificateId, Instant remindedAt) {
    this.certificateId = certificateId;
    this.remindedAt = remindedAt;
  }

  Instant remindedAt() {
    return remindedAt;
  }
}
