package id.sertiflow.callback;

import id.sertiflow.calendar.ServiceClock;
import java.time.Duration;
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

  private final PlatformEventInbox inbox;
  private final PlatformEventApplier applier;
  private final ServiceClock clock;

  InboxSweeper(PlatformEventInbox inbox, PlatformEventApplier applier, ServiceClock clock) {
    this.inbox = inbox;
    this.applier = applier;
    this.clock = clock;
  }

  @Scheduled(fixedDelayString = "${sertiflow.inbox.sweep-interval:PT1M}",
      initialDelayString = "${sertiflow.inbox.sweep-interval:PT1M}")
  void sweep() {
    inbox.certificatesWithPendingEvents(clock.now().minus(GRACE), PageRequest.of(0, 500))
        .forEach(applier::applyPending);
  }
}
