package id.sertiflow.callback;

import id.sertiflow.api.ApiProblem.FieldProblem;
import id.sertiflow.calendar.ServiceClock;
import id.sertiflow.certificate.Certificate;
import id.sertiflow.certificate.Certificates;
import id.sertiflow.certificate.FreshPlans;
import id.sertiflow.engine.InChunks;
import id.sertiflow.platform.Platform;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores one platform event durably in the inbox, in a transaction of its own, before anything
 * acts on it. The inbox's unique (platform, event id) makes a replay a no-op even when two copies
 * race each other.
 */
@Component
class PlatformEventReceiver {

  enum Outcome {
    ACCEPTED(HttpStatus.ACCEPTED),
    DUPLICATE(HttpStatus.ACCEPTED),
    NOT_FOUND(HttpStatus.NOT_FOUND),
    REJECTED(HttpStatus.UNPROCESSABLE_ENTITY);

    final HttpStatus status;

    Outcome(HttpStatus status) {
      this.status = status;
    }
  }

  record Received(String eventId, Outcome outcome, UUID certificateId, List<FieldProblem> errors) {}

  private final PlatformEventInbox inbox;
  private final Certificates certificates;
  private final FreshPlans freshPlans;
  private final TransactionTemplate transaction;
  private final ServiceClock clock;
  /** Events of an array stored in one transaction; 1 is one transaction each. */
  private final int chunkSize;

  PlatformEventReceiver(PlatformEventInbox inbox, Certificates certificates,
      FreshPlans freshPlans, TransactionTemplate transaction, ServiceClock clock,
      @Value("${sertiflow.callbacks.chunk-size:1}") int chunkSize) {
    this.freshPlans = freshPlans;
    this.chunkSize = chunkSize;
    this.inbox = inbox;
    this.certificates = certificates;
    this.transaction = transaction;
    this.clock = clock;
  }

  /** One event, read and checked at the door. */
  Received store(Platform platform, PlatformEventRequest event) {
    return storeOne(platform, event);
  }

  /**
   * Several events of one array, checked at the door, each answered as {@link #store} would
   * answer it alone, in order. Those of each chunk of {@code sertiflow.callbacks.chunk-size} are
   * stored in one transaction, with one look-up of their certificates and of replays; the chunk
   * falls back to one transaction per event when a copy raced it in, so a replay stays a no-op.
   */
  List<Received> storeAll(Platform platform, List<PlatformEventRequest> events) {
    List<Received> answers = new ArrayList<>(Collections.nCopies(events.size(), null));
    List<Integer> all = IntStream.range(0, events.size()).boxed().toList();
    InChunks.take(all, chunkSize, chunk -> storeTogether(platform, chunk, events, answers),
        i -> answers.set(i, storeOne(platform, events.get(i))));
    return answers;
  }

  /**
   * A chunk's events stored in one transaction, with one look-up of their certificates and of
   * replays; all of them answered to be stored alone when a copy of one raced it in.
   */
  private List<Integer> storeTogether(Platform platform, List<Integer> chunk,
      List<PlatformEventRequest> checked, List<Received> answers) {
    try {
      transaction.executeWithoutResult(tx -> {
        Set<String> ids = new HashSet<>();
        Set<String> codes = new HashSet<>();
        chunk.forEach(i -> {
          ids.add(checked.get(i).eventId());
          codes.add(checked.get(i).redemptionCode());
        });
        Set<String> stored = new HashSet<>();
        Map<String, UUID> certificateByCode = new HashMap<>();
        freshPlans.lookUp(() -> {
          inbox.findByPlatformAndEventIdIn(platform, ids).forEach(e -> stored.add(e.eventId()));
          certificates.ownersOf(codes).stream().filter(c -> c.getPlatform() == platform)
              .forEach(c -> certificateByCode.put(c.getRedemptionCode(), c.getId()));
          return null;
        });
        List<PlatformEvent> fresh = new ArrayList<>();
        Instant now = clock.now();
        for (int i : chunk) {
          PlatformEventRequest e = checked.get(i);
          UUID certificateId = certificateByCode.get(e.redemptionCode());
          if (!stored.add(e.eventId())) {
            answers.set(i, new Received(e.eventId(), Outcome.DUPLICATE, null, List.of()));
          } else if (certificateId == null) {
            answers.set(i, notFound(e.eventId()));
          } else {
            fresh.add(new PlatformEvent(platform, e.eventId(), e.type(), certificateId,
                e.occurredAt().toInstant(), e.reason(), e.detail(), now));
            answers.set(i, new Received(e.eventId(), Outcome.ACCEPTED, certificateId, List.of()));
          }
        }
        // in event id order: two arrays holding the same events in other orders then wait for
        // each other on the unique key instead of deadlocking (the reliability run's callback
        // storm had one deadlock, a 500, before)
        fresh.sort(Comparator.comparing(PlatformEvent::eventId));
        inbox.saveAll(fresh);
        inbox.flush();
      });
      return List.of();
    } catch (DataIntegrityViolationException | PessimisticLockingFailureException raced) {
      // a copy of one of them was stored meanwhile (or PostgreSQL chose this chunk as a
      // deadlock's victim): nothing of the chunk was stored; each goes alone
      return chunk;
    }
  }

  private Received storeOne(Platform platform, PlatformEventRequest e) {
    try {
      return transaction.execute(tx -> {
        if (inbox.findByPlatformAndEventId(platform, e.eventId()).isPresent()) {
          return new Received(e.eventId(), Outcome.DUPLICATE, null, List.of());
        }
        Optional<Certificate> certificate = certificates.findByRedemptionCode(e.redemptionCode())
            .filter(c -> c.platform() == platform);
        if (certificate.isEmpty()) {
          return notFound(e.eventId());
        }
        UUID certificateId = certificate.get().id();
        inbox.saveAndFlush(new PlatformEvent(platform, e.eventId(), e.type(), certificateId,
            e.occurredAt().toInstant(), e.reason(), e.detail(), clock.now()));
        return new Received(e.eventId(), Outcome.ACCEPTED, certificateId, List.of());
      });
    } catch (DataIntegrityViolationException raced) {
      return new Received(e.eventId(), Outcome.DUPLICATE, null, List.of());
    }
  }

  /** Another platform's certificate is answered like an unknown one: it is none of theirs. */
  private static Received notFound(String eventId) {
    return new Received(eventId, Outcome.NOT_FOUND, null, List.of(new FieldProblem(
        "redemptionCode", "There is no certificate with this redemption code on this platform.")));
  }
}
