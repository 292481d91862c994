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

  List<PlatformEvent> findByCertificateIdAndStatusOrderByReceivedAt(UUID certificateId,
      PlatformEvent.Status status);

  boolean existsByCertificateIdAndStatus(UUID certificateId, PlatformEvent.Status status);

  @Query("select distinct e.certificateId from PlatformEvent e "
      + "where e.status = id.sertiflow.callback.PlatformEvent.Status.PENDING and e.receivedAt < :before")
  List<UUID> certificatesWithPendingEvents(@Param("before") Instant before,
      org.springframework.data.domain.Pageable page);
}
