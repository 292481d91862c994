package id.sertiflow.callback;

import id.sertiflow.calendar.ServiceClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
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

  private final ApplicablePending applicable;
  private final PlatformEventApplier applier;
  private final ServiceClock clock;

  InboxSweeper(ApplicablePending applicable, PlatformEventApplier applier, ServiceClock clock) {
    this.applicable = applicable;
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
   * first ({@link ApplicablePending}); a verification applied by another node may have completed
   * the stage of a closed one while the node that stored its events died before applying them.
   */
  List<UUID> waitingLongest(Instant before) {
    return applicable.longestWaiting(before, SWEEP).stream()
        .map(PlatformEventInbox.Waiting::getCertificateId).toList();
  }
}
