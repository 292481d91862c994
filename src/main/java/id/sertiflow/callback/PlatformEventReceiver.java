package id.sertiflow.callback;

import com.fasterxml.jackson.databind.JsonNode;
import id.sertiflow.api.ApiProblem.FieldProblem;
import id.sertiflow.api.InputCheck;
import id.sertiflow.calendar.ServiceClock;
import id.sertiflow.certificate.Certificate;
import id.sertiflow.certificate.Certificates;
import id.sertiflow.platform.Platform;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.dao.DataIntegrityViolationException;
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

  private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

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
  private final TransactionTemplate transaction;
  private final ServiceClock clock;

  PlatformEventReceiver(PlatformEventInbox inbox, Certificates certificates,
      TransactionTemplate transaction, ServiceClock clock) {
    this.inbox = inbox;
    this.certificates = certificates;
    this.transaction = transaction;
    this.clock = clock;
  }

  Received store(Platform platform, JsonNode node) {
    if (node == null || !node.isObject()) {
      return new Received(null, Outcome.REJECTED, null,
          List.of(new FieldProblem("", "must be a JSON object")));
    }
    InputCheck in = new InputCheck();
    String eventId = in.matching("eventId", in.text(node, "eventId", "eventId", 128), EVENT_ID,
        "must be 1 to 128 characters of A-Z, a-z, 0-9, '.', '_', ':' or '-'");
    String typeName = in.text(node, "type", "type", 32);
    PlatformEventType type = null;
    if (typeName != null) {
      try {
        type = PlatformEventType.valueOf(typeName);
      } catch (IllegalArgumentException e) {
        in.add("type", "must be REPORTED_TO_PMO, PMO_VERIFIED or PMO_REJECTED");
      }
    }
    String code = in.text(node, "redemptionCode", "redemptionCode", 32);
    OffsetDateTime occurred = in.timestamp("occurredAt", in.text(node, "occurredAt", "occurredAt", 64));
    Instant occurredAt = occurred == null ? null : occurred.toInstant();
    String reason = in.optionalText(node, "reason", "reason", 64);
    String detail = in.optionalFreeText(node, "detail", "detail", 2000);
    if (in.hasProblems()) {
      return new Received(eventId, Outcome.REJECTED, null, in.problems());
    }
    PlatformEventType eventType = type;
    Instant at = occurredAt;
    String redemptionCode = code.trim().toUpperCase(Locale.ROOT);
    try {
      return transaction.execute(tx -> {
        if (inbox.findByPlatformAndEventId(platform, eventId).isPresent()) {
          return new Received(eventId, Outcome.DUPLICATE, null, List.of());
        }
        Optional<Certificate> certificate = certificates.findByRedemptionCode(redemptionCode)
            .filter(c -> c.platform() == platform);
        if (certificate.isEmpty()) {
          // another platform's certificate is answered like an unknown one: it is none of theirs
          return new Received(eventId, Outcome.NOT_FOUND, null, List.of(new FieldProblem(
              "redemptionCode", "There is no certificate with this redemption code on this platform.")));
        }
        UUID certificateId = certificate.get().id();
        inbox.saveAndFlush(new PlatformEvent(platform, eventId, eventType, certificateId, at,
            reason, detail, clock.now()));
        return new Received(eventId, Outcome.ACCEPTED, certificateId, List.of());
      });
    } catch (DataIntegrityViolationException raced) {
      return new Received(eventId, Outcome.DUPLICATE, null, List.of());
    }
  }
}
