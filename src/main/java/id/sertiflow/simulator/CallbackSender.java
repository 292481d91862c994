package id.sertiflow.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.sertiflow.calendar.ServiceClock;
import id.sertiflow.calendar.WorkingDayCalendar;
import id.sertiflow.platform.CallbackSignature;
import id.sertiflow.platform.Platform;
import id.sertiflow.platform.PlatformProperties;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;

/**
 * The simulated platforms' outbound side: every tick it claims the callbacks that have fallen due
 * and posts them, signed with each platform's secret, to SertiFlow's real callback door, in arrays
 * of up to {@code callback-batch-size}. A callback is marked sent only after SertiFlow's 202; on
 * anything else its claim is released and the next tick (of any node) tries again.
 */
@Component
@ConditionalOnSimulator
@ConditionalOnProperty(name = "sertiflow.simulator.pmo-enabled", havingValue = "true", matchIfMissing = true)
class CallbackSender {

  private static final Logger log = LoggerFactory.getLogger(CallbackSender.class);

  /** What one tick did, for the log line and for tests. */
  record Tick(int due, int sent, int heldBack, Map<String, Integer> outcomes, String failure) {
    static final Tick NOTHING = new Tick(0, 0, 0, Map.of(), null);
  }

  private final SimulatorEvents events;
  private final SimulatorHttp http;
  private final PlatformProperties platforms;
  private final ServiceClock clock;
  private final ObjectMapper json;
  private final SimulatorProperties settings;
  private final String node;

  @Autowired
  CallbackSender(SimulatorEvents events, SimulatorHttp http, PlatformProperties platforms,
      ServiceClock clock, ObjectMapper json, SimulatorProperties settings) {
    this(events, http, platforms, clock, json, settings, ManagementFactory.getRuntimeMXBean().getName());
  }

  CallbackSender(SimulatorEvents events, SimulatorHttp http, PlatformProperties platforms,
      ServiceClock clock, ObjectMapper json, SimulatorProperties settings, String node) {
    this.events = events;
    this.http = http;
    this.platforms = platforms;
    this.clock = clock;
    this.json = json;
    this.settings = settings;
    this.node = node.length() > 60 ? node.substring(0, 60) : node;
  }

  @Scheduled(fixedDelayString = "${sertiflow.simulator.tick:PT5S}",
      initialDelayString = "${sertiflow.simulator.tick:PT5S}")
  void scheduledTick() {
    SimulatorHttp.tick(log, "Simulator callbacks", this::tick);
  }

  /** Claims what is due now and sends it; returns what happened. */
  Tick tick() {
    Instant now = clock.now();
    String token = node + "/" + UUID.randomUUID();
    List<SimulatorEvents.Event> due = events.claim(token, now,
        now.minus(settings.claimTimeout()), settings.maxEventsPerTick());
    if (due.isEmpty()) {
      log.debug("Simulator callbacks: nothing due");
      return Tick.NOTHING;
    }
    Map<Platform, List<SimulatorEvents.Event>> byPlatform = due.stream().collect(Collectors
        .groupingBy(SimulatorEvents.Event::platform, () -> new EnumMap<>(Platform.class),
            Collectors.toList()));
    Map<String, Integer> outcomes = new TreeMap<>();
    Map<Platform, Integer> sentBy = new EnumMap<>(Platform.class);
    List<String> failures = new ArrayList<>();
    int sent = 0;
    boolean unreachable = false;
    for (Map.Entry<Platform, List<SimulatorEvents.Event>> entry : byPlatform.entrySet()) {
      Platform platform = entry.getKey();
      List<SimulatorEvents.Event> all = entry.getValue();
      for (int from = 0; from < all.size(); from += settings.callbackBatchSize()) {
        List<SimulatorEvents.Event> chunk =
            all.subList(from, Math.min(all.size(), from + settings.callbackBatchSize()));
        List<String> ids = chunk.stream().map(SimulatorEvents.Event::id).toList();
        if (unreachable) {
          events.release(token, ids);
          continue;
        }
        String failure = post(platform, chunk, outcomes);
        if (failure == null) {
          events.markSent(token, ids, clock.now());
          sent += chunk.size();
          sentBy.merge(platform, chunk.size(), Integer::sum);
        } else {
          events.release(token, ids);
          failures.add(platform.configKey() + ": " + failure);
          unreachable = failure.startsWith("unreachable");
        }
      }
    }
    Tick tick = new Tick(due.size(), sent, due.size() - sent, Map.copyOf(outcomes),
        failures.isEmpty() ? null : String.join("; ", failures));
    String perPlatform = sentBy.entrySet().stream()
        .map(e -> e.getKey().configKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    if (tick.failure() == null) {
      log.info("Simulator callbacks: sent {} ({}) to {}; SertiFlow answered {}", sent,
          perPlatform, http.baseUrl(), outcomes);
    } else {
      log.warn("Simulator callbacks: sent {}{} to {}, {} held back for the next tick ({}); answers {}",
          sent, perPlatform.isEmpty() ? "" : " (" + perPlatform + ")", http.baseUrl(),
          tick.heldBack(), tick.failure(), outcomes);
    }
    return tick;
  }

  /** Null when SertiFlow took the array with 202; otherwise why not, in a few words. */
  private String post(Platform platform, List<SimulatorEvents.Event> chunk,
      Map<String, Integer> outcomes) {
    String secret = platforms.of(platform).map(PlatformProperties.Settings::secret)
        .filter(s -> !s.isBlank()).orElse(null);
    if (secret == null) {
      return "no secret configured (sertiflow.platforms." + platform.configKey() + ".secret)";
    }
    byte[] body = body(chunk);
    String timestamp = Long.toString(clock.now().getEpochSecond());
    String url = http.baseUrl() + "/api/v1/platforms/" + platform.configKey() + "/events";
    try {
      return http.client().post().uri(url)
          .contentType(MediaType.APPLICATION_JSON)
          .accept(MediaType.APPLICATION_JSON)
          .header(CallbackSignature.TIMESTAMP_HEADER, timestamp)
          .header(CallbackSignature.SIGNATURE_HEADER, CallbackSignature.sign(secret, timestamp, body))
          .body(body)
          .exchange((request, response) -> {
            byte[] answer = response.getBody().readAllBytes();
            if (response.getStatusCode().value() != 202) {
              return "HTTP " + response.getStatusCode().value() + detail(answer);
            }
            count(answer, outcomes);
            return null;
          });
    } catch (RestClientException e) {
      return "unreachable (" + SimulatorHttp.reason(e) + ")";
    }
  }

  private byte[] body(List<SimulatorEvents.Event> chunk) {
    ArrayNode array = json.createArrayNode();
    for (SimulatorEvents.Event e : chunk) {
      ObjectNode event = array.addObject();
      event.put("eventId", e.id());
      event.put("type", e.type());
      event.put("redemptionCode", e.redemptionCode());
      event.put("occurredAt", WorkingDayCalendar.inJakarta(e.dueAt()).toString());
      if (e.reason() != null) {
        event.put("reason", e.reason());
      }
      if (e.detail() != null) {
        event.put("detail", e.detail());
      }
    }
    try {
      return json.writeValueAsBytes(array);
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("Callbacks could not be written as JSON", ex);
    }
  }

  /** SertiFlow's per-event results: ACCEPTED, DUPLICATE, NOT_FOUND, REJECTED. */
  private void count(byte[] answer, Map<String, Integer> outcomes) {
    try {
      JsonNode results = json.readTree(answer).path("results");
      for (JsonNode result : results) {
        outcomes.merge(result.path("outcome").asText("UNKNOWN"), 1, Integer::sum);
      }
    } catch (java.io.IOException e) {
      outcomes.merge("UNREADABLE_ANSWER", 1, Integer::sum);
    }
  }

  private String detail(byte[] answer) {
    try {
      String detail = json.readTree(answer).path("detail").asText("");
      return detail.isEmpty() ? "" : " (" + detail + ")";
    } catch (java.io.IOException e) {
      return "";
    }
  }
}
