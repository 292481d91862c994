package id.sertiflow.callback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.sertiflow.api.ApiProblem;
import id.sertiflow.api.ApiProblem.FieldProblem;
import id.sertiflow.api.TypedInput;
import id.sertiflow.api.TypedInput.Checked;
import id.sertiflow.metrics.ServiceMetrics;
import id.sertiflow.metrics.ServiceMetrics.EventOutcome;
import id.sertiflow.platform.CallbackSignature;
import id.sertiflow.platform.Platform;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The digital platforms' door: signed events about reports and verification. The signature was
 * checked by the door (security.Doors, with {@link CallbackSignature}) before this runs; the
 * headers are declared here for the published contract.
 */
@RestController
@Tag(name = "Platform callbacks")
class PlatformEventController {

  static final int MAX_EVENTS = 1000;

  private final PlatformEventReceiver receiver;
  private final PlatformEventApplier applier;
  private final ObjectMapper json;
  private final TypedInput input;
  private final ServiceMetrics metrics;

  PlatformEventController(PlatformEventReceiver receiver, PlatformEventApplier applier,
      ObjectMapper json, TypedInput input, ServiceMetrics metrics) {
    this.metrics = metrics;
    this.receiver = receiver;
    this.applier = applier;
    this.json = json;
    this.input = input;
  }

  record EventResult(int index, String eventId, PlatformEventReceiver.Outcome outcome, int status,
      List<FieldProblem> errors) {}

  record EventResults(List<EventResult> results) {}

  @Operation(summary = "One event or an array of up to 1,000; 202 once stored durably")
  @PostMapping(path = "/api/v1/platforms/{platform}/events", consumes = "application/json",
      produces = "application/json")
  ResponseEntity<?> receive(@PathVariable String platform,
      @RequestHeader(name = CallbackSignature.TIMESTAMP_HEADER, required = false) String timestamp,
      @RequestHeader(name = CallbackSignature.SIGNATURE_HEADER, required = false) String signed,
      @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
          mediaType = "application/json", schema = @Schema(implementation = PlatformEventRequest.class)))
      @RequestBody byte[] body) {
    Platform from = Platform.fromCode(platform)
        .orElseThrow(() -> ApiProblem.notFound("There is no platform " + platform + "."));
    JsonNode events = TypedInput.parse(json, body);
    if (events.isArray()) {
      if (events.size() > MAX_EVENTS) {
        throw ApiProblem.invalid(List.of(new FieldProblem("",
            "must hold at most " + MAX_EVENTS + " events; split the array")));
      }
      List<JsonNode> items = new ArrayList<>(events.size());
      events.forEach(items::add);
      List<Checked<PlatformEventRequest>> checked = items.stream()
          .map(item -> input.check(item, PlatformEventRequest.class)).toList();
      Iterator<PlatformEventReceiver.Received> stored = receiver.storeAll(from, checked.stream()
          .filter(Checked::isValid).map(Checked::value).toList()).iterator();
      List<EventResult> results = new ArrayList<>(events.size());
      Set<UUID> touched = new LinkedHashSet<>();
      for (int i = 0; i < items.size(); i++) {
        PlatformEventReceiver.Received r = checked.get(i).isValid() ? stored.next()
            : refused(items.get(i), checked.get(i).problems());
        results.add(new EventResult(i, r.eventId(), r.outcome(), r.outcome().status.value(),
            r.errors()));
        count(from, items.get(i), r.outcome());
        if (r.outcome() == PlatformEventReceiver.Outcome.ACCEPTED) {
          touched.add(r.certificateId());
        }
      }
      applier.applyPendingAll(touched);
      return ResponseEntity.status(HttpStatus.ACCEPTED).body(new EventResults(results));
    }
    Checked<PlatformEventRequest> checked = input.check(events, PlatformEventRequest.class);
    if (!checked.isValid()) {
      count(from, events, PlatformEventReceiver.Outcome.REJECTED);
    }
    PlatformEventReceiver.Received r = receiver.store(from, checked.orRefuse());
    count(from, events, r.outcome());
    switch (r.outcome()) {
      case NOT_FOUND -> throw ApiProblem.notFound(r.errors().get(0).message());
      case REJECTED -> throw ApiProblem.invalid(r.errors()); // refused by the door above
      case ACCEPTED -> applier.applyPending(r.certificateId());
      case DUPLICATE -> { }
    }
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .body(new EventResult(0, r.eventId(), r.outcome(), HttpStatus.ACCEPTED.value(), List.of()));
  }

  /** One event received, in the metrics: by its type as sent, when that is a type there is. */
  private void count(Platform from, JsonNode event, PlatformEventReceiver.Outcome outcome) {
    String sent = event.path("type").asText("");
    String type = Arrays.stream(PlatformEventType.values()).map(Enum::name).anyMatch(sent::equals)
        ? sent : ServiceMetrics.UNKNOWN_TYPE;
    metrics.platformEvent(from, type, switch (outcome) {
      case ACCEPTED -> EventOutcome.APPLIED;
      case DUPLICATE -> EventOutcome.DUPLICATE;
      case NOT_FOUND, REJECTED -> EventOutcome.REFUSED;
    });
  }

  /** An event of an array refused for its fields; its id said back when that was well-formed. */
  private static PlatformEventReceiver.Received refused(JsonNode event, List<FieldProblem> problems) {
    JsonNode id = event.path("eventId");
    boolean idWellFormed = id.isTextual()
        && problems.stream().noneMatch(p -> p.field().equals("eventId"));
    return new PlatformEventReceiver.Received(idWellFormed ? id.textValue() : null,
        PlatformEventReceiver.Outcome.REJECTED, null, problems);
  }

}
