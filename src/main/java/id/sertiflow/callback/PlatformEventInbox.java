package id.sertiflow.callback;

import id.sertiflow.platform.Platform;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface PlatformEventInbox extends JpaRepository<PlatformEvent, UUID> {

  Optional<PlatformEvent> findByPlatformAndEventId(Platform platform, String eventId);

  /** The events of a platform among {@code eventIds} already in the inbox, in one query. */
  List<PlatformEvent> findByPlatformAndEventIdIn(Platform platform, java.util.Collection<String> eventIds);

  /** The events of several certificates in one status, in one query. */
  List<PlatformEvent> findByCertificateIdInAndStatus(java.util.Collection<UUID> certificateIds,
      PlatformEvent.Status status);

  boolean existsByCertificateIdAndStatus(UUID certificateId, PlatformEvent.Status status);

  /**
   * Certificates with events still pending that were received before {@code before}, longest
   * waiting first, after the certificate {@code afterId} that waited since {@code afterReceivedAt}
   * (a page of a walk through them all; the first page: the epoch and a nil UUID).
   */
  @Query("select e.certificateId as certificateId, min(e.receivedAt) as waitingSince"
      + " from PlatformEvent e"
      + " where e.status = id.sertiflow.callback.PlatformEvent.Status.PENDING and e.receivedAt < :before"
      + " group by e.certificateId"
      + " having min(e.receivedAt) > :afterReceivedAt"
      + " or (min(e.receivedAt) = :afterReceivedAt and e.certificateId > :afterId)"
      + " order by min(e.receivedAt), e.certificateId")
  List<Waiting> certificatesWithPendingEvents(@Param("before") Instant before,
      @Param("afterReceivedAt") Instant afterReceivedAt, @Param("afterId") UUID afterId,
      org.springframework.data.domain.Pageable page);

  /** A certificate with pending events, and since when its oldest has waited. */
  interface Waiting {
    UUID getCertificateId();
    Instant getWaitingSince();
  }
}
