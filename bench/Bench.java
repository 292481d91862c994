import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SertiFlow's load driver, run by bench/run as a single-file program (java -cp pgjdbc.jar
 * bench/Bench.java ...). "stages" drives one running SertiFlow through its HTTP doors and writes
 * the figures to a properties file; "report" turns the runs and pgbench's figures into the table
 * of docs/benchmarks.md. Nothing here is part of the build or of ./mvnw verify.
 */
public class Bench {

  static final String[] PLATFORMS = {"BUKALAPAK", "PINTARIA", "TOKOPEDIA", "PIJAR_MAHIR", "KARIERMU"};
  static final String API_KEY = "demo-key";
  static final String ENGINE_USER = "demo:demo";

  public static void main(String[] args) throws Exception {
    Map<String, String> opt = options(args);
    switch (args[0]) {
      case "stages" -> new Stages(opt).run();
      case "report" -> Report.write(opt);
      case "scale" -> Scale.write(opt);
      default -> throw new IllegalArgumentException("stages | report | scale");
    }
  }

  static Map<String, String> options(String[] args) {
    Map<String, String> opt = new LinkedHashMap<>();
    for (int i = 1; i + 1 < args.length; i += 2) {
      opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    return opt;
  }

  static void log(String format, Object... values) {
    System.out.printf(Locale.ROOT, "[%s] " + format + "%n",
        prepend(Instant.now().truncatedTo(ChronoUnit.SECONDS), values));
  }

  private static Object[] prepend(Object first, Object[] rest) {
    Object[] all = new Object[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }

  // ---------------------------------------------------------------- one SertiFlow under load

  static final class Stages {
    /** The read model's certificate row, as the seeds below insert it (their select follows). */
    static final String CERTIFICATE_INSERT = "insert into certificate (id, completion_id, redemption_code,"
        + " certificate_number, platform, learner_id, learner_name, learner_email, prakerja_name, course_id,"
        + " course_title, completed_at, review_submitted, content_hash, state, current_stage, action_reason,"
        + " created_at, updated_at, version)";

    /** A collection in the GC log (-Xlog:gc): heap before, after, and committed, in MB. */
    static final Pattern GC_HEAP = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    final String host;
    final int port;
    final String jdbc;
    final int scale;
    final int breach;
    final long statusTotal;
    final int statusSeconds;
    final int statusRate;
    final int clients;
    final String pid;
    final Path gcLog;
    final Path out;
    final String run;
    final Properties figures = new Properties();
    final long timeout;
    final List<String> only;
    final int overdue;

    Stages(Map<String, String> opt) {
      URI base = URI.create(opt.get("base"));
      host = base.getHost();
      port = base.getPort();
      jdbc = opt.get("jdbc");
      scale = Integer.parseInt(opt.getOrDefault("scale", "100000"));
      breach = Integer.parseInt(opt.getOrDefault("breach", Integer.toString(scale)));
      statusTotal = Long.parseLong(opt.getOrDefault("status-total", "1000000"));
      statusSeconds = Integer.parseInt(opt.getOrDefault("status-seconds", "20"));
      statusRate = Integer.parseInt(opt.getOrDefault("status-rate", "1000"));
      clients = Integer.parseInt(opt.getOrDefault("clients", "4"));
      pid = opt.get("pid");
      gcLog = opt.containsKey("gc-log") ? Path.of(opt.get("gc-log")) : null;
      out = Path.of(opt.get("out"));
      run = opt.getOrDefault("run", "T");
      // 15 minutes, or longer where the scale needs it: a stage may take as little as 100/s
      timeout = Long.parseLong(opt.getOrDefault("stage-timeout-seconds",
          Long.toString(Math.max(900, Math.max(scale, breach) / 100)))) * 1000;
      only = opt.containsKey("only") && !opt.get("only").isEmpty()
          ? List.of(opt.get("only").split(",")) : null;
      overdue = Integer.parseInt(opt.getOrDefault("overdue", "100000"));
    }

    /** Whether a group of stages runs: all of them, unless --only names some (for trying a change). */
    boolean runs(String stages) {
      return only == null || only.contains(stages);
    }

    void run() throws Exception {
      figures.setProperty("scale", Integer.toString(scale));
      figures.setProperty("breach", Integer.toString(breach));
      try (Connection db = DriverManager.getConnection(jdbc, "postgres", "")) {
        db.setAutoCommit(true);
        // a database fresh from the migrations, as a new installation has it: nothing analyzed yet
        long before = ownBytes(db);
        if (runs("pipeline")) {
          intake(db);
          vacuumFull(db);
          figures.setProperty("bytes.waiting", Long.toString((ownBytes(db) - before) / scale));
          figures.setProperty("rows.waiting", Long.toString(rowCount(db)));
          report(db);
          analyze(db);
          callbacks(db);
          vacuumFull(db);
          figures.setProperty("bytes.finished", Long.toString((ownBytes(db) - before) / scale));
        }
        if (runs("breach")) {
          massBreach(db);
        }
        if (runs("status")) {
          status(db);
        }
        if (runs("operations")) {
          operations(db);
        }
        memory();
      } finally {
        Files.createDirectories(out.getParent());
        try (OutputStream o = Files.newOutputStream(out)) {
          figures.store(o, "SertiFlow benchmark figures");
        }
      }
    }

    // ---- intake: /api/v1/completions/batch, 1,000 a request, `clients` at a time

    void intake(Connection db) throws Exception {
      log("intake: %,d completions, %d clients", scale, clients);
      Instant completedAt = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
      long start = System.nanoTime();
      // counted while the batches are posted, not after: the trace shows the rate as the tables grow
      var counting = java.util.concurrent.Executors.newSingleThreadExecutor();
      var waiting = counting.submit(() -> {
        waitFor(db, "select count(*) from act_ru_event_subscr where event_name_ = 'ReportedToPlatform'",
            scale, "instances waiting for the report", "intake.trace", start);
        return System.nanoTime();
      });
      int created;
      try {
        created = postCompletions("I", scale, completedAt);
        counting.shutdown();
      } catch (Exception failed) {
        counting.shutdownNow(); // the count's thread would otherwise hold the run until its timeout
        throw failed;
      }
      long posted = System.nanoTime();
      long end = waiting.get();
      figures.setProperty("intake.created", Integer.toString(created));
      figures.setProperty("intake.rate", rate(scale, end - start));
      figures.setProperty("intake.load", load());
      figures.setProperty("intake.seconds", seconds(end - start));
      log("intake: %s certificates/s (%s s; answers after %s s)", rate(scale, end - start),
          seconds(end - start), seconds(posted - start));
    }

    int postCompletions(String series, int count, Instant completedAt) throws Exception {
      AtomicInteger next = new AtomicInteger();
      AtomicInteger created = new AtomicInteger();
      AtomicInteger failed = new AtomicInteger();
      int batches = (count + 999) / 1000;
      parallel(clients, worker -> {
        try (Http http = new Http(host, port)) {
          for (int b; (b = next.getAndIncrement()) < batches; ) {
            StringBuilder body = new StringBuilder(600_000).append('[');
            for (int i = b * 1000; i < Math.min(count, (b + 1) * 1000); i++) {
              if (i > b * 1000) {
                body.append(',');
              }
              completion(body, series, i, completedAt);
            }
            body.append(']');
            Http.Response r = http.send("POST", "/api/v1/completions/batch", "application/json",
                body.toString().getBytes(StandardCharsets.UTF_8), "X-Api-Key", API_KEY);
            if (r.status != 200) {
              failed.incrementAndGet();
              log("batch %d: HTTP %d %s", b, r.status, r.text().substring(0, Math.min(300, r.text().length())));
            } else {
              created.addAndGet(occurrences(r.text(), "\"CREATED\""));
            }
          }
        }
      });
      if (failed.get() > 0 || created.get() != count) {
        log("completions %s: %,d of %,d created, %d batches failed", series, created.get(), count, failed.get());
      }
      return created.get();
    }

    String code(String series, int i) {
      return "B" + run + series + String.format(Locale.ROOT, "%08d", i);
    }

    void completion(StringBuilder b, String series, int i, Instant completedAt) {
      String code = code(series, i);
      String name = "Peserta " + series + " " + i;
      b.append("{\"completionId\":\"bench-").append(run).append('-').append(series).append('-').append(i)
          .append("\",\"redemptionCode\":\"").append(code)
          .append("\",\"platform\":\"").append(PLATFORMS[i % PLATFORMS.length])
          .append("\",\"learner\":{\"id\":\"u-").append(i).append("\",\"name\":\"").append(name)
          .append("\",\"email\":\"peserta").append(i).append("@example.com\"}")
          .append(",\"prakerjaName\":\"").append(name.toUpperCase(Locale.ROOT))
          .append("\",\"course\":{\"id\":\"c-").append(i % 97)
          .append("\",\"title\":\"Digital Marketing untuk UMKM\"},\"progressPercent\":100,\"examPassed\":true")
          .append(",\"certificateNumber\":\"SA-").append(code)
          .append("\",\"completedAt\":\"").append(completedAt).append("\",\"reviewSubmitted\":true}");
    }

    // ---- daily report: started through the engine REST API, sent to the simulator's platforms

    void report(Connection db) throws Exception {
      log("daily report: %,d certificates", scale);
      long start = System.nanoTime();
      try (Http http = new Http(host, port)) {
        Http.Response r = http.send("POST",
            "/engine-rest/process-definition/key/platform-daily-report/start", "application/json",
            "{}".getBytes(StandardCharsets.UTF_8), "Authorization",
            "Basic " + Base64.getEncoder().encodeToString(ENGINE_USER.getBytes(StandardCharsets.UTF_8)));
        if (r.status != 200) {
          throw new IllegalStateException("starting the daily report: HTTP " + r.status + " " + r.text());
        }
      }
      waitFor(db, "select count(*) from certificate where current_stage = 'REPORTED_TO_PMO'"
          + " and completion_id like 'bench-" + run + "-I-%'", scale, "certificates reported",
          "report.trace", start);
      long end = System.nanoTime();
      figures.setProperty("report.rate", rate(scale, end - start));
      figures.setProperty("report.load", load());
      figures.setProperty("report.seconds", seconds(end - start));
      log("daily report: %s certificates/s (%s s)", rate(scale, end - start), seconds(end - start));
    }

    // ---- callbacks: REPORTED_TO_PMO then PMO_VERIFIED for each, signed, in arrays of 1,000

    void callbacks(Connection db) throws Exception {
      int events = 2 * scale;
      log("callbacks: %,d events, %d clients", events, clients);
      List<String[]> arrays = new ArrayList<>(); // {platform, json}
      for (String type : new String[] {"REPORTED_TO_PMO", "PMO_VERIFIED"}) {
        for (int p = 0; p < PLATFORMS.length; p++) {
          StringBuilder body = null;
          int inArray = 0;
          for (int i = p; i < scale; i += PLATFORMS.length) {
            if (body == null) {
              body = new StringBuilder(200_000).append('[');
              inArray = 0;
            } else {
              body.append(',');
            }
            body.append("{\"eventId\":\"bench-").append(run).append('-').append(type).append('-').append(i)
                .append("\",\"type\":\"").append(type).append("\",\"redemptionCode\":\"").append(code("I", i))
                .append("\",\"occurredAt\":\"").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append("\"}");
            if (++inArray == 1000) {
              arrays.add(new String[] {PLATFORMS[p], body.append(']').toString()});
              body = null;
            }
          }
          if (body != null) {
            arrays.add(new String[] {PLATFORMS[p], body.append(']').toString()});
          }
        }
      }
      AtomicInteger accepted = new AtomicInteger();
      long start = System.nanoTime();
      int perWave = arrays.size() / 2;
      postEvents(arrays.subList(0, perWave), accepted);
      waitFor(db, "select count(*) from certificate where current_stage = 'VERIFIED_BY_PMO'"
          + " and completion_id like 'bench-" + run + "-I-%'", scale, "certificates reported to the PMO");
      // the message subscriptions all moved to the next stage: statistics as autovacuum keeps them
      analyze(db);
      long half = System.nanoTime();
      postEvents(arrays.subList(perWave, arrays.size()), accepted);
      long posted = System.nanoTime();
      waitFor(db, "select count(*) from certificate where state = 'VERIFIED'"
          + " and completion_id like 'bench-" + run + "-I-%'", scale, "certificates verified");
      long end = System.nanoTime();
      log("callbacks: REPORTED_TO_PMO wave %s s", seconds(half - start));
      figures.setProperty("callbacks.accepted", Integer.toString(accepted.get()));
      figures.setProperty("callbacks.rate", rate(events, end - start));
      figures.setProperty("callbacks.load", load());
      figures.setProperty("callbacks.seconds", seconds(end - start));
      log("callbacks: %s events/s (%s s; answers after %s s; %,d accepted)", rate(events, end - start),
          seconds(end - start), seconds(posted - start), accepted.get());
    }

    void postEvents(List<String[]> arrays, AtomicInteger accepted) throws Exception {
      AtomicInteger next = new AtomicInteger();
      parallel(clients, worker -> {
        try (Http http = new Http(host, port)) {
          for (int a; (a = next.getAndIncrement()) < arrays.size(); ) {
            String platform = arrays.get(a)[0];
            byte[] body = arrays.get(a)[1].getBytes(StandardCharsets.UTF_8);
            String timestamp = Long.toString(Instant.now().getEpochSecond());
            String key = platform.toLowerCase(Locale.ROOT).replace('_', '-');
            Http.Response r = http.send("POST", "/api/v1/platforms/" + key + "/events",
                "application/json", body, "X-Sertiflow-Timestamp", timestamp,
                "X-Sertiflow-Signature", sign("demo-secret-" + key, timestamp, body));
            if (r.status != 202) {
              log("events %d: HTTP %d %s", a, r.status, r.text().substring(0, Math.min(300, r.text().length())));
            } else {
              accepted.addAndGet(occurrences(r.text(), "\"ACCEPTED\""));
            }
          }
        }
      });
    }

    static String sign(String secret, String timestamp, byte[] body) {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) '.');
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    // ---- mass breach: backdated completions whose timers are held, then released at once

    void massBreach(Connection db) throws Exception {
      log("mass breach: %,d certificates past their report deadline", breach);
      String auth = "Basic " + Base64.getEncoder().encodeToString(ENGINE_USER.getBytes(StandardCharsets.UTF_8));
      try (Http http = new Http(host, port)) {
        Http.Response held = http.send("PUT", "/engine-rest/job-definition/suspended", "application/json",
            "{\"processDefinitionKey\":\"certificate-reporting\",\"suspended\":true,\"includeJobs\":true}"
                .getBytes(StandardCharsets.UTF_8), "Authorization", auth);
        if (held.status != 204) {
          throw new IllegalStateException("holding the timers: HTTP " + held.status + " " + held.text());
        }
      }
      // finished ten days ago: the report was due one working day after, so every deadline is past
      postCompletions("X", breach, Instant.now().minus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS));
      long early = count(db, "select count(*) from act_ru_task where task_def_key_ = 'Task_ChaseOverduePlatformReport'");
      long held = count(db, "select count(*) from act_ru_job where suspension_state_ = 2 and type_ = 'timer'");
      figures.setProperty("breach.heldTimers", Long.toString(held));
      log("mass breach: %,d timers held, %,d escalations before the release", held, early);
      long start = System.nanoTime();
      try (Http http = new Http(host, port)) {
        Http.Response released = http.send("PUT", "/engine-rest/job-definition/suspended", "application/json",
            "{\"processDefinitionKey\":\"certificate-reporting\",\"suspended\":false,\"includeJobs\":true}"
                .getBytes(StandardCharsets.UTF_8), "Authorization", auth);
        if (released.status != 204) {
          throw new IllegalStateException("releasing the timers: HTTP " + released.status + " " + released.text());
        }
      }
      waitFor(db, "select count(*) from act_ru_task where task_def_key_ = 'Task_ChaseOverduePlatformReport'",
          breach, "escalation tasks", "breach.trace", start);
      long end = System.nanoTime();
      figures.setProperty("breach.rate", rate(breach - early, end - start));
      figures.setProperty("breach.load", load());
      figures.setProperty("breach.seconds", seconds(end - start));
      log("mass breach: %s escalations/s (%s s)", rate(breach - early, end - start), seconds(end - start));
    }

    // ---- status: GET by id and by redemption code, 64 clients, >= 1,000,000 certificates stored

    void status(Connection db) throws Exception {
      long stored = seedUpTo(db, "status");
      figures.setProperty("status.certificates", Long.toString(stored));
      List<String[]> sample = sample(db);
      int threads = 64;
      log("status: %d clients, %d s flat out, then %d s at %,d requests/s; %,d certificates stored",
          threads, statusSeconds, statusSeconds, statusRate, stored);
      AtomicLong errors = new AtomicLong();
      // flat out: how many requests 64 clients get answered, each sending its next on the answer
      long[][] saturated = statusLoad(sample, threads, 0, errors);
      // paced: 64 clients sending 1,000 requests/s between them; a latency counts from the moment
      // a request was due, so a slow answer also delays the ones queued behind it
      Queue<long[]> slow = new ConcurrentLinkedQueue<>();
      long[][] paced = statusLoad(sample, threads, statusRate, errors, slow);
      // whether the slow answers came together (a pause somewhere) or spread over the run
      // (queueing): the slowest 100-ms windows, at the wall-clock time, to set beside the GC log
      String windows = slowWindows(slow);
      figures.setProperty("status.slow", windows);
      log("status: answers over %d ms while paced: %s", SLOW_MILLIS, windows);
      for (int k = 0; k < 2; k++) {
        String kind = k == 0 ? "id" : "code";
        long[] all = saturated[k];
        long[] at = paced[k];
        figures.setProperty("status." + kind + ".rate", String.format(Locale.ROOT, "%.0f", all.length / (double) statusSeconds));
        figures.setProperty("status." + kind + ".saturated.p99", millis(all, 0.99));
        figures.setProperty("status." + kind + ".paced.rate", String.format(Locale.ROOT, "%.0f", at.length / (double) statusSeconds));
        figures.setProperty("status." + kind + ".p50", millis(at, 0.50));
        figures.setProperty("status." + kind + ".p95", millis(at, 0.95));
        figures.setProperty("status." + kind + ".p99", millis(at, 0.99));
        log("status by %s: %s req/s flat out (p99 %s ms); at %s req/s p50 %s ms, p95 %s ms, p99 %s ms", kind,
            figures.getProperty("status." + kind + ".rate"), millis(all, 0.99),
            figures.getProperty("status." + kind + ".paced.rate"), millis(at, 0.50), millis(at, 0.95), millis(at, 0.99));
      }
      figures.setProperty("status.errors", Long.toString(errors.get()));
      figures.setProperty("status.load", load());
    }

    /** At least {@code statusTotal} certificates stored, seeded as verified ones; how many there are. */
    long seedUpTo(Connection db, String stage) throws SQLException {
      long stored = count(db, "select count(*) from certificate");
      long seed = Math.max(0, statusTotal - stored);
      if (seed > 0) {
        log("%s: seeding %,d certificates into the read model", stage, seed);
        long s = System.nanoTime();
        seed(db, seed);
        log("%s: seeded in %s s", stage, seconds(System.nanoTime() - s));
      }
      return count(db, "select count(*) from certificate");
    }

    /** Certificates to read the status of: ids and redemption codes of a random fifth, at most 200,000. */
    List<String[]> sample(Connection db) throws SQLException {
      List<String[]> sample = new ArrayList<>();
      try (Statement st = db.createStatement();
          ResultSet rs = st.executeQuery("select id, redemption_code from certificate"
              + " tablesample bernoulli (20) limit 200000")) {
        while (rs.next()) {
          sample.add(new String[] {rs.getString(1), rs.getString(2)});
        }
      }
      return sample;
    }

    // ---- operations: the Prometheus scrape with >= 1,000,000 certificates stored, and the
    // reconciliation's overdue list of `overdue` certificates as CSV

    static final String SCRAPE = "/actuator/prometheus";
    static final String OVERDUE_PLATFORM = "TOKOPEDIA";

    void operations(Connection db) throws Exception {
      long stored = seedUpTo(db, "operations");
      log("operations: seeding %,d certificates of %s past their report deadline", overdue, OVERDUE_PLATFORM);
      seedOverdue(db, overdue);
      stored = count(db, "select count(*) from certificate");
      figures.setProperty("ops.certificates", Long.toString(stored));
      figures.setProperty("ops.overdue", Integer.toString(overdue));
      String auth = "Basic " + Base64.getEncoder().encodeToString(ENGINE_USER.getBytes(StandardCharsets.UTF_8));
      // the gauges answer from the snapshot one node takes every 30 s: wait until it has them
      long waitedFrom = System.nanoTime();
      String series = "sertiflow_certificates_overdue{platform=\"" + OVERDUE_PLATFORM
          + "\",stage=\"REPORTED_TO_PLATFORM\"}";
      try (Http http = new Http(host, port)) {
        while (gauge(http.send("GET", SCRAPE, null, null, "Authorization", auth).text(), series) < overdue) {
          if (System.nanoTime() - waitedFrom > 120_000_000_000L) {
            throw new IllegalStateException("the snapshot did not show the overdue certificates in 120 s");
          }
          Thread.sleep(1000);
        }
      }
      log("operations: the snapshot showed them after %s s", seconds(System.nanoTime() - waitedFrom));

      // the scrape: one client, one after another, as Prometheus scrapes a target
      long[] scrapes;
      int bytes;
      try (Http http = new Http(host, port)) {
        long warmUpUntil = System.nanoTime() + 5_000_000_000L;
        long endAt = warmUpUntil + statusSeconds * 1_000_000_000L;
        long[] took = new long[1_000_000];
        int n = 0;
        int size = 0;
        for (long now = System.nanoTime(); now < endAt; now = System.nanoTime()) {
          Http.Response r = http.send("GET", SCRAPE, null, null, "Authorization", auth);
          long e = System.nanoTime();
          if (r.status != 200) {
            throw new IllegalStateException("scrape: HTTP " + r.status);
          }
          size = r.body.length;
          if (now >= warmUpUntil) {
            took[n++] = e - now;
          }
        }
        scrapes = Arrays.copyOf(took, n);
        Arrays.sort(scrapes);
        bytes = size;
      }
      figures.setProperty("ops.scrape.count", Integer.toString(scrapes.length));
      figures.setProperty("ops.scrape.p50", millis(scrapes, 0.50));
      figures.setProperty("ops.scrape.p99", millis(scrapes, 0.99));
      figures.setProperty("ops.scrape.bytes", Integer.toString(bytes));
      log("operations: %,d scrapes of %,d bytes, p50 %s ms, p99 %s ms", scrapes.length, bytes,
          millis(scrapes, 0.50), millis(scrapes, 0.99));

      // the status reads, paced, without scrapes and then with one every second (Prometheus
      // scrapes every 15 s: fifteen times what it would do)
      // quiet, scraped, quiet again: the first run also warms the service up after the seeding,
      // and the two quiet ones show how far the figure moves without scrapes at all (the noise)
      List<String[]> sample = sample(db);
      AtomicLong errors = new AtomicLong();
      long[][] firstQuiet = statusLoad(sample, 64, statusRate, errors);
      AtomicInteger scraped = new AtomicInteger();
      java.util.concurrent.atomic.AtomicBoolean scraping = new java.util.concurrent.atomic.AtomicBoolean(true);
      Thread scraper = new Thread(() -> {
        try (Http http = new Http(host, port)) {
          while (scraping.get()) {
            http.send("GET", SCRAPE, null, null, "Authorization", auth);
            scraped.incrementAndGet();
            Thread.sleep(1000);
          }
        } catch (Exception e) {
          log("scraper: %s", e);
        }
      });
      scraper.start();
      long[][] withScrapes = statusLoad(sample, 64, statusRate, errors);
      scraping.set(false);
      scraper.join();
      long[][] quiet = statusLoad(sample, 64, statusRate, errors);
      figures.setProperty("ops.status.first.quiet.p99", millis(firstQuiet[0], 0.99));
      figures.setProperty("ops.status.quiet.p99", millis(quiet[0], 0.99));
      figures.setProperty("ops.status.scraped.p99", millis(withScrapes[0], 0.99));
      figures.setProperty("ops.status.code.quiet.p99", millis(quiet[1], 0.99));
      figures.setProperty("ops.status.code.scraped.p99", millis(withScrapes[1], 0.99));
      figures.setProperty("ops.status.errors", Long.toString(errors.get()));
      log("operations: status by id p99 %s ms without scrapes, %s ms with %d scrapes, %s ms without"
          + " again; by code %s / %s / %s ms", millis(firstQuiet[0], 0.99), millis(withScrapes[0], 0.99),
          scraped.get(), millis(quiet[0], 0.99), millis(firstQuiet[1], 0.99),
          millis(withScrapes[1], 0.99), millis(quiet[1], 0.99));

      overdueCsv(auth);
      figures.setProperty("ops.load", load());
    }

    /** The value of one sample line of a scrape; 0 when absent. */
    static double gauge(String scrape, String series) {
      for (String line : scrape.split("\n")) {
        if (line.startsWith(series + " ")) {
          return Double.parseDouble(line.substring(series.length() + 1).trim());
        }
      }
      return 0;
    }

    /**
     * GET the reconciliation of the overdue platform as CSV, read as it streams: the time to the
     * first row and to the last, the rows, and the service's heap after each collection meanwhile
     * (its GC log) against the heap after the last collection before.
     */
    void overdueCsv(String auth) throws Exception {
      long logBefore = gcLog == null || !Files.exists(gcLog) ? 0 : Files.size(gcLog);
      long heapBefore = gcLog == null || logBefore == 0 ? -1 : lastAfterGc(Files.readString(gcLog));
      java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
      long start = System.nanoTime();
      java.net.http.HttpResponse<InputStream> response = client.send(java.net.http.HttpRequest
              .newBuilder(URI.create("http://" + host + ":" + port + "/api/v1/reconciliation?platform="
                  + OVERDUE_PLATFORM))
              .header("Accept", "text/csv").header("Authorization", auth).build(),
          java.net.http.HttpResponse.BodyHandlers.ofInputStream());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("reconciliation CSV: HTTP " + response.statusCode());
      }
      long rows = -1;
      long firstRow = 0;
      long bytes = 0;
      try (InputStream in = new BufferedInputStream(response.body(), 65536)) {
        byte[] buffer = new byte[65536];
        for (int n; (n = in.read(buffer)) > 0; ) {
          bytes += n;
          for (int i = 0; i < n; i++) {
            if (buffer[i] == '\n') {
              rows++;
              if (rows == 1) {
                firstRow = System.nanoTime();
              }
            }
          }
        }
      }
      long end = System.nanoTime();
      figures.setProperty("ops.csv.rows", Long.toString(rows));
      figures.setProperty("ops.csv.bytes", Long.toString(bytes));
      figures.setProperty("ops.csv.seconds", seconds(end - start));
      figures.setProperty("ops.csv.first.ms", String.format(Locale.ROOT, "%.0f", (firstRow - start) / 1e6));
      figures.setProperty("ops.csv.rate", rate(rows, end - start));
      String during = gcLog == null || !Files.exists(gcLog) ? ""
          : Files.readString(gcLog).substring((int) Math.min(logBefore, Files.size(gcLog)));
      Matcher m = GC_HEAP.matcher(during);
      long maxAfter = -1;
      int collections = 0;
      while (m.find()) {
        maxAfter = Math.max(maxAfter, Long.parseLong(m.group(2)));
        collections++;
      }
      figures.setProperty("ops.csv.heap.before.mb", Long.toString(heapBefore));
      figures.setProperty("ops.csv.heap.mb", Long.toString(maxAfter));
      figures.setProperty("ops.csv.collections", Integer.toString(collections));
      log("operations: CSV of %,d overdue rows (%,d bytes) in %s s, first row after %s ms; heap after GC"
          + " %s MB before, at most %s MB during (%d collections)", rows, bytes, seconds(end - start),
          figures.getProperty("ops.csv.first.ms"), heapBefore, maxAfter, collections);
      if (rows < overdue) {
        throw new IllegalStateException("the CSV held " + rows + " rows, not the " + overdue + " overdue");
      }
    }

    static long lastAfterGc(String gcLog) {
      Matcher m = GC_HEAP.matcher(gcLog);
      long last = -1;
      while (m.find()) {
        last = Long.parseLong(m.group(2));
      }
      return last;
    }

    /**
     * {@code n} open certificates of the overdue platform whose report was due nine days ago, in the
     * read model only (the reconciliation and the gauges read nothing else).
     */
    void seedOverdue(Connection db, int n) throws SQLException {
      try (Statement st = db.createStatement()) {
        st.execute(CERTIFICATE_INSERT + " select md5('late-" + run + "-' || g)::uuid, 'late-" + run + "-' || g, 'L" + run + "' || lpad(g::text, 9, '0'),"
            + " 'SA-L" + run + "' || g, '" + OVERDUE_PLATFORM + "',"
            + " 'u-' || g, 'Peserta ' || g, 'peserta' || g || '@example.com', 'PESERTA ' || g, 'c-' || (g % 97),"
            + " 'Digital Marketing untuk UMKM', now() - interval '10 days' - g * interval '1 second', true,"
            + " md5('late' || g) || md5('hash' || g), 'IN_PROGRESS', 'REPORTED_TO_PLATFORM', null,"
            + " now() - interval '10 days', now() - interval '10 days', 1"
            + " from generate_series(1, " + n + ") g");
        st.execute("insert into certificate_stage (certificate_id, stage, status, completed_at, due_at, started_at, at_risk_at)"
            + " select md5('late-" + run + "-' || g)::uuid, s.stage, s.status,"
            + " case when s.status = 'DONE' then now() - interval '10 days' - g * interval '1 second' end,"
            + " now() - s.due - g * interval '1 second',"
            + " case when s.status = 'IN_PROGRESS' then now() - interval '10 days' - g * interval '1 second' end,"
            + " case when s.status = 'IN_PROGRESS' then now() - interval '9 days 6 hours' - g * interval '1 second' end"
            + " from generate_series(1, " + n + ") g cross join (values ('CLASS_COMPLETED', 'DONE', interval '10 days'),"
            + " ('REPORTED_TO_PLATFORM', 'IN_PROGRESS', interval '9 days'), ('REPORTED_TO_PMO', 'PENDING', interval '8 days'),"
            + " ('VERIFIED_BY_PMO', 'PENDING', interval '1 day')) s(stage, status, due)");
        st.execute("vacuum analyze certificate");
        st.execute("vacuum analyze certificate_stage");
      }
    }

    /** An answer slower than this is a slow one, in the paced phase's report of them. */
    static final long SLOW_MILLIS = 10;

    /** Latencies (ns) by id [0] and by code [1], after a 5 s warm-up; {@code rate} 0 is flat out. */
    long[][] statusLoad(List<String[]> sample, int threads, int rate, AtomicLong errors) throws Exception {
      return statusLoad(sample, threads, rate, errors, null);
    }

    /** The slow answers ({epoch ms when due, nanoseconds}) by 100-ms window, the five fullest first. */
    static String slowWindows(Queue<long[]> slow) {
      if (slow.isEmpty()) {
        return "none";
      }
      Map<Long, long[]> byWindow = new HashMap<>();
      for (long[] a : slow) {
        long[] w = byWindow.computeIfAbsent(a[0] / 100, k -> new long[2]);
        w[0]++;
        w[1] = Math.max(w[1], a[1]);
      }
      DateTimeFormatter clock = DateTimeFormatter.ofPattern("HH:mm:ss.S").withZone(ZoneOffset.UTC);
      String worst = byWindow.entrySet().stream()
          .sorted((x, y) -> Long.compare(y.getValue()[0], x.getValue()[0])).limit(5)
          .map(e -> String.format(Locale.ROOT, "%s UTC %d (max %.0f ms)",
              clock.format(Instant.ofEpochMilli(e.getKey() * 100)), e.getValue()[0], e.getValue()[1] / 1e6))
          .collect(Collectors.joining(", "));
      return String.format(Locale.ROOT, "%d in %d windows of 100 ms; fullest %s", slow.size(), byWindow.size(), worst);
    }

    /** As above, and each answer over {@link #SLOW_MILLIS} added to {@code slow} when it is not null. */
    long[][] statusLoad(List<String[]> sample, int threads, int rate, AtomicLong errors, Queue<long[]> slow) throws Exception {
      long epochNanos = System.currentTimeMillis() * 1_000_000L - System.nanoTime();
      long warmUpUntil = System.nanoTime() + 5_000_000_000L;
      long endAt = warmUpUntil + statusSeconds * 1_000_000_000L;
      long interval = rate == 0 ? 0 : (long) (threads * 1e9 / rate);
      long[][] byId = new long[threads][];
      long[][] byCode = new long[threads][];
      parallel(threads, t -> {
        long[] ids = new long[1_000_000];
        long[] codes = new long[1_000_000];
        int ni = 0;
        int nc = 0;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long due = System.nanoTime() + (interval == 0 ? 0 : random.nextLong(interval));
        try (Http http = new Http(host, port)) {
          boolean useId = t % 2 == 0;
          while (true) {
            String[] c = sample.get(random.nextInt(sample.size()));
            String path = useId ? "/api/v1/certificates/" + c[0] : "/api/v1/certificates?redemptionCode=" + c[1];
            if (interval > 0) {
              long wait = due - System.nanoTime();
              if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
              }
            }
            long s = interval > 0 ? due : System.nanoTime();
            Http.Response r = http.send("GET", path, null, null, "X-Api-Key", API_KEY);
            long e = System.nanoTime();
            due += interval;
            if (r.status != 200) {
              errors.incrementAndGet();
            }
            if (e > endAt) {
              break;
            }
            if (s >= warmUpUntil) {
              if (slow != null && e - s > SLOW_MILLIS * 1_000_000L) {
                slow.add(new long[] {(epochNanos + s) / 1_000_000L, e - s});
              }
              if (useId && ni < ids.length) {
                ids[ni++] = e - s;
              } else if (!useId && nc < codes.length) {
                codes[nc++] = e - s;
              }
            }
            useId = !useId;
          }
        }
        byId[t] = Arrays.copyOf(ids, ni);
        byCode[t] = Arrays.copyOf(codes, nc);
      });
      return new long[][] {
          Arrays.stream(byId).flatMapToLong(Arrays::stream).sorted().toArray(),
          Arrays.stream(byCode).flatMapToLong(Arrays::stream).sorted().toArray()};
    }

    void seed(Connection db, long n) throws SQLException {
      try (Statement st = db.createStatement()) {
        st.execute(CERTIFICATE_INSERT + " select md5('seed-" + run + "-' || g)::uuid, 'seed-" + run + "-' || g, 'S" + run + "' || lpad(g::text, 9, '0'),"
            + " 'SA-S" + run + "' || g, (array['BUKALAPAK','PINTARIA','TOKOPEDIA','PIJAR_MAHIR','KARIERMU'])[1 + g % 5],"
            + " 'u-' || g, 'Peserta ' || g, 'peserta' || g || '@example.com', 'PESERTA ' || g, 'c-' || (g % 97),"
            + " 'Digital Marketing untuk UMKM', now() - interval '20 days', true, md5('seed' || g) || md5('hash' || g),"
            + " 'VERIFIED', null, null, now() - interval '20 days', now() - interval '5 days', 3"
            + " from generate_series(1, " + n + ") g");
        st.execute("insert into certificate_stage (certificate_id, stage, status, completed_at, due_at)"
            + " select md5('seed-" + run + "-' || g)::uuid, s.stage, 'DONE', now() - s.ago, now() - s.ago + interval '1 day'"
            + " from generate_series(1, " + n + ") g cross join (values ('CLASS_COMPLETED', interval '20 days'),"
            + " ('REPORTED_TO_PLATFORM', interval '19 days'), ('REPORTED_TO_PMO', interval '18 days'),"
            + " ('VERIFIED_BY_PMO', interval '5 days')) s(stage, ago)");
        // vacuumed as well as analyzed, as a bulk load is finished: so that autovacuum does not
        // vacuum 800,000 new rows and their 3,200,000 stages while the latencies are measured
        st.execute("vacuum analyze certificate");
        st.execute("vacuum analyze certificate_stage");
      }
    }

    // ---- memory of the SertiFlow JVM

    void memory() throws IOException {
      if (pid != null) {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
          if (line.startsWith("VmHWM:")) {
            long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
            figures.setProperty("rss.peak.mb", Long.toString(kb / 1024));
          }
        }
      }
      if (gcLog != null && Files.exists(gcLog)) {
        Matcher m = GC_HEAP.matcher(Files.readString(gcLog));
        long peak = 0;
        long max = 0;
        while (m.find()) {
          peak = Math.max(peak, Long.parseLong(m.group(1)));
          max = Math.max(max, Long.parseLong(m.group(3)));
        }
        figures.setProperty("heap.peak.mb", Long.toString(peak));
        figures.setProperty("heap.committed.mb", Long.toString(max));
      }
    }

    // ---- database helpers

    void vacuumFull(Connection db) throws SQLException {
      long s = System.nanoTime();
      try (Statement st = db.createStatement()) {
        // rewritten without dead rows, so that bytes are what the rows take; analyzed, as
        // autovacuum would have done by the time the next wave comes in production
        st.execute("vacuum full analyze");
      }
      log("vacuum full: %s s", seconds(System.nanoTime() - s));
    }

    void analyze(Connection db) throws SQLException {
      long s = System.nanoTime();
      try (Statement st = db.createStatement()) {
        st.execute("analyze");
      }
      log("analyze: %s s", seconds(System.nanoTime() - s));
    }

    /** SertiFlow's and the engine's tables with their indexes; the simulator's platforms are not SertiFlow. */
    long ownBytes(Connection db) throws SQLException {
      return count(db, "select coalesce(sum(pg_total_relation_size(c.oid)), 0) from pg_class c"
          + " join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r'"
          + " and c.relname not like 'simulator%'");
    }

    long rowCount(Connection db) throws SQLException {
      return count(db, "select coalesce(sum(n_live_tup), 0) from pg_stat_user_tables where relname not like 'simulator%'");
    }

    long count(Connection db, String sql) throws SQLException {
      try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
        rs.next();
        return rs.getLong(1);
      }
    }

    void waitFor(Connection db, String sql, long target, String what) throws Exception {
      waitFor(db, sql, target, what, null, 0);
    }

    /**
     * As above, and keeps how the stage progressed under {@code traceKey}: "seconds:done" each time
     * another twentieth of the target is done, counted from {@code start} (System.nanoTime), so
     * that the rate can be read against what the tables held at each moment (bench scale).
     */
    void waitFor(Connection db, String sql, long target, String what, String traceKey, long start)
        throws Exception {
      long deadline = System.currentTimeMillis() + timeout;
      long lastLog = System.currentTimeMillis();
      StringBuilder trace = new StringBuilder();
      long nextStep = target / 20;
      while (true) {
        long n = count(db, sql);
        if (traceKey != null && (n >= nextStep || n >= target)) {
          trace.append(trace.length() == 0 ? "" : ",").append(seconds(System.nanoTime() - start))
              .append(':').append(n);
          while (nextStep <= n) {
            nextStep += Math.max(1, target / 20);
          }
        }
        if (n >= target) {
          if (traceKey != null) {
            figures.setProperty(traceKey, trace.toString());
          }
          return;
        }
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException("gave up waiting: " + n + " of " + target + " " + what);
        }
        if (System.currentTimeMillis() - lastLog > 15_000) {
          log("  %,d of %,d %s", n, target, what);
          lastLog = System.currentTimeMillis();
        }
        // once a second: at 100,000 certificates a count scans its table (23-41 ms), and counting
        // every 100 ms took 197 s of the server's time from the stages it measured (2026-12-02)
        Thread.sleep(1000);
      }
    }
  }

  // ---------------------------------------------------------------- small helpers

  interface Worker {
    void run(int index) throws Exception;
  }

  static void parallel(int n, Worker worker) throws InterruptedException {
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (int i = 0; i < n; i++) {
      int index = i;
      Thread t = new Thread(() -> {
        try {
          worker.run(index);
        } catch (Throwable e) {
          failures.add(e);
        }
      });
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join();
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException("a client failed", failures.get(0));
    }
  }

  static int occurrences(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + what.length())) {
      n++;
    }
    return n;
  }

  static String load() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0];
    } catch (IOException e) {
      return "?";
    }
  }

  static String rate(long count, long nanos) {
    return String.format(Locale.ROOT, "%.0f", count / (nanos / 1e9));
  }

  static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.1f", nanos / 1e9);
  }

  static String millis(long[] sorted, double q) {
    if (sorted.length == 0) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%.2f", sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1e6);
  }

  /**
   * A minimal HTTP/1.1 keep-alive client: one connection, requests one after another. Light on
   * CPU, so that the driver takes as little as possible of what the service under test needs.
   */
  static final class Http implements AutoCloseable {
    record Response(int status, byte[] body) {
      String text() {
        return new String(body, StandardCharsets.UTF_8);
      }
    }

    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    Http(String host, int port) {
      this.host = host;
      this.port = port;
    }

    Response send(String method, String path, String contentType, byte[] body, String... headers)
        throws IOException {
      for (int attempt = 1; ; attempt++) {
        try {
          return exchange(method, path, contentType, body, headers);
        } catch (IOException e) {
          close();
          if (attempt == 2 || !method.equals("GET")) {
            throw e;
          }
        }
      }
    }

    private Response exchange(String method, String path, String contentType, byte[] body,
        String... headers) throws IOException {
      if (socket == null) {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), 5000);
        socket.setSoTimeout(600_000);
        in = new BufferedInputStream(socket.getInputStream(), 65536);
        out = socket.getOutputStream();
      }
      StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path)
          .append(" HTTP/1.1\r\nHost: ").append(host).append(':').append(port).append("\r\n");
      for (int i = 0; i + 1 < headers.length; i += 2) {
        head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
      }
      if (body != null) {
        head.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ")
            .append(body.length).append("\r\n");
      }
      head.append("\r\n");
      byte[] h = head.toString().getBytes(StandardCharsets.ISO_8859_1);
      if (body != null && body.length < 8192) {
        byte[] both = Arrays.copyOf(h, h.length + body.length);
        System.arraycopy(body, 0, both, h.length, body.length);
        out.write(both);
      } else {
        out.write(h);
        if (body != null) {
          out.write(body);
        }
      }
      out.flush();
      String status = line();
      if (status == null) {
        throw new IOException("connection closed");
      }
      int code = Integer.parseInt(status.substring(9, 12));
      long length = -1;
      boolean chunked = false;
      boolean closeAfter = false;
      for (String l; (l = line()) != null && !l.isEmpty(); ) {
        String lower = l.toLowerCase(Locale.ROOT);
        if (lower.startsWith("content-length:")) {
          length = Long.parseLong(l.substring(15).trim());
        } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
          chunked = true;
        } else if (lower.startsWith("connection:") && lower.contains("close")) {
          closeAfter = true;
        }
      }
      ByteArrayOutputStream content = new ByteArrayOutputStream();
      if (chunked) {
        for (String size; (size = line()) != null; ) {
          int n = Integer.parseInt(size.split(";")[0].trim(), 16);
          if (n == 0) {
            line();
            break;
          }
          content.write(in.readNBytes(n));
          line();
        }
      } else if (length >= 0) {
        content.write(in.readNBytes((int) length));
      }
      if (closeAfter) {
        close();
      }
      return new Response(code, content.toByteArray());
    }

    private String line() throws IOException {
      StringBuilder b = new StringBuilder();
      for (int c; (c = in.read()) != -1; ) {
        if (c == '\n') {
          int len = b.length();
          return len > 0 && b.charAt(len - 1) == '\r' ? b.substring(0, len - 1) : b.toString();
        }
        b.append((char) c);
      }
      return b.length() == 0 ? null : b.toString();
    }

    @Override
    public void close() {
      if (socket != null) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // closing anyway
        }
        socket = null;
      }
    }
  }

  // ---------------------------------------------------------------- the table

  static final class Report {

    record Row(String stage, String measure, String key, String unit, boolean higherIsBetter,
        String pgbench, String camunda) {}

    static void write(Map<String, String> opt) throws IOException {
      Properties tuned = load(opt.get("tuned"));
      Properties defaults = load(opt.get("defaults"));
      Properties pg = load(opt.get("pgbench"));
      Properties meta = load(opt.get("meta"));
      double tpcb = mean(pg, "tpcb.tps");
      double select = mean(pg, "select.tps");
      double selectLatency = mean(pg, "select.latency");
      List<Row> rows = List.of(
          new Row("intake", "certificates/s until every instance waits for the report", "intake.rate", "/s", true, "tpcb", "265 starts/s"),
          new Row("daily report", "certificates/s reported and correlated", "report.rate", "/s", true, "tpcb", "250 correlations/s"),
          new Row("callbacks", "events applied/s until all VERIFIED", "callbacks.rate", "/s", true, "tpcb", "250 correlations/s"),
          new Row("status by id", "requests/s, 64 clients flat out", "status.id.rate", "/s", true, "select", ""),
          new Row("status by id", "p99 flat out", "status.id.saturated.p99", "ms", false, "latency", ""),
          new Row("status by id", "requests/s answered when paced", "status.id.paced.rate", "/s", true, "select", ""),
          new Row("status by id", "p50 paced", "status.id.p50", "ms", false, "latency", ""),
          new Row("status by id", "p95 paced", "status.id.p95", "ms", false, "latency", ""),
          new Row("status by id", "p99 paced", "status.id.p99", "ms", false, "latency", ""),
          new Row("status by code", "requests/s, 64 clients flat out", "status.code.rate", "/s", true, "select", ""),
          new Row("status by code", "p99 flat out", "status.code.saturated.p99", "ms", false, "latency", ""),
          new Row("status by code", "requests/s answered when paced", "status.code.paced.rate", "/s", true, "select", ""),
          new Row("status by code", "p50 paced", "status.code.p50", "ms", false, "latency", ""),
          new Row("status by code", "p95 paced", "status.code.p95", "ms", false, "latency", ""),
          new Row("status by code", "p99 paced", "status.code.p99", "ms", false, "latency", ""),
          new Row("operations", "Prometheus scrape p50 (one scraper)", "ops.scrape.p50", "ms", false, "latency", ""),
          new Row("operations", "Prometheus scrape p99 (one scraper)", "ops.scrape.p99", "ms", false, "latency", ""),
          new Row("operations", "status by id p99 paced, no scrapes (first)", "ops.status.first.quiet.p99", "ms", false, "latency", ""),
          new Row("operations", "status by id p99 paced, no scrapes (after)", "ops.status.quiet.p99", "ms", false, "latency", ""),
          new Row("operations", "status by id p99 paced, a scrape every second", "ops.status.scraped.p99", "ms", false, "latency", ""),
          new Row("operations", "status by code p99 paced, no scrapes", "ops.status.code.quiet.p99", "ms", false, "latency", ""),
          new Row("operations", "status by code p99 paced, a scrape every second", "ops.status.code.scraped.p99", "ms", false, "latency", ""),
          new Row("operations", "overdue CSV rows streamed/s", "ops.csv.rate", "/s", true, "select", ""),
          new Row("operations", "overdue CSV, seconds for the whole list", "ops.csv.seconds", "s", false, "", ""),
          new Row("operations", "overdue CSV, first row after", "ops.csv.first.ms", "ms", false, "", ""),
          new Row("operations", "heap after GC before the CSV", "ops.csv.heap.before.mb", "MB", false, "", ""),
          new Row("operations", "heap after GC while the CSV streams, max", "ops.csv.heap.mb", "MB", false, "", ""),
          new Row("mass breach", "escalation tasks created/s", "breach.rate", "/s", true, "tpcb", "314 jobs/s"),
          new Row("mass breach", "seconds for all of them", "breach.seconds", "s", false, "", ""),
          new Row("footprint", "DB bytes per certificate waiting", "bytes.waiting", "B", false, "row", "11,700 B"),
          new Row("footprint", "DB bytes per certificate finished", "bytes.finished", "B", false, "row", "14,600 B"),
          new Row("footprint", "peak heap", "heap.peak.mb", "MB", false, "", ""),
          new Row("footprint", "peak RSS", "rss.peak.mb", "MB", false, "", "440-1,000 MB"));
      StringBuilder table = new StringBuilder();
      table.append("| stage | measure | tuned | defaults | tuned ÷ defaults | tuned ÷ pgbench | defaults ÷ pgbench |\n");
      table.append("|---|---|--:|--:|--:|--:|--:|\n");
      for (Row r : rows) {
        double t = number(tuned.getProperty(r.key));
        double d = number(defaults.getProperty(r.key));
        double base = switch (r.pgbench) {
          case "tpcb" -> tpcb;
          case "select" -> select;
          case "latency" -> selectLatency;
          case "row" -> number(pg.getProperty("account.bytes"));
          default -> Double.NaN;
        };
        table.append("| ").append(r.stage).append(" | ").append(r.measure).append(" | ")
            .append(show(t, r.unit)).append(" | ").append(show(d, r.unit)).append(" | ")
            .append(ratio(t, d)).append(" | ").append(ratio(t, base)).append(" | ").append(ratio(d, base))
            .append(" |\n");
      }
      String md = """
          # Benchmarks

          What one SertiFlow node does on this machine against the local PostgreSQL, driven through its
          own HTTP doors by `bench/run` (see "How it is measured" below). Every figure is shown against
          the same build with Camunda's defaults (`camunda-defaults` profile) and against `pgbench`
          run on the same server in the same run, because the machine is shared and its speed moves
          from minute to minute: the ratios move less than the figures.

          ## The last complete run

          | | |
          |---|---|
          | date | %s |
          | machine | %s cores, %s RAM, %s |
          | load (`uptime`) before / after | %s / %s |
          | commit | `%s` |
          | command | `%s` |
          | wall time | %s |
          | scale, tuned | %s certificates (mass breach: %s more); status with %s certificates stored |
          | scale, defaults | %s certificates (mass breach: %s more); status with %s certificates stored |
          | pgbench `-c 4 -j 2`, scale 10, before / after | tpcb-like %s / %s TPS, select-only %s / %s TPS (%s / %s ms average latency); ratios use the mean |
          | 1-minute load at the end of each stage, tuned / defaults | intake %s / %s, report %s / %s, callbacks %s / %s, mass breach %s / %s, status %s / %s |

          %s
          Ratios: "tuned ÷ defaults" and "÷ pgbench" divide the figures as printed. For rates the
          pgbench figure is tpcb-like TPS (write stages) or select-only TPS (status reads); for
          latencies it is select-only's average latency; for bytes it is the bytes per row of
          `pgbench_accounts` with its index. Heap and RSS have no pgbench counterpart.

          Plain Camunda 7.24 with its defaults on this kind of machine (the issue's and
          STACK-NOTES' reference): about 265 starts/s, 314 async jobs/s, 250 correlations/s,
          11.7 KB per waiting and 14.6 KB per finished instance.
          """.formatted(
          meta.getProperty("date"), meta.getProperty("cores"), meta.getProperty("ram"),
          meta.getProperty("pg"), meta.getProperty("uptime.before"), meta.getProperty("uptime.after"),
          meta.getProperty("commit"), meta.getProperty("command"), meta.getProperty("wall"),
          tuned.getProperty("scale"), tuned.getProperty("breach"), tuned.getProperty("status.certificates"),
          defaults.getProperty("scale"), defaults.getProperty("breach"), defaults.getProperty("status.certificates"),
          pg.getProperty("tpcb.tps.before"), pg.getProperty("tpcb.tps.after"),
          pg.getProperty("select.tps.before"), pg.getProperty("select.tps.after"),
          pg.getProperty("select.latency.before"), pg.getProperty("select.latency.after"),
          tuned.getProperty("intake.load"), defaults.getProperty("intake.load"),
          tuned.getProperty("report.load"), defaults.getProperty("report.load"),
          tuned.getProperty("callbacks.load"), defaults.getProperty("callbacks.load"),
          tuned.getProperty("breach.load"), defaults.getProperty("breach.load"),
          tuned.getProperty("status.load"), defaults.getProperty("status.load"), table);
      Path out = Path.of(opt.get("out"));
      String existing = Files.exists(out) ? Files.readString(out) : "";
      String marker = "\n## Where the time goes";
      String rest = existing.contains(marker) ? existing.substring(existing.indexOf(marker)) : "";
      Files.writeString(out, md + rest);
      System.out.println();
      System.out.println(table);
    }

    /** The mean of the before and after figures (either alone if only one was measured). */
    static double mean(Properties p, String key) {
      double before = number(p.getProperty(key + ".before"));
      double after = number(p.getProperty(key + ".after"));
      if (Double.isNaN(before)) {
        return after;
      }
      return Double.isNaN(after) ? before : (before + after) / 2;
    }

    static Properties load(String file) throws IOException {
      Properties p = new Properties();
      if (file != null && Files.exists(Path.of(file))) {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
          p.load(in);
        }
      }
      return p;
    }

    static double number(String s) {
      if (s == null) {
        return Double.NaN;
      }
      try {
        return Double.parseDouble(s.replace(",", ""));
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    }

    static String show(double v, String unit) {
      if (Double.isNaN(v)) {
        return "—";
      }
      String n = v >= 100 || v == Math.rint(v) ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
      return unit.equals("/s") ? n + "/s" : unit.isEmpty() ? n : n + " " + unit;
    }

    static String ratio(double a, double b) {
      if (Double.isNaN(a) || Double.isNaN(b) || b == 0) {
        return "—";
      }
      return String.format(Locale.ROOT, "%.2f×", a / b);
    }
  }

  /**
   * "scale": the complete runs kept in docs/benchmarks-scale/ (one properties file per scale, written
   * by bench/run) as a table per scale and a plot of throughput against the certificates stored,
   * docs/benchmarks-scale.md and .svg. Each stage's point sits at what the tables held while it ran:
   * the run's certificates for intake, the report and the callbacks, those and the mass breach's for
   * the breach. The largest run's intake is also drawn as it went (each twentieth of it, from its
   * trace), since the tables grow while it runs.
   */
  static final class Scale {

    record Series(String label, String key, String colour) {}

    static final List<Series> SERIES = List.of(
        new Series("intake", "intake.rate", "#1f77b4"),
        new Series("daily report", "report.rate", "#ff7f0e"),
        new Series("callbacks (events)", "callbacks.rate", "#2ca02c"),
        new Series("mass breach", "breach.rate", "#d62728"));

    static void write(Map<String, String> opt) throws IOException {
      Path dir = Path.of(opt.getOrDefault("dir", "docs/benchmarks-scale"));
      List<Properties> runs = new ArrayList<>();
      try (var files = Files.list(dir)) {
        for (Path f : files.filter(f -> f.toString().endsWith(".properties")).sorted().toList()) {
          runs.add(Report.load(f.toString()));
        }
      }
      runs.sort(java.util.Comparator.comparingDouble(r -> Report.number(r.getProperty("scale"))));
      if (runs.isEmpty()) {
        throw new IllegalStateException("no runs in " + dir);
      }
      Path svg = Path.of(opt.getOrDefault("svg", "docs/benchmarks-scale.svg"));
      Files.writeString(svg, svg(runs));
      Path md = Path.of(opt.getOrDefault("md", "docs/benchmarks-scale.md"));
      Files.writeString(md, markdown(runs, svg.getFileName().toString()));
      System.out.println("wrote " + svg + " and " + md + " from " + runs.size() + " runs");
    }

    /** What the tables held while a stage ran. */
    static double stored(Properties run, String key) {
      double scale = Report.number(run.getProperty("scale"));
      return key.startsWith("breach") ? scale + Report.number(run.getProperty("breach")) : scale;
    }

    static String markdown(List<Properties> runs, String svgName) {
      StringBuilder t = new StringBuilder("""
          # Benchmarks by scale

          Written by `bench/run` after each complete run, from the figures it keeps in
          `docs/benchmarks-scale/` (one file per scale; `bench scale` draws this page again from them).
          Each rate is followed by its ratio to pgbench tpcb-like of the same run (the mean of before
          and after), because the machine's speed moves between runs; compare ratios across rows.

          ![Throughput against certificates stored](%s)

          | certificates | commit | date | pgbench tpcb-like | intake | daily report | callbacks (events) | mass breach | breach, all | status p99 paced, id / code | bytes per finished certificate | peak heap |
          |--:|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|
          """.formatted(svgName));
      for (Properties r : runs) {
        double tpcb = Report.mean(r, "tpcb.tps");
        t.append("| ").append(Report.show(Report.number(r.getProperty("scale")), ""))
            .append(" | `").append(r.getProperty("commit", "?")).append("` | ")
            .append(r.getProperty("date", "?")).append(" | ").append(Report.show(tpcb, "TPS"));
        for (Series s : SERIES) {
          double v = Report.number(r.getProperty(s.key()));
          t.append(" | ").append(Report.show(v, "/s")).append(" (").append(Report.ratio(v, tpcb)).append(')');
        }
        t.append(" | ").append(Report.show(Report.number(r.getProperty("breach.seconds")), "s"))
            .append(" | ").append(Report.show(Report.number(r.getProperty("status.id.p99")), "ms"))
            .append(" / ").append(Report.show(Report.number(r.getProperty("status.code.p99")), "ms"))
            .append(" | ").append(Report.show(Report.number(r.getProperty("bytes.finished")), "B"))
            .append(" | ").append(Report.show(Report.number(r.getProperty("heap.peak.mb")), "MB"))
            .append(" |\n");
      }
      t.append("""

          Points: each stage's rate at what the tables held while it ran (the run's certificates; for
          the mass breach, those and the breach's own). Dashed: the largest run's intake as it went,
          each twentieth of it at the certificates stored by then (its trace).
          """);
      for (Properties r : runs) {
        for (String key : List.of("intake.trace", "report.trace", "breach.trace")) {
          List<double[]> w = windows(r.getProperty(key));
          if (!w.isEmpty()) {
            t.append("\nAt ").append(Report.show(Report.number(r.getProperty("scale")), ""))
                .append(", ").append(key.replace(".trace", "")).append(" by twentieths (certificates done: rate): ")
                .append(w.stream().map(p -> Report.show(p[0], "") + ": " + Report.show(p[1], "/s"))
                    .collect(Collectors.joining(", ")))
                .append(".\n");
          }
        }
      }
      return t.toString();
    }

    /** A trace "seconds:done,..." as windows {done at the window's end, rate within it}. */
    static List<double[]> windows(String trace) {
      List<double[]> w = new ArrayList<>();
      if (trace == null || trace.isBlank()) {
        return w;
      }
      double lastSeconds = 0;
      double lastDone = 0;
      for (String point : trace.split(",")) {
        String[] p = point.split(":");
        double seconds = Report.number(p[0]);
        double done = Report.number(p[1]);
        if (seconds > lastSeconds && done > lastDone) {
          w.add(new double[] {done, (done - lastDone) / (seconds - lastSeconds)});
        }
        lastSeconds = seconds;
        lastDone = done;
      }
      return w;
    }

    static String svg(List<Properties> runs) {
      int width = 760, height = 440, left = 70, right = 190, top = 30, bottom = 50;
      double maxX = 0, maxY = 0;
      for (Properties r : runs) {
        for (Series s : SERIES) {
          maxX = Math.max(maxX, stored(r, s.key()));
          maxY = Math.max(maxY, Report.number(r.getProperty(s.key())));
        }
      }
      List<double[]> intakeTrace = windows(runs.get(runs.size() - 1).getProperty("intake.trace"));
      for (double[] p : intakeTrace) {
        maxY = Math.max(maxY, p[1]);
      }
      maxX = niceCeiling(maxX);
      maxY = niceCeiling(maxY);
      double plotW = width - left - right, plotH = height - top - bottom;
      final double mx = maxX, my = maxY;
      java.util.function.DoubleUnaryOperator x = v -> left + v / mx * plotW;
      java.util.function.DoubleUnaryOperator y = v -> top + plotH - v / my * plotH;
      StringBuilder g = new StringBuilder();
      g.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
          + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">\n", width, height, width, height));
      g.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
      g.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-size=\"14\">SertiFlow throughput against "
          + "certificates stored (bench/run, one node, 2 cores, local PostgreSQL)</text>\n", left));
      for (int i = 0; i <= 5; i++) {
        double vx = mx * i / 5, vy = my * i / 5;
        g.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>\n",
            x.applyAsDouble(vx), top, x.applyAsDouble(vx), top + plotH));
        g.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n",
            x.applyAsDouble(vx), top + plotH + 18, Report.show(vx, "")));
        g.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>\n",
            left, y.applyAsDouble(vy), left + plotW, y.applyAsDouble(vy)));
        g.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
            left - 6, y.applyAsDouble(vy) + 4, Report.show(vy, "")));
      }
      g.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">certificates stored</text>\n",
          left + plotW / 2, height - 10));
      g.append(String.format(Locale.ROOT, "<text transform=\"translate(16 %.1f) rotate(-90)\" text-anchor=\"middle\">"
          + "per second</text>\n", top + plotH / 2));
      int legend = top + 10;
      for (Series s : SERIES) {
        StringBuilder line = new StringBuilder();
        for (Properties r : runs) {
          double v = Report.number(r.getProperty(s.key()));
          if (Double.isNaN(v)) {
            continue;
          }
          double px = x.applyAsDouble(stored(r, s.key())), py = y.applyAsDouble(v);
          line.append(line.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.1f,%.1f", px, py));
          g.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"/>\n", px, py, s.colour()));
        }
        g.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>\n",
            line, s.colour()));
        g.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/>"
            + "<text x=\"%.1f\" y=\"%d\">%s</text>\n", left + plotW + 12, legend, left + plotW + 32, legend,
            s.colour(), left + plotW + 38, legend + 4, s.label()));
        legend += 20;
      }
      if (!intakeTrace.isEmpty()) {
        String points = intakeTrace.stream().map(p -> String.format(Locale.ROOT, "%.1f,%.1f",
            x.applyAsDouble(p[0]), y.applyAsDouble(p[1]))).collect(Collectors.joining(" "));
        g.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" "
            + "stroke-width=\"1.5\" stroke-dasharray=\"5 4\"/>\n", points, SERIES.get(0).colour()));
        g.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" "
            + "stroke-dasharray=\"5 4\"/><text x=\"%.1f\" y=\"%d\">intake as it went</text>\n",
            left + plotW + 12, legend, left + plotW + 32, legend, SERIES.get(0).colour(), left + plotW + 38, legend + 4));
      }
      return g.append("</svg>\n").toString();
    }

    /** 1, 2 or 5 times a power of ten, at or above v. */
    static double niceCeiling(double v) {
      double p = Math.pow(10, Math.floor(Math.log10(v)));
      for (double m : new double[] {1, 2, 5, 10}) {
        if (m * p >= v) {
          return m * p;
        }
      }
      return 10 * p;
    }
  }
}
