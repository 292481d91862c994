package id.sertiflow.privacy;

import id.sertiflow.calendar.ServiceClock;
import id.sertiflow.certificate.PersonalData;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** An erasure and its record, committed together: no record without the erasure, nor the reverse. */
@Component
class Erasures {

  /** What an erasure did: none erased when every certificate was erased before. */
  record Done(UUID erasureId, List<UUID> certificates, Instant erasedAt) {}

  private final PersonalData personalData;
  private final ErasureRecords records;
  private final ServiceClock clock;

  Erasures(PersonalData personalData, ErasureRecords records, ServiceClock clock) {
    this.personalData = personalData;
    this.records = records;
    this.clock = clock;
  }

  Done erase(List<UUID> certificateIds, String requestedBy, String reason) {
    UUID erasureId = UUID.randomUUID();
    Instant at = clock.now();
    List<UUID> erased = personalData.erase(certificateIds,
        done -> records.record(erasureId, requestedBy, at, reason, done));
    return new Done(erasureId, erased, at);
  }
}
