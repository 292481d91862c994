package id.sertiflow.privacy;

import id.sertiflow.SertiflowApplication;
import id.sertiflow.calendar.ServiceClock;
import id.sertiflow.certificate.PersonalData;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps a finished certificate's personal data no longer than needed: once a verified certificate,
 * or one closed unverified, has not changed for {@code sertiflow.retention.closed-after} (default
 * P365D), its learner's data is erased as an erasure request would erase it, and recorded as an
 * erasure by {@value ErasureRecords#RETENTION}. Daily on one node of many ({@code @SchedulerLock},
 * engine.SharedSchedules); a second run finds nothing left to do.
 */
@Component
class Retention {

  private static final Logger log = LoggerFactory.getLogger(Retention.class);
  /** Certificates anonymised in one transaction, recorded as one erasure. */
  static final int CHUNK = 500;

  private final PersonalData personalData;
  private final Erasures erasures;
  private final ServiceClock clock;
  private final Duration closedAfter;

  Retention(PersonalData personalData, Erasures erasures, ServiceClock clock,
      @Value("${sertiflow.retention.closed-after:P365D}") Duration closedAfter) {
    this.personalData = personalData;
    this.erasures = erasures;
    this.clock = clock;
    this.closedAfter = closedAfter;
  }

  @Scheduled(cron = "${sertiflow.retention.cron:0 30 1 * * *}", zone = SertiflowApplication.ZONE)
  @SchedulerLock(name = "retention", lockAtMostFor = "PT6H")
  public void daily() {
    anonymiseFinished();
  }

  /** Anonymises every certificate whose retention ended; returns how many. */
  int anonymiseFinished() {
    Instant before = clock.now().minus(closedAfter);
    String reason = "retention: finished more than " + closedAfter + " ago";
    int total = 0;
    while (true) {
      List<UUID> due = personalData.finishedBefore(before, CHUNK);
      if (due.isEmpty()) {
        break;
      }
      int erased = erasures.erase(due, ErasureRecords.RETENTION, reason).certificates().size();
      if (erased == 0) {
        break; // another node's run took them meanwhile
      }
      total += erased;
    }
    if (total > 0) {
      log.info("Retention: anonymised {} finished certificate(s) closed before {}", total, before);
    }
    return total;
  }
}
