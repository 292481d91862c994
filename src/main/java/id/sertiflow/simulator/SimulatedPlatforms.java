package id.sertiflow.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.sertiflow.api.ApiProblem;
import id.sertiflow.api.NoControlCharacters;
import id.sertiflow.api.TypedInput;
import id.sertiflow.calendar.ServiceClock;
import id.sertiflow.platform.Platform;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The five digital platforms' report endpoint and the PMO behind them. A platform accepts a
 * report (or rejects a share of them), and for each accepted one the PMO's answers are scheduled
 * as callbacks: REPORTED_TO_PMO after a delay (a share of them late), then PMO_VERIFIED or, for a
 * share, PMO_REJECTED. The answer is stored under the request's Idempotency-Key in the same
 * transaction as the schedule, so a repeat gets the same answer and schedules nothing, even when
 * the copies race each other on different nodes.
 */
@Component
@ConditionalOnSimulator
class SimulatedPlatforms {

  private static final Logger log = LoggerFactory.getLogger(SimulatedPlatforms.class);

  static final int MAX_REPORTS = 1000;
  static final int MAX_KEY_LENGTH = 200;
  static final String PLATFORM_REJECTION = "INVALID_CERTIFICATE_NUMBER";
  static final String DUPLICATE_IN_BATCH = "DUPLICATE_IN_BATCH";
  static final String NAME_MISMATCH = "NAME_MISMATCH";
  static final String DATA_INCOMPLETE = "DATA_INCOMPLETE";
  private static final int ATTEMPTS = 8;
  private static final java.util.regex.Pattern CONTROL = java.util.regex.Pattern.compile("\\p{Cntrl}");

  record Rejection(String redemptionCode, String reason) {}

  /** SertiFlow's daily report as a platform takes it (API.md, "What SertiFlow sends"). */
  record ReportRequest(
      @NotBlank @Size(max = 200) @NoControlCharacters String batchId,
      @NotBlank @Size(max = 200) @NoControlCharacters String provider,
      @NotNull
      @Size(max = MAX_REPORTS, message = "must hold at most " + MAX_REPORTS + " reports")
      List<@Valid Report> reports) {}

  /** One report; its redemption code upper-cased, and spaces or tabs around it dropped. */
  record Report(
      @NotBlank @NoControlCharacters
      @Pattern(regexp = "[A-Z0-9]{6,32}", message = "must be 6 to 32 of A-Z and 0-9") String redemptionCode,
      @NotBlank @Size(max = 64) @NoControlCharacters String certificateNumber,
      @NotBlank @Size(max = 200) @NoControlCharacters String participantName,
      @NotBlank @Size(max = 128) @NoControlCharacters String courseId,
      @NotNull OffsetDateTime completedAt,
      @NotNull Boolean reviewSubmitted) {

    Report {
      if (redemptionCode != null) {
        redemptionCode = redemptionCode.replaceAll("^[ \\t]+|[ \\t]+$", "").toUpperCase(Locale.ROOT);
      }
    }
  }

  /** What a platform answers: 200 with the codes it took and the ones it refused. */
  record ReportAnswer(List<String> accepted, List<Rejection> rejected) {}

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final ObjectMapper json;
  private final ServiceClock clock;
  private final SimulatorEvents events;
  private final SimulatorProperties settings;
  private final TypedInput input;

  SimulatedPlatforms(JdbcTemplate jdbc, TransactionTemplate transaction, ObjectMapper json,
      ServiceClock clock, SimulatorEvents events, TypedInput input, SimulatorProperties settings) {
    this.input = input;
    this.jdbc = jdbc;
    this.transaction = transaction;
    this.json = json;
    this.clock = clock;
    this.events = events;
    this.settings = settings;
  }

  ReportAnswer report(Platform platform, String idempotencyKey, byte[] body) {
    String key = checkedKey(idempotencyKey);
    Optional<ReportAnswer> earlier = storedAnswer(platform, key);
    if (earlier.isPresent()) {
      log.info("Simulated {} got batch {} again: same answer, nothing new scheduled",
          platform.displayName(), key);
      return earlier.get();
    }
    ReportRequest request = input.read(TypedInput.parse(json, body), ReportRequest.class);
    List<String> codes = request.reports().stream().map(Report::redemptionCode).toList();
    String batchId = request.batchId();

    Instant now = clock.now();
    List<String> accepted = new ArrayList<>();
    List<Rejection> rejected = new ArrayList<>();
    List<SimulatorEvents.Event> schedule = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (String code : codes) {
      if (!seen.add(code)) {
        rejected.add(new Rejection(code, DUPLICATE_IN_BATCH));
      } else if (random.nextDouble() < settings.platformRejectionShare()) {
        rejected.add(new Rejection(code, PLATFORM_REJECTION));
      } else {
        accepted.add(code);
        if (settings.pmoEnabled()) {
          // whole seconds: the callbacks' occurredAt read like a platform's timestamps
          schedule.addAll(pmoAnswers(platform, code, now.truncatedTo(ChronoUnit.SECONDS), random));
        }
      }
    }
    ReportAnswer answer = new ReportAnswer(List.copyOf(accepted), List.copyOf(rejected));
    String stored = write(answer);

    for (int attempt = 1; ; attempt++) {
      try {
        transaction.executeWithoutResult(tx -> {
          // first, so that a concurrent copy of this request fails here, before it schedules
          jdbc.update("insert into simulator_report_batch (platform, idempotency_key, batch_id,"
              + " received_at, answer) values (?, ?, ?, ?, ?)",
              platform.name(), key, batchId, SimulatorEvents.utc(now), stored);
          countAccepted(platform, accepted, now);
          events.schedule(schedule, now);
        });
        log.info("Simulated {} took batch {}: {} accepted, {} rejected; {} PMO callbacks scheduled",
            platform.displayName(), key, accepted.size(), rejected.size(), schedule.size());
        return answer;
      } catch (DataAccessException | TransactionException raced) {
        // the same key stored by a concurrent request, or a count row inserted by another batch
        Optional<ReportAnswer> theirs = storedAnswer(platform, key);
        if (theirs.isPresent()) {
          return theirs.get();
        }
        if (attempt >= ATTEMPTS) {
          log.warn("Simulated {} could not store batch {}: {}", platform.displayName(), key,
              String.valueOf(raced.getMessage()));
          throw ApiProblem.conflict("Another request with this Idempotency-Key is being answered;"
              + " send it again in a moment.");
        }
        pause(attempt);
      }
    }
  }

  /** Per platform and code, how many times a report was accepted (0 if never). */
  int acceptedCount(Platform platform, String redemptionCode) {
    List<Integer> counts = jdbc.queryForList("select accepted_count from simulator_accepted_report"
        + " where platform = ? and redemption_code = ?", Integer.class, platform.name(),
        redemptionCode);
    return counts.isEmpty() ? 0 : counts.get(0);
  }

  private List<SimulatorEvents.Event> pmoAnswers(Platform platform, String code, Instant now,
      ThreadLocalRandom random) {
    boolean late = random.nextDouble() < settings.lateShare();
    Instant reported = now.plus(late ? settings.lateDelay() : settings.pmoReportDelay());
    Instant answered = reported.plus(settings.verificationDelay());
    SimulatorEvents.Event toPmo = new SimulatorEvents.Event(newEventId(), platform,
        "REPORTED_TO_PMO", code, null, null, reported);
    SimulatorEvents.Event verdict;
    if (random.nextDouble() < settings.pmoRejectionShare()) {
      boolean name = random.nextDouble() < settings.nameMismatchRejectionShare();
      verdict = new SimulatorEvents.Event(newEventId(), platform, "PMO_REJECTED", code,
          name ? NAME_MISMATCH : DATA_INCOMPLETE,
          name ? "The participant name does not match the name on the Kartu Prakerja account."
              : "The report lacks data the PMO needs to verify the certificate.",
          answered);
    } else {
      verdict = new SimulatorEvents.Event(newEventId(), platform, "PMO_VERIFIED", code, null,
          null, answered);
    }
    return List.of(toPmo, verdict);
  }

  private static String newEventId() {
    return "sim-" + UUID.randomUUID();
  }

  private void countAccepted(Platform platform, List<String> accepted, Instant now) {
    // in a fixed order, so that two batches sharing codes cannot deadlock each other; one JDBC
    // batch of standard MERGEs (H2 and PostgreSQL 15), not an update and an insert per code: a
    // batch of 500 was 1,000 statements of the benchmark's daily report
    Object at = SimulatorEvents.utc(now);
    jdbc.batchUpdate("merge into simulator_accepted_report r using (select cast(? as varchar(16))"
        + " as p, cast(? as varchar(32)) as c, cast(? as timestamp with time zone) as t) v"
        + " on r.platform = v.p and r.redemption_code = v.c"
        + " when matched then update set accepted_count = r.accepted_count + 1, last_accepted_at = v.t"
        + " when not matched then insert (platform, redemption_code, accepted_count,"
        + " first_accepted_at, last_accepted_at) values (v.p, v.c, 1, v.t, v.t)",
        new TreeSet<>(accepted).stream().map(code -> new Object[] {platform.name(), code, at})
            .toList());
  }

  private Optional<ReportAnswer> storedAnswer(Platform platform, String key) {
    List<String> answers = jdbc.queryForList("select answer from simulator_report_batch"
        + " where platform = ? and idempotency_key = ?", String.class, platform.name(), key);
    if (answers.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(json.readValue(answers.get(0), ReportAnswer.class));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A stored simulator answer is not readable", e);
    }
  }

  private String write(ReportAnswer answer) {
    try {
      return json.writeValueAsString(answer);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A simulator answer could not be written", e);
    }
  }

  private static String checkedKey(String key) {
    if (key == null || key.isBlank()) {
      throw ApiProblem.badRequest("Send the batch's idempotency key in the Idempotency-Key header.");
    }
    String trimmed = key.trim();
    if (trimmed.length() > MAX_KEY_LENGTH || CONTROL.matcher(trimmed).find()) {
      throw ApiProblem.badRequest("Idempotency-Key must be at most " + MAX_KEY_LENGTH
          + " printable characters.");
    }
    return trimmed;
  }


  private static void pause(int attempt) {
    try {
      Thread.sleep(25L * attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApiProblem.conflict("Interrupted; send the request again.");
    }
  }
}
