package id.sertiflow.callback;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import id.sertiflow.platform.Platform;
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
   * Certificates that could settle their pending events now, longest waiting first: in progress
   * (the events apply), or closed meanwhile, verified or rejected (the events are superseded; a
   * verification applied by another node may have completed their stage while the node that
   * stored them died before applying them). Those waiting for the learner or an operator are left
   * out: their events wait by design, and must not crowd out the ones whose first application
   * failed.
   */
  @Query("select e.certificateId from PlatformEvent e, id.sertiflow.certificate.Certificate c"
      + " where c.id = e.certificateId and c.state <> id.sertiflow.certificate.CertificateState.ACTION_REQUIRED"
      + " and e.status = id.sertiflow.callback.PlatformEvent.Status.PENDING and e.receivedAt < :before"
      + " group by e.certificateId order by min(e.receivedAt)")
  List<UUID> certificatesWithPendingEvents(@Param("before") Instant before,
      org.springframework.data.domain.Pageable page);
}
