package id.sertiflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
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
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A release rolled over two nodes on one PostgreSQL database while certificates flow: node A on
 * the previous release's jar, node B on the new one; then A replaced by the new jar. The new jar's
 * nodes start with process auto-deployment off, so that no version of the process exists that the
 * previous jar lacks the Java for while that jar runs; the replacement of A deploys the new version,
 * and the certificates started before are migrated to it over the operator API. Throughout: the
 * daily report every minute, the PMO's callbacks to either node. At the end: every certificate
 * verified, each report accepted once by the platform, no certificate with two instances, no
 * incident. Run by {@code .ci/rolling-upgrade}, never by the test suite.
 */
class RollingUpgradeRun {

  static final String[] PLATFORMS = ReliabilityRun.PLATFORMS;
  static final String API_KEY = ReliabilityRun.API_KEY;
  static final String OPERATOR = ReliabilityRun.OPERATOR;
  static final String OPERATOR_PASSWORD = ReliabilityRun.OPERATOR_PASSWORD;
  static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");

  final int perPhase = Integer.getInteger("upgrade.certificates", 200);
  final String database = System.getProperty("upgrade.database", "sertiflow_upgrade");
  final Path previousJar = Paths.get(System.getProperty("upgrade.previous-jar", "target/previous/sertiflow-previous.jar"));
  final String previousCommit = System.getProperty("upgrade.previous-commit", "?");
  final Path report = Paths.get(System.getProperty("upgrade.report", "target/rolling-upgrade.md"));
  final ObjectMapper json = new ObjectMapper();
  final Http http = new Http();
  final Map<String, String> secrets = new HashMap<>();
  final Map<String, String> figures = new LinkedHashMap<>();
  final List<String> codes = new ArrayList<>();
  final String jdbcUrl = "jdbc:postgresql://127.0.0.1:5432/" + database;
  StubPlatform platform;

  @Test
  void rollsANewReleaseOverTwoNodesWithNothingLostOrDoneTwice() throws Exception {
    Instant started = Instant.now();
    for (String p : PLATFORMS) {
      secrets.put(ReliabilityRun.path(p), "upgrade-secret-" + ReliabilityRun.path(p));
    }
    ReliabilityRun.freshDatabase(database);
    Path logs = Paths.get("target/rolling-upgrade");
    try (StubPlatform stub = new StubPlatform(secrets::get, code -> null)) {
      platform = stub;
      Path newJar = ReliabilityRun.builtJar();
      List<String> rolling = new ArrayList<>(settings());
      rolling.add("--camunda.bpm.auto-deployment-enabled=false");
      Node a = new Node("node-a-previous", Node.freePort(), previousJar, logs, settings());
      Node b = new Node("node-b-new", Node.freePort(), newJar, logs, rolling);
      Node a2 = new Node("node-a-new", a.port, newJar, logs, settings());
      try {
        a.start(Duration.ofMinutes(4));
        b.start(Duration.ofMinutes(4)); // Flyway adds the new release's tables: expand only
        // the previous jar must never meet a process version whose Java it lacks
        String whileOld = versions();
        figures.put("versions while the previous jar ran", whileOld);

        Instant phase = Instant.now();
        List<String> first = intake("p1", a, b);
        settle(first, a, b);
        whileOld = versions();
        figures.put("phase 1 (previous A + new B)", first.size() + " certificates through intake on both"
            + " nodes, reported and verified in " + seconds(phase) + "; versions: " + versions());
        List<String> waiting = intake("p1w", a, b); // left waiting for their report across the replacement

        figures.put("new version while the previous jar ran", whileOld.contains("tag 2") ? "YES" : "no");
        Instant replacing = Instant.now();
        a.close();
        a2.start(Duration.ofMinutes(4));
        figures.put("replacement of A", "stopped, started on the new jar with auto-deployment in "
            + seconds(replacing) + "; versions: " + versions());

        Instant migrating = Instant.now();
        JsonNode migration = json.readTree(http.send("POST", b.base() + "/api/v1/process-migrations",
            "application/json", ("{\"fromVersion\": " + firstVersion() + "}").getBytes(StandardCharsets.UTF_8),
            operator()).body());
        String batchId = migration.path("batchId").asText();
        boolean done = batchId.isEmpty() || Poll.until(Duration.ofMinutes(5), () -> finished(b, batchId));
        figures.put("migration", migration.path("instances").asLong() + " running certificate(s) from version "
            + firstVersion() + " to " + migration.at("/to/version").asInt() + " (tag "
            + migration.at("/to/versionTag").asText() + "), batch " + (done ? "finished" : "NOT finished")
            + " in " + seconds(migrating));

        List<String> second = intake("p2", a2, b);
        List<String> all = new ArrayList<>(first);
        all.addAll(waiting);
        all.addAll(second);
        settle(all, a2, b);
        figures.put("phase 2 (new A + new B)", second.size() + " new certificates, with the "
            + waiting.size() + " migrated ones, verified");
        check(all, b);
      } finally {
        figures.put("run took", seconds(started));
        a.close();
        a2.close();
        b.close();
        writeReport(started);
      }
    }
    assertThat(figures.get("new version while the previous jar ran")).isEqualTo("no");
    assertThat(figures.get("lost")).isEqualTo("0");
    assertThat(figures.get("duplicated")).isEqualTo("0");
    assertThat(figures.get("incidents")).isEqualTo("0");
    assertThat(http.serverErrors.get()).as("5xx: " + http.serverErrorSamples).isZero();
  }

  List<String> settings() {
    return ReliabilityRun.nodeSettings(jdbcUrl, 100, platform.port(), secrets);
  }

  /** {@code perPhase} completions in batches of 50, every other batch to the other node. */
  List<String> intake(String prefix, Node one, Node other) throws Exception {
    List<String> made = new ArrayList<>();
    OffsetDateTime completedAt = ZonedDateTime.now(JAKARTA).minusMinutes(5).toOffsetDateTime();
    for (int batch = 0; batch * 50 < perPhase; batch++) {
      ArrayNode rows = json.createArrayNode();
      for (int i = batch * 50; i < Math.min(perPhase, (batch + 1) * 50); i++) {
        String code = ("RU" + prefix + "X" + i).toUpperCase(Locale.ROOT);
        String name = "Peserta Rilis " + prefix.replace("p", "") + " " + i;
        ObjectNode c = rows.addObject();
        c.put("completionId", "ru-" + prefix + "-" + i);
        c.put("redemptionCode", code);
        c.put("platform", PLATFORMS[i % PLATFORMS.length]);
        c.putObject("learner").put("id", "u-" + prefix + i).put("name", name).put("email", prefix + i + "@example.com");
        c.put("prakerjaName", name.toUpperCase(Locale.ROOT));
        c.putObject("course").put("id", "c-1").put("title", "Kelas Rilis");
        c.put("progressPercent", 100);
        c.put("examPassed", true);
        c.put("certificateNumber", "SA-RU-" + prefix + "-" + i);
        c.put("completedAt", completedAt.toString());
        c.put("reviewSubmitted", i % 4 != 0);
        made.add(code);
      }
      Node node = batch % 2 == 0 ? one : other;
      Http.Answer answer = http.send("POST", node.base() + "/api/v1/completions/batch", "application/json",
          json.writeValueAsBytes(rows), Map.of("X-Api-Key", API_KEY));
      if (answer.status() != 200 || answer.text().contains("REJECTED")) {
        throw new IllegalStateException("intake on " + node.name + ": " + answer.status() + " " + Http.abbreviate(answer.text(), 300));
      }
    }
    codes.addAll(made);
    return made;
  }

  /** Waits for the platform to accept each report, then posts the PMO's callbacks to both nodes. */
  void settle(List<String> batch, Node one, Node other) throws Exception {
    boolean reported = Poll.until(Duration.ofMinutes(5),
        () -> batch.stream().allMatch(c -> platform.acceptances.containsKey(c)));
    if (!reported) {
      throw new IllegalStateException("not every report accepted within 5 minutes");
    }
    for (String type : List.of("REPORTED_TO_PMO", "PMO_VERIFIED")) {
      for (int from = 0; from < batch.size(); from += 50) {
        List<String> slice = batch.subList(from, Math.min(batch.size(), from + 50));
        Map<String, ArrayNode> byPlatform = new HashMap<>();
        for (String code : slice) {
          int i = Integer.parseInt(code.substring(code.lastIndexOf('X') + 1));
          String p = ReliabilityRun.path(PLATFORMS[i % PLATFORMS.length]);
          byPlatform.computeIfAbsent(p, k -> json.createArrayNode()).addObject()
              .put("eventId", type + "-" + code).put("type", type).put("redemptionCode", code)
              .put("occurredAt", ZonedDateTime.now(JAKARTA).minusSeconds(30).toOffsetDateTime().toString());
        }
        Node node = (from / 50) % 2 == 0 ? one : other;
        for (var events : byPlatform.entrySet()) {
          byte[] body = json.writeValueAsBytes(events.getValue());
          Http.Answer answer = http.send("POST", node.base() + "/api/v1/platforms/" + events.getKey() + "/events",
              "application/json", body, Http.signed(secrets.get(events.getKey()), body));
          if (answer.status() != 202) {
            throw new IllegalStateException("callbacks on " + node.name + ": " + answer.status() + " " + answer.text());
          }
        }
      }
    }
    boolean verified = Poll.until(Duration.ofMinutes(3), () -> count(
        "select count(*) from certificate where state = 'VERIFIED' and redemption_code in ("
            + quoted(batch) + ")") == batch.size());
    if (!verified) {
      throw new IllegalStateException("not every certificate verified within 3 minutes");
    }
  }

  void check(List<String> all, Node node) throws Exception {
    int notVerified = all.size() - count("select count(*) from certificate where state = 'VERIFIED'");
    int running = count("select count(*) from act_ru_execution where parent_id_ is null");
    int acceptedTwice = platform.acceptedMoreThanOnce();
    int notAccepted = (int) all.stream().filter(c -> !platform.acceptances.containsKey(c)).count();
    int twoInstances = count("select count(*) from (select business_key_ from act_hi_procinst"
        + " where proc_def_key_ = 'certificate-reporting' group by business_key_ having count(*) > 1) t");
    int incidents = count("select count(*) from act_ru_incident");
    int reminded = count("select count(*) from review_reminder");
    figures.put("certificates", Integer.toString(all.size()));
    figures.put("lost", Integer.toString(notVerified + notAccepted));
    figures.put("duplicated", Integer.toString(acceptedTwice + twoInstances));
    figures.put("incidents", Integer.toString(incidents));
    figures.put("checks", notVerified + " not verified, " + notAccepted + " never accepted by the platform, "
        + acceptedTwice + " accepted more than once, " + twoInstances + " with two process instances, "
        + running + " process instances still running (the daily report's included), " + incidents
        + " incidents; " + reminded + " review reminders (certificates on the new version without a review)");
  }

  boolean finished(Node node, String batchId) {
    try {
      return json.readTree(http.get(node.base() + "/api/v1/process-migrations/" + batchId, operator()).body())
          .path("finished").asBoolean();
    } catch (Exception e) {
      return false;
    }
  }

  Map<String, String> operator() {
    return Map.of("Authorization", Http.basic(OPERATOR, OPERATOR_PASSWORD));
  }

  String versions() throws SQLException {
    StringBuilder all = new StringBuilder();
    try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("select version_, coalesce(version_tag_, '1') from act_re_procdef"
            + " where key_ = 'certificate-reporting' order by version_")) {
      while (rows.next()) {
        all.append(all.isEmpty() ? "" : ", ").append("v").append(rows.getInt(1)).append(" (tag ")
            .append(rows.getString(2)).append(")");
      }
    }
    return all.toString();
  }

  int firstVersion() throws SQLException {
    return count("select min(version_) from act_re_procdef where key_ = 'certificate-reporting'");
  }

  int count(String sql) {
    return (int) ReliabilityRun.count(jdbcUrl, sql);
  }

  static String quoted(List<String> codes) {
    return String.join(",", codes.stream().map(c -> "'" + c + "'").toList());
  }

  static String seconds(Instant since) {
    return Duration.between(since, Instant.now()).toSeconds() + " s";
  }

  void writeReport(Instant started) throws IOException {
    StringBuilder md = new StringBuilder("## Rolling upgrade\n\nWhat `.ci/rolling-upgrade` found on ")
        .append(ZonedDateTime.ofInstant(started, JAKARTA).withNano(0)).append(": node A on the previous")
        .append(" release's jar (commit ").append(previousCommit).append("), node B on the new one")
        .append(" (auto-deployment off), one PostgreSQL database (`").append(database)
        .append("`), the daily report every minute, the PMO's callbacks to both nodes; then A replaced")
        .append(" by the new jar, which deploys the new process version, and the running certificates")
        .append(" migrated to it. The harness is `src/test/java/id/sertiflow/reliability/RollingUpgradeRun.java`.\n\n");
    md.append("| | |\n|---|---|\n")
        .append("| lost | **").append(figures.getOrDefault("lost", "?")).append("** |\n")
        .append("| duplicated | **").append(figures.getOrDefault("duplicated", "?")).append("** |\n")
        .append("| incidents | **").append(figures.getOrDefault("incidents", "?")).append("** |\n")
        .append("| 5xx answers | **").append(http.serverErrors.get()).append("** of ").append(http.requests.get())
        .append(" requests |\n\n");
    figures.forEach((k, v) -> md.append("- **").append(k).append("**: ").append(v).append('\n'));
    Files.createDirectories(report.toAbsolutePath().getParent());
    Files.writeString(report, md.toString());
  }
}
