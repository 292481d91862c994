package id.sertiflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.sertiflow.TestBrowser;
import id.sertiflow.reliability.HostileCorpus.Case;
import id.sertiflow.reliability.HostileCorpus.Expect;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * SertiFlow's worst day, as one run: two nodes of the built jar on one PostgreSQL database, a
 * stub platform in this process, certificates through the whole pipeline while nodes are killed
 * with {@code kill -9}, a platform outage, every callback posted twice, and a hostile corpus.
 * Then the database and the APIs are asked whether anything was lost or done twice, and the
 * figures are written to {@code reliability.report} (docs/reliability.md for the full run).
 *
 * <p>Not part of {@code ./mvnw verify}: run it with {@code .ci/reliability} (README, "Reliability").
 */
class ReliabilityRun {

  static final String[] PLATFORMS = {"BUKALAPAK", "PINTARIA", "TOKOPEDIA", "PIJAR_MAHIR", "KARIERMU"};
  static final String OUTAGE_PLATFORM = "KARIERMU";
  static final String API_KEY = "reliability-key";
  static final String OPERATOR = "reliabilityop";
  static final String OPERATOR_PASSWORD = "Andal-Sekali-2026!"; // held to the password policy: no part of the name
  static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");

  enum Expected { VERIFIED, NAME_MISMATCH, PLATFORM_REJECTED, PMO_REJECTED }

  record Learner(int n, String code, String platform, Expected expected, boolean backdated) {
    boolean reported() {
      return expected == Expected.VERIFIED || expected == Expected.PMO_REJECTED;
    }
  }

  // --- the run's size, from system properties (.ci/reliability sets them)
  final int certificates = Integer.getInteger("reliability.certificates", 10_000);
  final int hostileSize = Integer.getInteger("reliability.hostile", 10_000);
  final int kills = Integer.getInteger("reliability.kills", 2);
  final Duration outage = Duration.parse(System.getProperty("reliability.outage", "PT10M"));
  final int chunkSize = Integer.getInteger("reliability.chunk-size", 200);
  final int erasurePairs = Integer.getInteger("reliability.erasure-pairs", 200);
  final long seed = Long.getLong("reliability.seed", 20261128L);
  final String database = System.getProperty("reliability.database", "sertiflow_rel");
  final Path report = Paths.get(System.getProperty("reliability.report", "target/reliability.md"));
  final String command = System.getProperty("reliability.command", ".ci/reliability");

  final ObjectMapper json = new ObjectMapper();
  final Http http = new Http();
  final Map<String, String> figures = new LinkedHashMap<>();
  final List<String> findings = Collections.synchronizedList(new ArrayList<>());
  final Map<String, String> secrets = new HashMap<>();
  Node a;
  Node b;
  StubPlatform platform;
  List<Learner> learners;
  String jdbcUrl;
  final AtomicInteger maxIncidents = new AtomicInteger();
  volatile String incidentSample;
  LearnerInbox inbox;
  int lost;
  int duplicated;

  @Test
  void nothingLostNothingDoneTwice() throws Exception {
    Instant started = Instant.now();
    for (String p : PLATFORMS) {
      secrets.put(path(p), "reliability-secret-" + path(p));
    }
    learners = population();
    jdbcUrl = "jdbc:postgresql://127.0.0.1:5432/" + database;
    freshDatabase();
    Files.deleteIfExists(Paths.get(HostileCorpus.PWNED));
    ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r);
      t.setDaemon(true);
      return t;
    });
    // every port is one the system picks: the stub's its own, each node's once for all its starts
    try (StubPlatform stub = new StubPlatform(secrets::get, this::platformRejection);
        LearnerInbox learnersMail = new LearnerInbox()) {
      platform = stub;
      inbox = learnersMail;
      stub.planOutage(path(OUTAGE_PLATFORM), outage);
      Path jar = builtJar();
      a = new Node("node-a", Node.freePort(), jar, Paths.get("target/reliability"), nodeSettings());
      b = new Node("node-b", Node.freePort(), jar, Paths.get("target/reliability"), nodeSettings());
      try {
        // one after the other: the first creates the schema
        a.start(Duration.ofMinutes(4));
        b.start(Duration.ofMinutes(4));
        watcher.scheduleWithFixedDelay(this::watchIncidents, 2, 3, TimeUnit.SECONDS);
        intake();
        dailyReportWithAKill();
        hostileCorpus();
        outageAndRecovery();
        callbackStormWithAKillAndReplays();
        check();
        checkLearnerMail();
        new ErasureRace(this, erasurePairs).run();
      } catch (Throwable stopped) {
        findings.add("the run stopped: " + stopped);
        throw stopped;
      } finally {
        watcher.shutdownNow();
        figures.put("run took", minutes(Duration.between(started, Instant.now())));
        writeReport(started);
        a.close();
        b.close();
      }
    }
    assertThat(findings).as("findings (see " + report + ")").isEmpty();
    assertThat(lost).as("lost").isZero();
    assertThat(duplicated).as("duplicated").isZero();
    assertThat(http.serverErrors.get()).as("5xx answers").isZero();
  }

  // --- set-up

  List<Learner> population() {
    List<Learner> all = new ArrayList<>(certificates);
    for (int n = 0; n < certificates; n++) {
      Expected expected = switch (n % 50) {
        case 7 -> Expected.NAME_MISMATCH;
        case 13 -> Expected.PLATFORM_REJECTED;
        case 29 -> Expected.PMO_REJECTED;
        default -> Expected.VERIFIED;
      };
      all.add(new Learner(n, String.format("RL%07d", n), PLATFORMS[(n + n / 50) % PLATFORMS.length], expected,
          n % 10 == 3));
    }
    return all;
  }

  String platformRejection(String code) {
    int n = code.startsWith("RL") ? Integer.parseInt(code.substring(2)) : -1;
    return n >= 0 && n % 50 == 13 ? "CERTIFICATE_NUMBER_UNKNOWN" : null;
  }

  static String path(String platform) {
    return platform.toLowerCase(Locale.ROOT).replace('_', '-');
  }

  List<String> nodeSettings() {
    List<String> settings = nodeSettings(jdbcUrl, chunkSize, platform.port(), secrets);
    // the learners' e-mails go to the harness's SMTP server; a claim of a killed node runs out
    // after 30 s, and another node sends its e-mails again under the same Message-ID
    settings.addAll(List.of(
        "--spring.mail.host=127.0.0.1",
        "--spring.mail.port=" + inbox.port,
        "--sertiflow.notifications.poll-interval=PT2S",
        "--sertiflow.notifications.claim-for=PT30S",
        "--sertiflow.notifications.first-retry-after=PT5S",
        "--sertiflow.notifications.opt-out-secret=reliability-secret-opt-out-links"));
    return settings;
  }

  /**
   * How every node of a run is started: on the run's database, its API key and first operator, a
   * report every minute to the stub platform on {@code platformPort}; also the rolling upgrade's.
   */
  static List<String> nodeSettings(String jdbcUrl, int chunkSize, int platformPort,
      Map<String, String> secrets) {
    List<String> s = new ArrayList<>(List.of(
        "--spring.profiles.active=postgres",
        "--spring.datasource.url=" + jdbcUrl,
        "--spring.datasource.username=postgres",
        "--spring.datasource.password=",
        "--sertiflow.api-keys=" + API_KEY,
        "--camunda.bpm.admin-user.id=" + OPERATOR,
        "--camunda.bpm.admin-user.password=" + OPERATOR_PASSWORD,
        "--sertiflow.simulator.enabled=false",
        // a short report cycle: a scheduled report every minute, any day
        "--sertiflow.reporting.cron=0 * * ? * *",
        "--sertiflow.reporting.working-days-only=false",
        "--sertiflow.reporting.chunk-size=" + chunkSize,
        // three retries 10 s apart: an outage of a minute or more ends in incidents
        "--sertiflow.reporting.retry-cycle=R3/PT10S",
        "--sertiflow.reporting.connect-timeout=2s",
        // a dead node's jobs are taken over after a minute, not Camunda's default five
        "--camunda.bpm.job-execution.lock-time-in-millis=60000",
        "--sertiflow.inbox.sweep-interval=PT10S",
        // the hostile corpus looks up far more than a learner would
        "--sertiflow.status-lookups.per-address=100000000",
        "--sertiflow.status-lookups.per-code=100000000",
        "--logging.level.root=WARN",
        "--logging.level.id.sertiflow=INFO"));
    for (String p : PLATFORMS) {
      s.add("--sertiflow.platforms." + path(p) + ".secret=" + secrets.get(path(p)));
      s.add("--sertiflow.platforms." + path(p) + ".base-url=http://127.0.0.1:" + platformPort + "/" + path(p));
    }
    return s;
  }

  void freshDatabase() throws SQLException {
    freshDatabase(database);
  }

  /** The run's database, dropped (its connections closed) and created empty. */
  static void freshDatabase(String database) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("drop database if exists " + database + " with (force)");
      s.execute("create database " + database);
    }
  }

  static Path builtJar() throws IOException {
    try (var files = Files.list(Paths.get("target"))) {
      return files.filter(f -> f.getFileName().toString().matches("sertiflow-.*\\.jar"))
          .filter(f -> !f.getFileName().toString().endsWith("-plain.jar")).findFirst()
          .orElseThrow(() -> new IllegalStateException("No built jar in target/: run ./mvnw package first"));
    }
  }

  // --- 1. intake

  ObjectNode completion(Learner l, OffsetDateTime completedAt) {
    ObjectNode c = json.createObjectNode();
    c.put("completionId", "rel-" + l.n());
    c.put("redemptionCode", l.code());
    c.put("platform", l.platform());
    String name = "Peserta " + letters(l.n());
    c.putObject("learner").put("id", "u-" + l.n()).put("name", name).put("email", "p" + l.n() + "@example.com");
    c.put("prakerjaName", l.expected() == Expected.NAME_MISMATCH ? "NAMA LAIN " + letters(l.n())
        : name.toUpperCase(Locale.ROOT));
    c.putObject("course").put("id", "c-" + (l.n() % 17)).put("title", "Kelas Keandalan " + (l.n() % 17));
    c.put("progressPercent", 100);
    c.put("examPassed", true);
    c.put("certificateNumber", "SA-REL-" + l.n());
    c.put("completedAt", (l.backdated() ? completedAt.minusDays(7) : completedAt).toString());
    c.put("reviewSubmitted", l.n() % 5 != 0);
    return c;
  }

  static String letters(int n) {
    StringBuilder s = new StringBuilder();
    do {
      s.append((char) ('a' + n % 26));
      n /= 26;
    } while (n > 0);
    return s.toString();
  }

  void intake() throws Exception {
    OffsetDateTime completedAt = OffsetDateTime.now(JAKARTA).minusHours(1).truncatedTo(ChronoUnit.SECONDS);
    int batchSize = 250;
    List<List<Learner>> batches = new ArrayList<>();
    for (int from = 0; from < learners.size(); from += batchSize) {
      batches.add(learners.subList(from, Math.min(learners.size(), from + batchSize)));
    }
    Instant start = Instant.now();
    AtomicInteger created = new AtomicInteger();
    AtomicInteger csvRows = new AtomicInteger();
    parallel(4, batches.size(), i -> {
      List<Learner> batch = batches.get(i);
      Node node = i % 2 == 0 ? a : b;
      Http.Answer answer;
      if (i % 5 == 4) {
        StringBuilder csv = new StringBuilder("completionId,redemptionCode,platform,learner.id,learner.name,"
            + "learner.email,prakerjaName,course.id,course.title,progressPercent,examPassed,"
            + "certificateNumber,completedAt,reviewSubmitted\r\n");
        for (Learner l : batch) {
          JsonNode c = completion(l, completedAt);
          csv.append(String.join(",", c.get("completionId").asText(), c.get("redemptionCode").asText(),
              c.get("platform").asText(), c.at("/learner/id").asText(), c.at("/learner/name").asText(),
              c.at("/learner/email").asText(), c.get("prakerjaName").asText(), c.at("/course/id").asText(),
              c.at("/course/title").asText(), "100", "true", c.get("certificateNumber").asText(),
              c.get("completedAt").asText(), c.get("reviewSubmitted").asText())).append("\r\n");
        }
        answer = http.send("POST", node.base() + "/api/v1/completions/batch", "text/csv",
            csv.toString().getBytes(StandardCharsets.UTF_8), Map.of("X-Api-Key", API_KEY));
        csvRows.addAndGet(batch.size());
      } else {
        ArrayNode rows = json.createArrayNode();
        batch.forEach(l -> rows.add(completion(l, completedAt)));
        answer = http.send("POST", node.base() + "/api/v1/completions/batch", "application/json",
            json.writeValueAsBytes(rows), Map.of("X-Api-Key", API_KEY));
      }
      if (answer.status() != 200) {
        findings.add("intake batch " + i + " answered " + answer.status() + ": " + Http.abbreviate(answer.text(), 200));
        return;
      }
      for (JsonNode r : json.readTree(answer.body()).get("results")) {
        if ("CREATED".equals(r.get("outcome").asText())) {
          created.incrementAndGet();
        } else {
          findings.add("intake row " + r + " was not created");
        }
      }
    });
    Duration took = Duration.between(start, Instant.now());
    figures.put("certificates", Integer.toString(certificates));
    figures.put("intake", created.get() + " created through /completions/batch (" + csvRows.get()
        + " of them as CSV), 250 a request, 4 clients over both nodes, in " + seconds(took));
    Map<Expected, Long> mix = new LinkedHashMap<>();
    learners.forEach(l -> mix.merge(l.expected(), 1L, Long::sum));
    figures.put("mix", mix + "; " + learners.stream().filter(Learner::backdated).count()
        + " completed 7 days earlier (their report is overdue at once)");
  }

  // --- 2. the daily report, and a kill in its middle

  void dailyReportWithAKill() throws Exception {
    long expectedReported = learners.stream().filter(Learner::reported).count();
    long outsideOutage = learners.stream().filter(l -> l.reported() && !l.platform().equals(OUTAGE_PLATFORM)).count();
    long rejectedOutside = learners.stream().filter(l -> l.expected() == Expected.PLATFORM_REJECTED
        && !l.platform().equals(OUTAGE_PLATFORM)).count();
    Instant start = Instant.now();
    if (kills >= 1) {
      waitFor(Duration.ofMinutes(15), "a quarter of the reports accepted",
          () -> platform.acceptances.size() >= expectedReported / 4);
      // the platform keeps what it is sent but holds its answers, so the kill lands between a
      // report taken and its answer heard
      platform.holdAnswers();
      waitFor(Duration.ofMinutes(2), "a report request waiting for its answer", () -> platform.held.get() >= 1);
      int inFlight = platform.inFlight.get();
      int acceptedBefore = platform.acceptances.size();
      a.kill();
      platform.releaseAnswers();
      figures.put("kill 1", "kill -9 of node-a during the daily report, with " + acceptedBefore + " of "
          + expectedReported + " reports accepted and " + inFlight + " report request(s) open at the platform, "
          + seconds(Duration.between(start, Instant.now())) + " after intake; restarted once its process was gone");
      a.start(Duration.ofMinutes(4));
    }
    waitFor(Duration.ofMinutes(20), "every report outside the outage answered", () -> count(
        "select count(*) from certificate where current_stage = 'REPORTED_TO_PMO' and platform <> '"
            + OUTAGE_PLATFORM + "'") >= outsideOutage
        && count("select count(*) from certificate where action_reason = 'PLATFORM_REJECTED' and platform <> '"
            + OUTAGE_PLATFORM + "'") >= rejectedOutside);
    figures.put("daily report", outsideOutage + " reports accepted and " + rejectedOutside
        + " rejected by the four platforms that stayed up, " + seconds(Duration.between(start, Instant.now()))
        + " after intake; " + platform.requests.get() + " report requests so far");
  }

  // --- 4. hostile input (while the outage runs)

  void hostileCorpus() throws Exception {
    String completedAt = OffsetDateTime.now(JAKARTA).minusHours(2).truncatedTo(ChronoUnit.SECONDS).toString();
    HostileCorpus corpus = new HostileCorpus(seed, API_KEY, secrets, completedAt);
    List<Case> cases = corpus.generate(hostileSize);
    String[] tables = {"certificate", "certificate_stage", "platform_event"};
    Map<String, Long> before = new LinkedHashMap<>();
    for (String t : tables) {
      before.put(t, count("select count(*) from " + t));
    }
    long instancesBefore = count("select count(*) from act_hi_procinst where proc_def_key_ = 'certificate-reporting'");
    int serverErrorsBefore = http.serverErrors.get();
    AtomicInteger createdExpected = new AtomicInteger();
    AtomicInteger createdSeen = new AtomicInteger();
    AtomicInteger violations = new AtomicInteger();
    AtomicInteger closedEarly = new AtomicInteger();
    Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    List<Case> createdCases = Collections.synchronizedList(new ArrayList<>());
    Instant start = Instant.now();
    parallel(4, cases.size(), i -> {
      Case c = cases.get(i);
      Node node = i % 2 == 0 ? a : b;
      Map<String, String> headers = new HashMap<>(c.headers());
      if (c.target().equals("callback") && headers.containsKey("X-Sertiflow-Timestamp")
          && !"0".equals(headers.get("X-Sertiflow-Timestamp"))) {
        // signed again now: the corpus may be older than the 300 s a signature lives
        Map<String, String> fresh = Http.signed(c.kind().equals("bad signature") ? "not-the-secret"
            : secrets.get(c.path().split("/")[4]), c.body());
        headers.putAll(fresh);
      }
      Http.Answer answer;
      try {
        answer = http.send(c.method(), node.base() + c.path(), c.contentType(), c.body(), headers);
      } catch (IOException closed) {
        // the service answers 413 to a body over 1 MiB before reading it, and closes the
        // connection: a client still sending may see the close rather than the answer
        closedEarly.incrementAndGet();
        if (c.body() == null || c.body().length <= 1024 * 1024) {
          findings.add("hostile " + c.target() + " / " + c.kind() + ": no answer (" + closed + ")");
        }
        return;
      }
      statuses.computeIfAbsent(answer.status(), s -> new AtomicInteger()).incrementAndGet();
      String verdict = judge(c, answer);
      createdExpected.addAndGet(c.expect() == Expect.CREATED || c.expect() == Expect.BATCH ? c.created() : 0);
      if (answer.status() == 201) {
        createdSeen.incrementAndGet();
        if (c.expect() == Expect.CREATED) {
          createdCases.add(c);
        }
      } else if (c.expect() == Expect.BATCH && answer.status() == 200) {
        for (JsonNode r : json.readTree(answer.body()).path("results")) {
          if ("CREATED".equals(r.path("outcome").asText())) {
            createdSeen.incrementAndGet();
          }
        }
      }
      if (verdict != null) {
        violations.incrementAndGet();
        if (findings.size() < 60) {
          findings.add("hostile " + c.target() + " / " + c.kind() + ": " + verdict);
        }
      }
    });
    Duration took = Duration.between(start, Instant.now());
    long instancesAfter = count("select count(*) from act_hi_procinst where proc_def_key_ = 'certificate-reporting'");
    long certificatesAdded = count("select count(*) from certificate") - before.get("certificate");
    long eventsAdded = count("select count(*) from platform_event") - before.get("platform_event");
    if (certificatesAdded != createdSeen.get() || instancesAfter - instancesBefore != createdSeen.get()) {
      findings.add("hostile input stored " + certificatesAdded + " certificates and " + (instancesAfter - instancesBefore)
          + " process instances for " + createdSeen.get() + " accepted inputs");
    }
    if (createdSeen.get() != createdExpected.get()) {
      findings.add("hostile input: " + createdSeen.get() + " created, " + createdExpected.get() + " valid inputs sent");
    }
    if (eventsAdded != 0) {
      findings.add("hostile callbacks stored " + eventsAdded + " platform events");
    }
    boolean executed = Files.exists(Paths.get(HostileCorpus.PWNED));
    if (executed) {
      findings.add("an expression from the input was executed: " + HostileCorpus.PWNED + " exists");
    }
    // the stored learner names read back exactly as sent, through the API
    int literal = 0;
    for (Case c : createdCases) {
      JsonNode doc = json.readTree(statusByCode(a, c.code()).body());
      if (c.learnerName().equals(doc.at("/learner/name").asText())) {
        literal++;
      } else {
        findings.add("learner name of " + c.code() + " stored as " + doc.at("/learner/name") + ", sent " + c.learnerName());
      }
    }
    String page = statusPageShowsMarkupAsText(createdCases);
    Map<String, Map<String, Integer>> tally = HostileCorpus.tally(cases);
    StringBuilder kinds = new StringBuilder();
    tally.forEach((target, byKind) -> kinds.append("\n  - ").append(target).append(" (")
        .append(byKind.values().stream().mapToInt(Integer::intValue).sum()).append("): ").append(byKind));
    figures.put("hostile inputs", cases.size() + " requests (seed " + seed + ") in " + seconds(took) + kinds);
    figures.put("hostile answers", new java.util.TreeMap<>(statuses) + " (status: count); " + closedEarly.get()
        + " connections closed while a body over 1 MiB was still being sent; " + violations.get()
        + " answers not as the contract says; " + (http.serverErrors.get() - serverErrorsBefore) + " 5xx");
    figures.put("hostile stored", createdSeen.get() + " valid inputs (hostile text in names and titles) created "
        + certificatesAdded + " certificates; nothing else stored (rows before → after: "
        + describeCounts(tables, before) + "); " + literal + " names read back literally; expressions executed: "
        + (executed ? "YES" : "none") + "; status page: " + page);
  }

  /** Judges one answer; null when it is what the contract says. */
  String judge(Case c, Http.Answer answer) {
    int status = answer.status();
    if (status >= 500) {
      return status + " " + Http.abbreviate(answer.text(), 200);
    }
    String leak = leak(answer.text(), c.body() == null ? c.path() : new String(c.body(), StandardCharsets.UTF_8) + c.path());
    if (leak != null) {
      return "answer mentions " + leak + ": " + Http.abbreviate(answer.text(), 200);
    }
    switch (c.expect()) {
      case CREATED:
        return status == 201 ? null : "expected 201, got " + status + " " + Http.abbreviate(answer.text(), 300);
      case LOOKED_UP:
        return status == 200 ? null : "expected 200, got " + status + " " + Http.abbreviate(answer.text(), 200);
      case BATCH:
        if (status != 200) {
          return "expected 200 with per-row outcomes, got " + status + " " + Http.abbreviate(answer.text(), 200);
        }
        return null; // rows created are counted against the rows that were valid
      case NOTHING_TAKEN:
        if (status == 200 || status == 202) {
          return answer.text().contains("\"ACCEPTED\"") || answer.text().contains("\"CREATED\"")
              ? "an invalid item was taken: " + Http.abbreviate(answer.text(), 200) : null;
        }
        return problem(answer);
      default:
        return problem(answer);
    }
  }

  private String problem(Http.Answer answer) {
    if (answer.status() < 400 || answer.status() >= 500) {
      return "expected a 4xx problem, got " + answer.status() + " " + Http.abbreviate(answer.text(), 200);
    }
    if (!answer.contentType().startsWith("application/problem+json")) {
      return answer.status() + " as " + answer.contentType() + ", not application/problem+json: "
          + Http.abbreviate(answer.text(), 200);
    }
    try {
      JsonNode problem = json.readTree(answer.body());
      if (problem.path("status").asInt() != answer.status() || !problem.hasNonNull("title")) {
        return "problem document without its status or title: " + Http.abbreviate(answer.text(), 200);
      }
    } catch (IOException e) {
      return "problem document that is not JSON: " + Http.abbreviate(answer.text(), 200);
    }
    return null;
  }

  /**
   * A sign of internals in an answer, unless the request or the corpus's own stored names carried
   * it (a name echoed back is not a leak).
   */
  String leak(String answer, String request) {
    String body = answer;
    for (String injection : HostileCorpus.INJECTIONS) {
      body = body.replace(injection, "");
      try {
        String escaped = json.writeValueAsString(injection);
        body = body.replace(escaped.substring(1, escaped.length() - 1), "");
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    for (String sign : List.of("Exception", "\tat ", "org.springframework", "org.camunda", "org.postgresql",
        "org.hibernate", "java.lang", "SQLState", "PSQL")) {
      if (body.contains(sign) && !request.contains(sign)) {
        return sign;
      }
    }
    return null;
  }

  /** The learner's page in headless Chromium, if there is one, showing a stored HTML-ish name. */
  String statusPageShowsMarkupAsText(List<Case> created) {
    Case markup = created.stream().filter(c -> c.learnerName().contains("<img")
        || c.learnerName().contains("<script")).findFirst().orElse(null);
    if (markup == null) {
      return "no stored name with markup to look at";
    }
    if (!Files.isExecutable(TestBrowser.CHROMIUM)) {
      return "not looked at in a browser (no Chromium at " + TestBrowser.CHROMIUM + ")";
    }
    try (var playwright = TestBrowser.playwright();
        var browser = playwright.chromium().launch(TestBrowser.launchOptions())) {
      var page = browser.newPage();
      page.navigate(a.base() + "/");
      page.getByLabel("Kode redeem").fill(markup.code());
      page.getByLabel("E-mail yang dipakai di kelas").fill(markup.email());
      page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
          new com.microsoft.playwright.Page.GetByRoleOptions().setName("Cek Status")).click();
      var article = page.getByRole(com.microsoft.playwright.options.AriaRole.ARTICLE);
      article.waitFor();
      page.waitForTimeout(500);
      String text = article.innerText();
      int elements = page.locator("#outcome img, #outcome script, #outcome svg").count();
      String title = page.title();
      boolean literal = text.contains(markup.learnerName().replaceAll("\\s+", " ").trim())
          || text.replaceAll("\\s+", " ").contains(markup.learnerName().replaceAll("\\s+", " ").trim());
      if (!literal || elements > 0 || title.contains("pwned")) {
        findings.add("status page: name " + markup.learnerName() + " shown as text: " + literal
            + ", markup elements: " + elements + ", title: " + title);
      }
      return "the name " + markup.learnerName() + " looked up in headless Chromium: shown as text "
          + (literal ? "yes" : "NO") + ", elements made from it " + elements;
    } catch (RuntimeException e) {
      findings.add("status page check failed: " + e.getMessage());
      return "check failed: " + e.getMessage();
    }
  }

  // --- 2. the platform outage

  void watchIncidents() {
    try {
      Node node = a.running() ? a : b;
      Http.Answer answer = http.get(node.base() + "/engine-rest/incident?maxResults=1000",
          Map.of("Authorization", Http.basic(OPERATOR, OPERATOR_PASSWORD)));
      if (answer.status() == 200) {
        JsonNode incidents = json.readTree(answer.body());
        if (incidents.size() > maxIncidents.get()) {
          maxIncidents.set(incidents.size());
          incidentSample = incidents.get(0).path("incidentMessage").asText();
        }
      }
    } catch (Exception nodeDown) {
      // a node being killed or started; the next look will do
    }
  }

  void outageAndRecovery() throws Exception {
    long outageReported = learners.stream().filter(l -> l.reported() && l.platform().equals(OUTAGE_PLATFORM)).count();
    long outageRejected = learners.stream().filter(l -> l.expected() == Expected.PLATFORM_REJECTED
        && l.platform().equals(OUTAGE_PLATFORM)).count();
    waitFor(outage.plus(Duration.ofMinutes(10)), "the outage to end", platform::outageOver);
    figures.put("outage", OUTAGE_PLATFORM + " answered 503 for " + minutes(outage) + " from its first report request ("
        + platform.outageStart.atZone(JAKARTA).toLocalTime().truncatedTo(ChronoUnit.SECONDS) + " WIB); "
        + platform.refusedDuringOutage.get() + " requests refused under " + platform.keysRefusedDuringOutage.size()
        + " batch id(s); retry cycle R3/PT10S, a scheduled report every minute; at most " + maxIncidents.get()
        + " incident(s) open at once over /engine-rest/incident (\"" + incidentSample + "\")");
    if (maxIncidents.get() == 0) {
      findings.add("the outage raised no incident visible over /engine-rest");
    }
    Instant back = Instant.now();
    waitFor(Duration.ofMinutes(10), "the outage platform's reports answered", () -> count(
        "select count(*) from certificate where current_stage = 'REPORTED_TO_PMO' and platform = '"
            + OUTAGE_PLATFORM + "'") >= outageReported
        && count("select count(*) from certificate where action_reason = 'PLATFORM_REJECTED' and platform = '"
            + OUTAGE_PLATFORM + "'") >= outageRejected);
    // the operator retries what is left, over the engine REST API, as from Cockpit
    Map<String, String> operator = Map.of("Authorization", Http.basic(OPERATOR, OPERATOR_PASSWORD));
    JsonNode incidents = json.readTree(http.get(a.base() + "/engine-rest/incident?maxResults=1000", operator).body());
    int retried = 0;
    for (JsonNode incident : incidents) {
      if ("failedJob".equals(incident.path("incidentType").asText())) {
        Http.Answer put = http.send("PUT", a.base() + "/engine-rest/job/" + incident.path("configuration").asText()
            + "/retries", "application/json", "{\"retries\": 1}".getBytes(), operator);
        if (put.status() == 204) {
          retried++;
        } else {
          findings.add("retrying job " + incident.path("configuration").asText() + " answered " + put.status());
        }
      }
    }
    waitFor(Duration.ofMinutes(5), "no incident left", () -> {
      try {
        return json.readTree(http.get(a.base() + "/engine-rest/incident/count", operator).body()).path("count").asInt() == 0;
      } catch (Exception e) {
        return false;
      }
    });
    figures.put("recovery", "the platform's " + outageReported + " reports accepted and " + outageRejected
        + " rejected " + seconds(Duration.between(back, Instant.now())) + " after it came back, counting "
        + retried + " incident(s) retried by the operator (PUT /engine-rest/job/{id}/retries); incidents left: 0");
  }

  // --- 1 and 3. the callback storm: every event twice, shuffled, 8 clients, a kill in its middle

  record Post(String platform, byte[] body) {}

  void callbackStormWithAKillAndReplays() throws Exception {
    OffsetDateTime at = OffsetDateTime.now(JAKARTA).truncatedTo(ChronoUnit.SECONDS);
    Map<String, List<ObjectNode>> events = new LinkedHashMap<>();
    int distinct = 0;
    for (Learner l : learners) {
      if (!l.reported()) {
        continue;
      }
      List<ObjectNode> mine = events.computeIfAbsent(l.platform(), p -> new ArrayList<>());
      mine.add(event(l.code() + "-pmo", "REPORTED_TO_PMO", l.code(), at));
      if (l.expected() == Expected.PMO_REJECTED) {
        mine.add(event(l.code() + "-rejected", "PMO_REJECTED", l.code(), at.plusSeconds(1))
            .put("reason", "DOCUMENT_INCOMPLETE").put("detail", "Sertifikat tidak terbaca"));
      } else {
        mine.add(event(l.code() + "-verified", "PMO_VERIFIED", l.code(), at.plusSeconds(1)));
      }
      distinct += 2;
    }
    Random random = new Random(seed);
    List<Post> posts = new ArrayList<>();
    for (var entry : events.entrySet()) {
      List<ObjectNode> twice = new ArrayList<>(entry.getValue());
      twice.addAll(entry.getValue());
      Collections.shuffle(twice, random);
      for (int from = 0; from < twice.size(); from += 50) {
        ArrayNode array = json.createArrayNode();
        twice.subList(from, Math.min(twice.size(), from + 50)).forEach(array::add);
        posts.add(new Post(entry.getKey(), json.writeValueAsBytes(array)));
      }
    }
    Collections.shuffle(posts, random);
    AtomicInteger done = new AtomicInteger();
    AtomicInteger accepted = new AtomicInteger();
    AtomicInteger duplicates = new AtomicInteger();
    AtomicInteger resent = new AtomicInteger();
    Instant start = Instant.now();
    ExecutorService killer = Executors.newSingleThreadExecutor();
    Future<?> kill = killer.submit(() -> {
      if (kills < 2) {
        return null;
      }
      waitFor(Duration.ofMinutes(20), "two fifths of the callback requests answered",
          () -> done.get() >= posts.size() * 2 / 5);
      int doneBefore = done.get();
      b.kill();
      figures.put("kill 2", "kill -9 of node-b during the callback storm, after " + doneBefore + " of "
          + posts.size() + " requests; restarted once its process was gone");
      b.start(Duration.ofMinutes(4));
      return null;
    });
    parallel(8, posts.size(), i -> {
      Post post = posts.get(i);
      String url = "/api/v1/platforms/" + path(post.platform()) + "/events";
      for (int attempt = 0; ; attempt++) {
        Node node = (i + attempt) % 2 == 0 ? a : b;
        if (!node.running()) {
          node = node == a ? b : a;
        }
        try {
          Http.Answer answer = http.send("POST", node.base() + url, "application/json", post.body(),
              Http.signed(secrets.get(path(post.platform())), post.body()));
          if (answer.status() != 202) {
            if (answer.status() >= 500 && attempt < 20) {
              resent.incrementAndGet();
              continue;
            }
            findings.add("callbacks answered " + answer.status() + ": " + Http.abbreviate(answer.text(), 200));
            break;
          }
          for (JsonNode r : json.readTree(answer.body()).get("results")) {
            switch (r.get("outcome").asText()) {
              case "ACCEPTED" -> accepted.incrementAndGet();
              case "DUPLICATE" -> duplicates.incrementAndGet();
              default -> findings.add("callback " + r + " not taken");
            }
          }
          break;
        } catch (IOException killedOrDown) {
          // a platform resends what got no answer; the other node takes it
          resent.incrementAndGet();
          if (attempt > 40) {
            throw killedOrDown;
          }
          // resent at once, to the other node when this one is down
          waitFor(Duration.ofMinutes(4), "a node to post to", () -> a.running() || b.running());
        }
      }
      done.incrementAndGet();
    });
    kill.get();
    killer.shutdown();
    long verified = learners.stream().filter(l -> l.expected() == Expected.VERIFIED).count();
    long pmoRejected = learners.stream().filter(l -> l.expected() == Expected.PMO_REJECTED).count();
    waitFor(Duration.ofMinutes(20), "every event applied", () ->
        count("select count(*) from platform_event where status = 'PENDING'") == 0
            && count("select count(*) from certificate where state = 'VERIFIED'") >= verified
            && count("select count(*) from certificate where action_reason = 'PMO_REJECTED'") >= pmoRejected);
    figures.put("callback storm", distinct + " distinct events (REPORTED_TO_PMO, then PMO_VERIFIED or PMO_REJECTED) for "
        + (distinct / 2) + " certificates, each posted twice: " + posts.size() + " signed arrays of 50, shuffled, 8 clients over"
        + " both nodes; answers: " + accepted.get() + " ACCEPTED, " + duplicates.get() + " DUPLICATE; " + resent.get()
        + " requests sent again after a connection failed; every event applied "
        + seconds(Duration.between(start, Instant.now())) + " after the first post");
    figures.put("replays", (2 * distinct) + " events posted for " + distinct + " distinct ones");
  }

  ObjectNode event(String id, String type, String code, OffsetDateTime at) {
    return json.createObjectNode().put("eventId", id).put("type", type).put("redemptionCode", code)
        .put("occurredAt", at.toString());
  }

  // --- afterwards: lost, duplicated, 5xx

  void check() throws Exception {
    // every certificate in the state its events call for: the database, then the API
    Map<String, String[]> stored = new HashMap<>();
    query("select redemption_code, state, coalesce(current_stage, ''), coalesce(action_reason, '') from certificate",
        rs -> stored.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3), rs.getString(4)}));
    AtomicInteger wrongInDb = new AtomicInteger();
    for (Learner l : learners) {
      String[] s = stored.get(l.code());
      String[] want = want(l);
      if (s == null || !java.util.Arrays.equals(s, want)) {
        wrongInDb.incrementAndGet();
        if (findings.size() < 80) {
          findings.add(l.code() + " (" + l.expected() + ") is " + (s == null ? "missing" : String.join("/", s))
              + ", expected " + String.join("/", want));
        }
      }
    }
    AtomicInteger wrongInApi = new AtomicInteger();
    parallel(8, learners.size(), i -> {
      Learner l = learners.get(i);
      Node node = i % 2 == 0 ? a : b;
      Http.Answer answer = statusByCode(node, l.code());
      JsonNode doc = answer.status() == 200 ? json.readTree(answer.body()) : null;
      String[] want = want(l);
      if (doc == null || !doc.path("state").asText().equals(want[0])
          || !doc.path("currentStage").asText("").equals(want[1])
          || !doc.path("actionRequired").path("reason").asText("").equals(want[2])) {
        wrongInApi.incrementAndGet();
      }
    });
    // the platform's own count
    int notAccepted = 0;
    int acceptedTwice = 0;
    int shouldNotHave = 0;
    for (Learner l : learners) {
      AtomicInteger n = platform.acceptances.get(l.code());
      int times = n == null ? 0 : n.get();
      if (l.reported() && times == 0) {
        notAccepted++;
      } else if (times > 1) {
        acceptedTwice++;
      } else if (!l.reported() && times > 0) {
        shouldNotHave++;
      }
    }
    long hostileReported = platform.acceptances.keySet().stream().filter(c -> c.startsWith("HX")).count();
    // the engine's own records
    long twinInstances = count("select count(*) from (select business_key_ from act_hi_procinst where proc_def_key_ ="
        + " 'certificate-reporting' group by business_key_ having count(*) > 1) t");
    long twinTasks = count("select count(*) from (select proc_inst_id_, task_def_key_ from act_hi_taskinst"
        + " group by proc_inst_id_, task_def_key_ having count(*) > 1) t");
    long escalations = count("select count(*) from act_hi_taskinst where task_def_key_ like 'Task_ChaseOverdue%'");
    long openEscalations = count("select count(*) from act_ru_task where task_def_key_ like 'Task_ChaseOverdue%'");
    long openReviews = count("select count(*) from act_ru_task where task_def_key_ in ('Task_ReviewPlatformRejection',"
        + " 'Task_ReviewPmoRejection')");
    long expectedReviews = learners.stream().filter(l -> l.expected() == Expected.PLATFORM_REJECTED
        || l.expected() == Expected.PMO_REJECTED).count();
    long incidents = count("select count(*) from act_ru_incident");
    long pending = count("select count(*) from platform_event where status = 'PENDING'");
    long events = count("select count(*) from platform_event where event_id like 'RL%'");
    long appliedOrSuperseded = count("select count(*) from platform_event where event_id like 'RL%' and status in ('APPLIED', 'SUPERSEDED')");
    long twinTimers = count("select count(*) from (select process_instance_id_, job_def_id_ from act_ru_job where type_ = 'timer'"
        + " and process_instance_id_ is not null group by process_instance_id_, job_def_id_ having count(*) > 1) t");
    // the daily report: one run per scheduled minute
    List<String> slots = new ArrayList<>();
    query("select slot from report_run order by slot", rs -> slots.add(rs.getString(1)));
    long reportStarts = count("select count(*) from act_hi_procinst where proc_def_key_ = 'platform-daily-report'");
    long turnedAway = count("select count(*) from act_hi_actinst where act_id_ = 'EndEvent_NoReportToday'");
    // a scheduled minute run twice would be a start that went ahead without a slot of its own
    // (history keeps process instances and end events at the operator level, not service tasks)
    long wentAhead = reportStarts - turnedAway;
    long twinRuns = Math.max(0, wentAhead - slots.size());
    List<String> missed = missedMinutes(slots);
    long openEscalationsForVerified = count("select count(*) from act_ru_task t join certificate c on c.redemption_code ="
        + " (select business_key_ from act_ru_execution e where e.id_ = t.proc_inst_id_) where c.state = 'VERIFIED'");

    lost = wrongInDb.get() + notAccepted + (int) pending;
    duplicated = acceptedTwice + (int) twinInstances + (int) twinTasks + (int) twinTimers + (int) twinRuns;
    if (wrongInApi.get() > 0) {
      findings.add(wrongInApi.get() + " status documents over the API differ from what the events call for");
    }
    if (shouldNotHave > 0 || hostileReported > 0) {
      findings.add((shouldNotHave + hostileReported) + " reports of certificates that must not be reported reached the platform");
    }
    if (incidents > 0) {
      findings.add(incidents + " incident(s) left at the end");
    }
    if (openReviews != expectedReviews) {
      findings.add(openReviews + " open review tasks for " + expectedReviews + " rejected certificates");
    }
    if (openEscalationsForVerified > 0) {
      findings.add(openEscalationsForVerified + " tasks still open on verified certificates");
    }
    if (events != appliedOrSuperseded) {
      findings.add(events + " stored events, " + appliedOrSuperseded + " applied");
    }
    figures.put("final states", "database: " + (learners.size() - wrongInDb.get()) + " of " + learners.size()
        + " certificates as their events call for; API (GET /api/v1/certificates?redemptionCode=, both nodes): "
        + (learners.size() - wrongInApi.get()) + " of " + learners.size());
    figures.put("platform count", platform.acceptedOnce() + " codes accepted exactly once, " + acceptedTwice
        + " more than once, " + notAccepted + " due but never accepted, " + shouldNotHave
        + " accepted that must not be (name mismatches, rejected ones); " + platform.requests.get()
        + " report requests, " + platform.resentUnderSameKey() + " batch id(s) sent again under the same key"
        + " and answered from the platform's record");
    figures.put("tasks", escalations + " escalation tasks opened (backdated completions), " + twinTasks
        + " duplicated (same instance and task twice), " + openEscalations + " still open; " + openReviews
        + " review tasks open for " + expectedReviews + " rejected certificates; " + twinInstances
        + " certificates with two process instances; " + twinTimers + " duplicated timers");
    figures.put("inbox", events + " events stored once each for " + (2 * events) + " posted, " + appliedOrSuperseded
        + " applied or superseded, " + pending + " pending");
    figures.put("report runs", slots.size() + " runs in report_run, from " + (slots.isEmpty() ? "-" : slots.get(0))
        + " to " + (slots.isEmpty() ? "-" : slots.get(slots.size() - 1)) + " (one row per scheduled minute, its"
        + " primary key); " + reportStarts + " timer starts, " + turnedAway + " of them turned away as already run; "
        + wentAhead + " went ahead, " + twinRuns + " more than the slots; scheduled minutes without a run: "
        + (missed.isEmpty() ? "none" : missed + " (a late run is not followed by runs for the minutes it"
        + " missed: see below)"));
    figures.put("incidents at the end", Long.toString(incidents));
  }

  /** The e-mail each kind of learner must get exactly once, by the start of its subject. */
  static String expectedMail(Expected expected) {
    return switch (expected) {
      case VERIFIED -> "Sertifikat Anda sudah tampil di dasbor Prakerja";
      case NAME_MISMATCH -> "Perlu tindakan: samakan nama Anda";
      case PMO_REJECTED -> "PMO Prakerja menolak sertifikat Anda";
      case PLATFORM_REJECTED -> null;
    };
  }

  /**
   * The learners' e-mails: once the outbox has nothing left to send, every learner has the e-mail
   * its certificate's fate calls for exactly once, every e-mail written to the outbox reached the
   * SMTP server, and no learner has two e-mails for one event (two Message-IDs). The same
   * Message-ID twice is an e-mail a killed node had handed over before it could mark it sent: one
   * message to the learner's mail client, counted apart.
   */
  void checkLearnerMail() throws Exception {
    waitFor(Duration.ofMinutes(5), "the outbox to send everything",
        () -> count("select count(*) from notification where status = 'PENDING'") == 0);
    List<LearnerInbox.Delivered> delivered = inbox.delivered();
    Map<String, Integer> timesById = LearnerInbox.byMessageId(delivered);
    Map<String, List<LearnerInbox.Delivered>> byRecipient = new HashMap<>();
    delivered.forEach(d -> byRecipient.computeIfAbsent(d.recipient(), r -> new ArrayList<>()).add(d));
    int missing = 0;
    int twice = 0;
    for (Learner l : learners) {
      String subject = expectedMail(l.expected());
      if (subject == null) {
        continue;
      }
      long ids = byRecipient.getOrDefault("p" + l.n() + "@example.com", List.of()).stream()
          .filter(d -> d.subject().startsWith(subject)).map(LearnerInbox.Delivered::messageId)
          .distinct().count();
      if (ids == 0) {
        missing++;
        if (findings.size() < 80) {
          findings.add(l.code() + " (" + l.expected() + ") got no e-mail \"" + subject + "…\"");
        }
      } else if (ids > 1) {
        twice++;
        if (findings.size() < 80) {
          findings.add(l.code() + " (" + l.expected() + ") got " + ids + " e-mails \"" + subject + "…\"");
        }
      }
    }
    Map<String, String> rows = new HashMap<>();
    query("select id, status from notification", rs -> rows.put("<" + rs.getString(1) + "@localhost>",
        rs.getString(2)));
    long sentNotDelivered = rows.entrySet().stream()
        .filter(r -> r.getValue().equals("SENT") && !timesById.containsKey(r.getKey())).count();
    long failed = rows.values().stream().filter("FAILED"::equals).count();
    long learnersFailed = count("select count(*) from notification where status = 'FAILED'"
        + " and recipient like 'p%@example.com'");
    long unaccounted = timesById.keySet().stream().filter(id -> !rows.containsKey(id)).count();
    long resent = timesById.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum();
    long late = count("select count(*) from notification where kind = 'STAGE_LATE'");
    lost += missing + (int) sentNotDelivered + (int) learnersFailed;
    duplicated += twice + (int) unaccounted;
    if (sentNotDelivered > 0 || learnersFailed > 0 || unaccounted > 0) {
      findings.add(sentNotDelivered + " e-mails marked sent never reached the SMTP server, "
          + learnersFailed + " to the run's learners failed, " + unaccounted
          + " delivered e-mails have no outbox row");
    }
    figures.put("learner e-mails", rows.size() + " written to the outbox (" + late + " of them a late"
        + " stage), " + timesById.size() + " distinct Message-IDs delivered to the SMTP server ("
        + delivered.size() + " deliveries: " + resent + " sent again under the same Message-ID after a"
        + " kill); " + missing + " learners without the e-mail their certificate called for, " + twice
        + " with two for one event; " + failed + " refused for good (the hostile corpus's addresses)");
  }

  String[] want(Learner l) {
    return switch (l.expected()) {
      case VERIFIED -> new String[] {"VERIFIED", "", ""};
      case NAME_MISMATCH -> new String[] {"ACTION_REQUIRED", "REPORTED_TO_PLATFORM", "NAME_MISMATCH"};
      case PLATFORM_REJECTED -> new String[] {"ACTION_REQUIRED", "REPORTED_TO_PLATFORM", "PLATFORM_REJECTED"};
      case PMO_REJECTED -> new String[] {"ACTION_REQUIRED", "VERIFIED_BY_PMO", "PMO_REJECTED"};
    };
  }

  static List<String> missedMinutes(List<String> slots) {
    List<String> missed = new ArrayList<>();
    DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
    for (int i = 1; i < slots.size(); i++) {
      var previous = java.time.LocalDateTime.parse(slots.get(i - 1), f);
      var next = java.time.LocalDateTime.parse(slots.get(i), f);
      for (var m = previous.plusMinutes(1); m.isBefore(next); m = m.plusMinutes(1)) {
        missed.add(f.format(m));
      }
    }
    return missed;
  }

  // --- the report

  void writeReport(Instant started) throws IOException {
    StringBuilder md = new StringBuilder();
    md.append("# Reliability: nothing lost, nothing done twice\n\n");
    md.append("What `").append(command).append("` found on ")
        .append(started.atZone(JAKARTA).truncatedTo(ChronoUnit.SECONDS)).append(" (commit ").append(commit())
        .append("). Two nodes of the built jar (postgres profile, ports ").append(a == null ? "-" : a.port)
        .append(" and ").append(b == null ? "-" : b.port).append(") on one PostgreSQL database (`").append(database)
        .append("`), a stub of the five platforms' report endpoint in the harness (port ").append(platform.port())
        .append("), which also plays the PMO's callbacks, and an SMTP server (GreenMail, port ")
        .append(inbox == null ? "-" : Integer.toString(inbox.port))
        .append(") that keeps the learners' e-mails. The harness is `src/test/java/id/sertiflow/reliability/`.\n\n");
    md.append("| | |\n|---|---|\n");
    md.append("| lost | **").append(lost).append("** |\n");
    md.append("| duplicated | **").append(duplicated).append("** |\n");
    md.append("| 5xx answers | **").append(http.serverErrors.get()).append("** of ").append(http.requests.get())
        .append(" requests |\n");
    md.append("| kills (`kill -9`) | ").append(a == null ? 0 : a.kills + b.kills).append(" |\n");
    md.append("| findings | ").append(findings.size()).append(" |\n\n");
    md.append("## Figures\n\n");
    figures.forEach((k, v) -> md.append("- **").append(k).append("**: ").append(v).append("\n"));
    md.append("\n*Lost* counts certificates not in the state their events call for, reports due but never accepted"
        + " by the platform, events left pending, and learners' e-mails: a learner without the e-mail its"
        + " certificate called for, an e-mail marked sent that the SMTP server never got, one to a learner"
        + " that failed. *Duplicated* counts reports the platform accepted more than"
        + " once, certificates with two process instances, the same user task twice on one instance, twin timers,"
        + " twin report chunks, and a learner with two e-mails (two Message-IDs) for one event or an e-mail"
        + " that no outbox row accounts for.\n");
    md.append("\n## How the run is set up\n\n");
    md.append("- **Engine time is wall time.** The outage runs in the two-node run itself, not in one JVM"
        + " under ClockUtil: the point is what the real job executors, the real HTTP client and the"
        + " engine REST API do while one node dies and a platform is down. A short retry cycle"
        + " (`sertiflow.reporting.retry-cycle=R3/PT10S`) and a report every minute"
        + " (`sertiflow.reporting.cron=0 * * ? * *`, `working-days-only=false`) make the outage's"
        + " retries, incidents and later runs happen within its length. `DailyReportTests` covers the"
        + " same paths under ClockUtil with the default cycle.\n");
    md.append("- **A dead node's jobs** are taken over once their lock expires:"
        + " `camunda.bpm.job-execution.lock-time-in-millis=60000` for the run (Camunda's default is five"
        + " minutes). Inbox sweep every 10 s (`sertiflow.inbox.sweep-interval=PT10S`), so events"
        + " stored by a node killed before it applied them are applied by the other. A node killed while"
        + " it holds the report's timer job keeps it locked for that minute, and Camunda reckons a cron"
        + " timer's next time when the job runs: the minutes the late run passed get no run of their"
        + " own, and their certificates go in the late run (each is still accepted exactly once).\n");
    md.append("- **The platform** is idempotent per `Idempotency-Key`, as API.md asks of it: a batch id it"
        + " has answered gets the same answer again and is not counted again. \"Accepted exactly once\""
        + " counts acceptances of each redemption code across all batch ids. For the first kill it"
        + " holds its answers until the node is dead, so the node leaves reports the platform took"
        + " and it never heard back about.\n");
    md.append("- **Callback clients** post signed arrays of 50 and, like a platform, post again to the"
        + " other node when a connection fails. The learner look-up's rate limits are raised for the"
        + " run (`sertiflow.status-lookups.per-address`, `.per-code`), so the hostile corpus reaches"
        + " its validation instead of 429.\n");
    md.append("- **Hostile answers** are judged per case: a 4xx `application/problem+json` with its"
        + " `status` and `title`; 201 only for valid completions that carry hostile text in free-text"
        + " fields (stored with a name that differs from the Prakerja name, so they are never reported);"
        + " for batches and event arrays 200/202 with per-item outcomes, created rows counted against"
        + " the valid rows sent. No answer may name a Java class, SQL state or stack frame.\n");
    if (!findings.isEmpty() || !http.serverErrorSamples.isEmpty()) {
      md.append("\n## Findings\n\n");
      findings.forEach(f -> md.append("- ").append(f.replace("\n", " ")).append("\n"));
      http.serverErrorSamples.forEach(f -> md.append("- 5xx: ").append(f).append("\n"));
    }
    Files.createDirectories(report.toAbsolutePath().getParent());
    // the rolling upgrade's figures (.ci/rolling-upgrade) live in the same document: kept
    String upgrade = "\n## Rolling upgrade";
    if (Files.exists(report)) {
      String before = Files.readString(report);
      if (before.contains(upgrade)) {
        md.append(before.substring(before.indexOf(upgrade)));
      }
    }
    Files.writeString(report, md.toString());
    System.out.println(md);
  }

  static String commit() {
    try {
      Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").start();
      String sha = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      Process dirty = new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=no").start();
      boolean changed = !new String(dirty.getInputStream().readAllBytes(), StandardCharsets.UTF_8).isBlank();
      return sha + (changed ? ", with uncommitted changes" : "");
    } catch (IOException e) {
      return "unknown";
    }
  }

  // --- helpers

  /** The status document of a redemption code, as a learning platform asks {@code node} for it. */
  Http.Answer statusByCode(Node node, String code) throws IOException, InterruptedException {
    return http.get(node.base() + "/api/v1/certificates?redemptionCode="
        + URLEncoder.encode(code, StandardCharsets.UTF_8), Map.of("X-Api-Key", API_KEY));
  }

  interface Step {
    void run(int i) throws Exception;
  }

  void parallel(int threads, int count, Step step) throws Exception {
    // daemon threads: a request stuck on a dead connection never keeps the JVM from ending
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r);
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int index = i;
        futures.add(pool.submit(() -> {
          step.run(index);
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  void waitFor(Duration timeout, String what, BooleanSupplier condition) throws InterruptedException {
    if (!Poll.until(timeout, condition)) {
      findings.add("gave up waiting for " + what + " after " + minutes(timeout));
      throw new AssertionError("gave up waiting for " + what);
    }
  }

  long count(String sql) {
    return count(jdbcUrl, sql);
  }

  /** One number from {@code sql} on the database at {@code jdbcUrl}, as user postgres. */
  static long count(String jdbcUrl, String sql) {
    try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  interface Row {
    void read(ResultSet rs) throws SQLException;
  }

  void query(String sql, Row row) throws SQLException {
    try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        row.read(rs);
      }
    }
  }

  String describeCounts(String[] tables, Map<String, Long> before) {
    List<String> parts = new ArrayList<>();
    for (String t : tables) {
      parts.add(t + " " + before.get(t) + " → " + count("select count(*) from " + t));
    }
    return String.join(", ", parts);
  }

  static String seconds(Duration d) {
    return d.toSeconds() + " s";
  }

  static String minutes(Duration d) {
    return d.toMinutes() + " min " + d.toSecondsPart() + " s";
  }

}
