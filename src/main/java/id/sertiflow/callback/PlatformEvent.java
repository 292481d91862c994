package id.sertiflow.callback;

import id.sertiflow.platform.Platform;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.domain.Persistable;

/** A platform callback in the inbox: stored before it is applied, applied once. */
@Entity
@Table(name = "platform_event")
class PlatformEvent implements Persistable<UUID> {

  enum Status {
    /** not applied yet: the certificate cannot take it, or has not been offered it */
    PENDING,
    APPLIED,
    /** its stage was already done: it changed nothing */
    SUPERSEDED
  }

  @Id
  private UUID id;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, updatable = false)
  private Platform platform;

  @Column(name = "event_id", nullable = false, updatable = false)
  private String eventId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, updatable = false)
  private PlatformEventType type;

  @Column(name = "certificate_id", nullable = false, updatable = false)
  private UUID certificateId;

  @Column(name = "occurred_at", nullable = false, updatable = false)
  private Instant occurredAt;

  @Column(updatable = false)
  private String reason;

  @Column(updatable = false)
  private String detail;

  @Column(name = "received_at", nullable = false, updatable = false)
  private Instant receivedAt;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Status status;

  @Column(name = "applied_at")
  private Instant appliedAt;

  // the id is ours, so without this Spring Data would look the row up before every insert
  @Transient
  private boolean stored;

  protected PlatformEvent() {}

  @PostLoad
  @PostPersist
  void markStored() {
    stored = true;
  }

  @Override
  public UUID getId() {
    return id;
  }

  @Override
  public boolean isNew() {
    return !stored;
  }

  PlatformEvent(Platform platform, String eventId, PlatformEventType type, UUID certificateId,
      Instant occurredAt, String reason, String detail, Instant receivedAt) {
    this.id = UUID.randomUUID();
    this.platform = platform;
    this.eventId = eventId;
    this.type = type;
    this.certificateId = certificateId;
    this.occurredAt = occurredAt;
    this.reason = reason;
    this.detail = detail;
    this.receivedAt = receivedAt;
    this.status = Status.PENDING;
  }

  void settle(Status outcome, Instant at) {
    status = outcome;
    appliedAt = at;
  }

  UUID id() { return id; }
  Platform platform() { return platform; }
  String eventId() { return eventId; }
  PlatformEventType type() { return type; }
  UUID certificateId() { return certificateId; }
  Instant occurredAt() { return occurredAt; }
  String reason() { return reason; }
  String detail() { return detail; }
  Instant receivedAt() { return receivedAt; }
  Status status() { return status; }
}
