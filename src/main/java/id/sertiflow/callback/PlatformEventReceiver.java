package id.sertiflow.callback;

import com.fasterxml.jackson.databind.JsonNode;
import id.sertiflow.api.ApiProblem.FieldProblem;
import id.sertiflow.calendar.ServiceClock;
import id.sertiflow.certificate.Certificate;
import id.sertiflow.certificate.Certificates;
import id.sertiflow.platform.Platform;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
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
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\t\\n\\r]]");

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
    List<FieldProblem> problems = new ArrayList<>();
    if (node == null || !node.isObject()) {
      return new Received(null, Outcome.REJECTED, null,
          List.of(new FieldProblem("", "must be a JSON object")));
    }
    String eventId = text(node, "eventId", 128, problems);
    if (eventId != null && !EVENT_ID.matcher(eventId).matches()) {
      problems.add(new FieldProblem("eventId",
          "must be 1 to 128 characters of A-Z, a-z, 0-9, '.', '_', ':' or '-'"));
    }
    String typeName = text(node, "type", 32, problems);
    PlatformEventType type = null;
    if (typeName != null) {
      try {
        type = PlatformEventType.valueOf(typeName);
      } catch (IllegalArgumentException e) {
        problems.add(new FieldProblem("type", "must be REPORTED_TO_PMO, PMO_VERIFIED or PMO_REJECTED"));
      }
    }
    String code = text(node, "redemptionCode", 32, problems);
    String occurred = text(node, "occurredAt", 64, problems);
    Instant occurredAt = null;
    if (occurred != null) {
      try {
        occurredAt = OffsetDateTime.parse(occurred).toInstant();
      } catch (DateTimeParseException e) {
        problems.add(new FieldProblem("occurredAt", "must be an ISO-8601 timestamp with an offset"));
      }
    }
    String reason = optionalText(node, "reason", 64, problems);
    String detail = optionalText(node, "detail", 2000, problems);
    String id = eventId != null && problems.stream().noneMatch(p -> p.field().equals("eventId"))
        ? eventId : null;
    if (!problems.isEmpty()) {
      return new Received(id, Outcome.REJECTED, null, problems);
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

  private static String text(JsonNode node, String field, int max, List<FieldProblem> problems) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      problems.add(new FieldProblem(field, "is required"));
      return null;
    }
    return checked(value, field, max, problems);
  }

  private static String optionalText(JsonNode node, String field, int max, List<FieldProblem> problems) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : checked(value, field, max, problems);
  }

  private static String checked(JsonNode value, String field, int max, List<FieldProblem> problems) {
    if (!value.isTextual() || value.textValue().isBlank()) {
      problems.add(new FieldProblem(field, "must be a non-blank string"));
      return null;
    }
    String text = value.textValue();
    if (text.length() > max) {
      problems.add(new FieldProblem(field, "must be at most " + max + " characters"));
      return null;
    }
    if (CONTROL.matcher(text).find()) {
      problems.add(new FieldProblem(field, "must not contain control characters"));
      return null;
    }
    return text;
  }
}
