package id.sertiflow.callback;

import id.sertiflow.calendar.ServiceClock;
import id.sertiflow.certificate.Certificates;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.data.domain.PageRequest;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The safety net of the inbox: events whose first application failed (a node died between the
 * 202 and the apply, a conflict outlasted its retries) are offered to their certificates again.
 * Every node may run it: applying locks the certificate and an applied event is never applied
 * twice, so two sweeps at once cost time, not correctness.
 */
@Component
@ConditionalOnProperty(name = "sertiflow.inbox.sweep-enabled", havingValue = "true", matchIfMissing = true)
class InboxSweeper {

  /** Younger events are still being applied by the request that stored them. */
  static final Duration GRACE = Duration.ofSeconds(30);

  /** At most this many certificates a sweep. */
  static final int SWEEP = 500;

  private final PlatformEventInbox inbox;
  private final Certificates certificates;
  private final PlatformEventApplier applier;
  private final ServiceClock clock;

  InboxSweeper(PlatformEventInbox inbox, Certificates certificates, PlatformEventApplier applier,
      ServiceClock clock) {
    this.inbox = inbox;
    this.certificates = certificates;
    this.applier = applier;
    this.clock = clock;
  }

  @Scheduled(fixedDelayString = "${sertiflow.inbox.sweep-interval:PT1M}",
      initialDelayString = "${sertiflow.inbox.sweep-interval:PT1M}")
  void sweep() {
    waitingLongest(clock.now().minus(GRACE)).forEach(applier::applyPending);
  }

  /**
   * Up to {@link #SWEEP} certificates that could settle their pending events now, longest waiting
   * first: in progress (the events apply), or closed meanwhile, verified or rejected (the events
   * are superseded; a verification applied by another node may have completed their stage while
   * the node that stored them died before applying them). Those waiting for the learner or an
   * operator are passed over: their events wait by design, and must not crowd out the ones whose
   * first application failed. Which those are is the certificate module's to say.
   */
  List<UUID> waitingLongest(Instant before) {
    List<UUID> due = new ArrayList<>();
    Instant afterReceivedAt = Instant.EPOCH;
    UUID afterId = new UUID(0, 0);
    while (due.size() < SWEEP) {
      List<PlatformEventInbox.Waiting> page = inbox.certificatesWithPendingEvents(before,
          afterReceivedAt, afterId, PageRequest.of(0, SWEEP));
      if (page.isEmpty()) {
        break;
      }
      List<UUID> ids = page.stream().map(PlatformEventInbox.Waiting::getCertificateId).toList();
      Set<UUID> awaitingAction = new HashSet<>(certificates.awaitingActionAmong(ids));
      ids.stream().filter(id -> !awaitingAction.contains(id)).limit(SWEEP - due.size())
          .forEach(due::add);
      PlatformEventInbox.Waiting last = page.get(page.size() - 1);
      afterReceivedAt = last.getWaitingSince();
      afterId = last.getCertificateId();
    }
    return due;
  }
}
