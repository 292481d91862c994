package id.sertiflow.metrics;

import id.sertiflow.platform.Platform;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What the pipeline counts as it happens, in the names and labels of API.md ("Operations: metrics
 * and reconciliation"): completions received, report requests sent to the platforms, platform
 * events received, and how long each stage took. Each node counts its own; Prometheus adds the
 * nodes up. A count made inside a transaction is made once the transaction commits, so that a
 * retried transaction is not counted twice; a report request is counted when it is sent, as the
 * platform saw it whatever the transaction does afterwards.
 *
 * <p>Label values are bounded: platforms and stages are enums, outcomes are the enums below, an
 * event type the platform sent that is none of the known ones is counted as {@code UNKNOWN}.
 */
@Component
public class ServiceMetrics {

  /** What became of a completion received at intake. */
  public enum IntakeOutcome { CREATED, DUPLICATE, REJECTED }

  /**
   * What became of a report request: the platform took every report ({@code accepted}), turned at
   * least one down ({@code rejected}), or did not answer usefully ({@code failed}: a timeout, a
   * 5xx, a refused connection; the engine retries it).
   */
  public enum ReportOutcome { ACCEPTED, REJECTED, FAILED }

  /**
   * What became of a platform event: stored to be applied ({@code applied}), a replay of one
   * stored before ({@code duplicate}), or refused (unknown redemption code, invalid fields).
   */
  public enum EventOutcome { APPLIED, DUPLICATE, REFUSED }

  /**
   * How a chunk of certificates with platform events to apply went: in one transaction
   * ({@code together}), or rolled back and applied one certificate at a time ({@code one_by_one}:
   * a certificate changed by another node meanwhile, or a failure of one of them). Nothing is lost
   * either way; a rising share of the second is a node doing many times the work per event.
   */
  public enum EventChunkOutcome { TOGETHER, ONE_BY_ONE }

  public static final String INTAKE = "sertiflow.intake";
  public static final String REPORT_REQUESTS = "sertiflow.report.requests";
  public static final String PLATFORM_EVENTS = "sertiflow.platform.events";
  public static final String PLATFORM_EVENT_CHUNKS = "sertiflow.platform.event.chunks";
  public static final String STAGE_DURATION = "sertiflow.stage.duration";
  /** The {@code type} label of an event whose type could not be read. */
  public static final String UNKNOWN_TYPE = "UNKNOWN";

  /**
   * The histogram's buckets: stages are due in working days (1, 1 and 7), so from minutes (the
   * demo's simulated platforms) to three weeks (a verification kept waiting over holidays).
   */
  static final Duration[] STAGE_BUCKETS = {Duration.ofMinutes(1), Duration.ofMinutes(5),
      Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(4), Duration.ofHours(8),
      Duration.ofDays(1), Duration.ofDays(2), Duration.ofDays(3), Duration.ofDays(5),
      Duration.ofDays(7), Duration.ofDays(10), Duration.ofDays(14), Duration.ofDays(21)};

  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();

  ServiceMetrics(MeterRegistry registry) {
    this.registry = registry;
    // every series of a bounded label set is there from the start, at 0: a rate over a series
    // that appears only with its first increment misses that increment
    for (IntakeOutcome outcome : IntakeOutcome.values()) {
      intakeCounter(outcome);
    }
    for (EventChunkOutcome outcome : EventChunkOutcome.values()) {
      eventChunkCounter(outcome);
    }
    for (Platform platform : Platform.values()) {
      for (ReportOutcome outcome : ReportOutcome.values()) {
        reportCounter(platform, outcome);
      }
    }
  }

  /** A completion received at intake (one of a batch counts as one). */
  public void intake(IntakeOutcome outcome) {
    afterCommit(() -> intakeCounter(outcome).increment());
  }

  /** A report request to {@code platform} was sent and ended so; counted at once. */
  public void reportRequest(Platform platform, ReportOutcome outcome) {
    reportCounter(platform, outcome).increment();
  }

  /** A platform event received at the callback door. */
  public void platformEvent(Platform platform, String type, EventOutcome outcome) {
    String knownType = type == null || type.isBlank() ? UNKNOWN_TYPE : type;
    afterCommit(() -> counter(PLATFORM_EVENTS, "callback events received from the digital platforms",
        "platform", platform.name(), "type", knownType, "outcome", label(outcome)).increment());
  }

  /** A chunk of certificates' platform events applied so; counted once its transaction ended. */
  public void platformEventChunk(EventChunkOutcome outcome) {
    eventChunkCounter(outcome).increment();
  }

  /**
   * A stage of a certificate on {@code platform} finished after {@code took} (wall time from its
   * start); counted once the stage change commits.
   */
  public void stageCompleted(String stage, Platform platform, Duration took) {
    if (took.isNegative()) {
      return; // a platform's clock ran behind ours: no duration to tell
    }
    afterCommit(() -> timers.computeIfAbsent(stage + "|" + platform, key ->
            Timer.builder(STAGE_DURATION)
                .description("wall time from a stage's start to its completion")
                .tags("stage", stage, "platform", platform.name())
                .serviceLevelObjectives(STAGE_BUCKETS)
                .register(registry))
        .record(took));
  }

  private Counter intakeCounter(IntakeOutcome outcome) {
    return counter(INTAKE, "completions received from the learning platform",
        "outcome", label(outcome));
  }

  private Counter eventChunkCounter(EventChunkOutcome outcome) {
    return counter(PLATFORM_EVENT_CHUNKS,
        "chunks of certificates whose platform events were applied, together or one by one",
        "outcome", label(outcome));
  }

  private Counter reportCounter(Platform platform, ReportOutcome outcome) {
    return counter(REPORT_REQUESTS, "report requests sent to the digital platforms",
        "platform", platform.name(), "outcome", label(outcome));
  }

  private Counter counter(String name, String description, String... tags) {
    return counters.computeIfAbsent(name + String.join("|", tags), key ->
        Counter.builder(name).description(description).tags(tags).register(registry));
  }

  private static String label(Enum<?> outcome) {
    return outcome.name().toLowerCase(Locale.ROOT);
  }

  private static void afterCommit(Runnable count) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          count.run();
        }
      });
    } else {
      count.run();
    }
  }
}
