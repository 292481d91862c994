package id.sertiflow.callback;

import id.sertiflow.certificate.Certificates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Component;

/**
 * Certificates whose pending events they could settle now, longest waiting first: in progress
 * (the events apply), or closed meanwhile, verified or rejected (the events are superseded). Those
 * waiting for the learner or an operator are passed over: their events wait by design. Which
 * those are is the certificate module's to say. What the sweep re-offers, and what the backlog's
 * age is measured on.
 */
@Component
class ApplicablePending {

  private final PlatformEventInbox inbox;
  private final Certificates certificates;

  ApplicablePending(PlatformEventInbox inbox, Certificates certificates) {
    this.inbox = inbox;
    this.certificates = certificates;
  }

  /** Up to {@code limit} of them whose events were received before {@code before}. */
  List<PlatformEventInbox.Waiting> longestWaiting(Instant before, int limit) {
    List<PlatformEventInbox.Waiting> due = new ArrayList<>();
    Instant afterReceivedAt = Instant.EPOCH;
    UUID afterId = new UUID(0, 0);
    int page = Math.max(limit, 100);
    while (due.size() < limit) {
      List<PlatformEventInbox.Waiting> waiting = inbox.certificatesWithPendingEvents(before,
          afterReceivedAt, afterId, PageRequest.of(0, page));
      if (waiting.isEmpty()) {
        break;
      }
      Set<UUID> awaitingAction = new HashSet<>(certificates.awaitingActionAmong(
          waiting.stream().map(PlatformEventInbox.Waiting::getCertificateId).toList()));
      waiting.stream().filter(w -> !awaitingAction.contains(w.getCertificateId()))
          .limit(limit - due.size()).forEach(due::add);
      PlatformEventInbox.Waiting last = waiting.get(waiting.size() - 1);
      afterReceivedAt = last.getWaitingSince();
      afterId = last.getCertificateId();
    }
    return due;
  }
}
