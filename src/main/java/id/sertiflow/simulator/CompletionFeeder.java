package id.sertiflow.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.sertiflow.calendar.ServiceClock;
import id.sertiflow.calendar.WorkingDayCalendar;
import id.sertiflow.platform.Platform;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;

/**
 * The demo's learning platform: finished classes at {@code feeder.completions-per-minute}, posted
 * through SertiFlow's real intake door with the first configured API key. A share of them have a
 * Prakerja name without the middle name, no review, or a completion 3 working days ago (overdue
 * at once). One node of a cluster feeds at a time: it holds the {@code feeder} lease.
 */
@Component
@ConditionalOnProperty(name = {"sertiflow.simulator.enabled", "sertiflow.simulator.feeder.enabled"},
    havingValue = "true")
class CompletionFeeder {

  private static final Logger log = LoggerFactory.getLogger(CompletionFeeder.class);
  static final String LEASE = "feeder";
  static final int BACKDATED_WORKING_DAYS = 3;

  private static final List<String> FIRST_NAMES = List.of("Budi", "Siti", "Agus", "Dewi", "Rizky",
      "Putri", "Andi", "Nur", "Wahyu", "Ayu", "Dimas", "Fitri", "Yusuf", "Ratna", "Eko", "Intan");
  private static final List<String> MIDDLE_NAMES = List.of("Nur", "Dwi", "Tri", "Sri", "Adi",
      "Indah", "Putra", "Ayu", "Rahmat", "Kurnia");
  private static final List<String> LAST_NAMES = List.of("Santoso", "Wijaya", "Lestari",
      "Hidayat", "Saputra", "Rahmawati", "Kusuma", "Pratama", "Nugroho", "Siregar", "Simanjuntak",
      "Sitompul", "Wulandari", "Setiawan", "Hasibuan", "Manurung");

  record Course(String id, String title) {}

  private static final List<Course> COURSES = List.of(
      new Course("c-77", "Digital Marketing untuk UMKM"),
      new Course("c-12", "Dasar-Dasar Akuntansi Usaha Kecil"),
      new Course("c-31", "Barista Pemula"),
      new Course("c-45", "Menjahit Busana Muslim"),
      new Course("c-58", "Teknisi Servis Sepeda Motor Injeksi"),
      new Course("c-63", "Public Speaking untuk Pemasar"));

  /** A completion as the feeder makes it, with the variations it carries. */
  record Completion(ObjectNode body, boolean nameMismatch, boolean reviewSubmitted,
      boolean backdated) {
    String redemptionCode() {
      return body.path("redemptionCode").asText();
    }

    String completionId() {
      return body.path("completionId").asText();
    }
  }

  /** One completion the feeder posted, and intake's HTTP status (0: SertiFlow not reached). */
  record Fed(Completion completion, int status) {
    String redemptionCode() {
      return completion.redemptionCode();
    }
  }

  private final SimulatorHttp http;
  private final ServiceClock clock;
  private final WorkingDayCalendar calendar;
  private final JdbcTemplate jdbc;
  private final ObjectMapper json;
  private final SimulatorProperties.Feeder settings;
  private final String apiKey;
  private final String node;
  private final long leaseMillis;
  private final LongSupplier nanoTime;

  private long lastTick;
  private double owed;

  @Autowired
  CompletionFeeder(SimulatorHttp http, ServiceClock clock, WorkingDayCalendar calendar,
      JdbcTemplate jdbc, ObjectMapper json, SimulatorProperties settings,
      @Value("${sertiflow.api-keys:}") String apiKeys) {
    this(http, clock, calendar, jdbc, json, settings, apiKeys,
        ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID(), System::nanoTime);
  }

  CompletionFeeder(SimulatorHttp http, ServiceClock clock, WorkingDayCalendar calendar,
      JdbcTemplate jdbc, ObjectMapper json, SimulatorProperties settings, String apiKeys,
      String node, LongSupplier nanoTime) {
    this.http = http;
    this.clock = clock;
    this.calendar = calendar;
    this.jdbc = jdbc;
    this.json = json;
    this.settings = settings.feeder();
    this.apiKey = Arrays.stream(apiKeys.split(",")).map(String::trim).filter(k -> !k.isEmpty())
        .findFirst().orElse(null);
    this.node = node.length() > 100 ? node.substring(0, 100) : node;
    // a lease outlives a few missed ticks, so that a busy node keeps it
    this.leaseMillis = Math.max(settings.tick().toMillis() * 3, 1000);
    this.nanoTime = nanoTime;
    this.lastTick = nanoTime.getAsLong();
  }

  @Scheduled(fixedDelayString = "${sertiflow.simulator.tick:PT5S}",
      initialDelayString = "${sertiflow.simulator.tick:PT5S}")
  void scheduledTick() {
    SimulatorHttp.tick(log, "Simulator feeder", this::tick);
  }

  /** Posts what the rate owes since the last tick, if this node holds the lease. */
  List<Fed> tick() {
    long now = nanoTime.getAsLong();
    double minutes = (now - lastTick) / 60e9;
    lastTick = now;
    if (!holdLease()) {
      owed = 0;
      return List.of();
    }
    // at most a minute's worth at once: a node that was paused does not flood intake
    owed = Math.min(owed + minutes * settings.completionsPerMinute(),
        Math.max(1, settings.completionsPerMinute()));
    int count = (int) owed;
    owed -= count;
    return feed(count);
  }

  /** Posts {@code count} completions now, whatever the rate; logs one line. */
  List<Fed> feed(int count) {
    if (count <= 0) {
      return List.of();
    }
    if (apiKey == null) {
      log.warn("Simulator feeder: no API key in sertiflow.api-keys; nothing posted");
      return List.of();
    }
    List<Fed> fed = new java.util.ArrayList<>(count);
    Map<Integer, Integer> byStatus = new TreeMap<>();
    for (int i = 0; i < count; i++) {
      Fed one = post(next());
      fed.add(one);
      byStatus.merge(one.status(), 1, Integer::sum);
      if (one.status() == 0) {
        break;
      }
    }
    if (byStatus.containsKey(201) || byStatus.containsKey(200)) {
      log.info("Simulator feeder: posted {} completion(s) to {}: HTTP status {}", fed.size(),
          http.baseUrl(), byStatus);
    }
    return fed;
  }

  /** A random completion as the feeder would post it (not posted). */
  Completion next() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    String first = pick(FIRST_NAMES, random);
    String middle = pick(MIDDLE_NAMES, random);
    String last = pick(LAST_NAMES, random);
    String name = first + " " + middle + " " + last;
    boolean mismatch = random.nextDouble() < settings.nameMismatchShare();
    // the Kartu Prakerja account was made without the middle name
    String prakerjaName = (mismatch ? first + " " + last : name).toUpperCase(Locale.ROOT);
    boolean reviewSubmitted = !(random.nextDouble() < settings.reviewMissingShare());
    boolean backdated = random.nextDouble() < settings.backdatedShare();
    Platform platform = Platform.values()[random.nextInt(Platform.values().length)];
    Course course = pick(COURSES, random);
    String unique = UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT);
    String code = "SIM" + unique.substring(0, 13);
    OffsetDateTime now = clock.nowInJakarta().truncatedTo(ChronoUnit.SECONDS);
    OffsetDateTime completedAt = backdated ? workingDaysBefore(now, BACKDATED_WORKING_DAYS) : now;

    ObjectNode c = json.createObjectNode();
    c.put("completionId", "sim-" + unique.toLowerCase(Locale.ROOT));
    c.put("redemptionCode", code);
    c.put("platform", platform.name());
    c.putObject("learner").put("id", "sim-u-" + unique.substring(13, 21).toLowerCase(Locale.ROOT))
        .put("name", name)
        .put("email", (first + "." + last + "." + unique.substring(13, 19)).toLowerCase(Locale.ROOT)
            + "@example.com");
    c.put("prakerjaName", prakerjaName);
    c.putObject("course").put("id", course.id()).put("title", course.title());
    c.put("progressPercent", 100);
    c.put("examPassed", true);
    c.put("certificateNumber", "SIM-" + now.getYear() + "-" + unique.substring(0, 16));
    c.put("completedAt", completedAt.toString());
    c.put("reviewSubmitted", reviewSubmitted);
    return new Completion(c, mismatch, reviewSubmitted, backdated);
  }

  /** Posts one completion through the intake door. */
  Fed post(Completion completion) {
    byte[] body;
    try {
      body = json.writeValueAsBytes(completion.body());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A completion could not be written as JSON", e);
    }
    try {
      int status = http.client().post().uri(http.baseUrl() + "/api/v1/completions")
          .contentType(MediaType.APPLICATION_JSON)
          .accept(MediaType.APPLICATION_JSON)
          .header("X-Api-Key", apiKey)
          .body(body)
          .exchange((request, response) -> {
            int code = response.getStatusCode().value();
            if (code != 200 && code != 201) {
              log.warn("Simulator feeder: intake answered HTTP {} for {}: {}", code,
                  completion.completionId(), detail(response.getBody().readAllBytes()));
            }
            return code;
          });
      return new Fed(completion, status);
    } catch (RestClientException e) {
      log.warn("Simulator feeder: cannot reach {} ({}); nothing more posted this tick",
          http.baseUrl(), SimulatorHttp.reason(e));
      return new Fed(completion, 0);
    }
  }

  /**
   * The latest time, at {@code from}'s time of day, from which {@code days} working days have
   * passed by {@code from}: counted forward by the calendar's one rule, as deadlines are, so that a
   * backdated completion is due exactly as its deadline says (from a Saturday, 3 working days back
   * is Tuesday, not Wednesday: Wednesday's three run to Monday).
   */
  OffsetDateTime workingDaysBefore(OffsetDateTime from, int days) {
    Instant now = from.toInstant();
    ZonedDateTime day = from.atZoneSameInstant(WorkingDayCalendar.JAKARTA).minusDays(days);
    while (calendar.workingDaysBetween(day.toInstant(), now) < days) {
      day = day.minusDays(1);
    }
    return day.toOffsetDateTime();
  }

  /** Takes or renews the cluster-wide feeder lease; false while another node holds it. */
  boolean holdLease() {
    Instant now = clock.now();
    return jdbc.update("update simulator_lease set holder = ?, expires_at = ? where name = ?"
        + " and (holder is null or holder = ? or expires_at < ?)", node,
        SimulatorEvents.utc(now.plusMillis(leaseMillis)), LEASE, node,
        SimulatorEvents.utc(now)) == 1;
  }

  private String detail(byte[] answer) {
    try {
      return json.readTree(answer).path("detail").asText("");
    } catch (java.io.IOException e) {
      return "";
    }
  }

  private static <T> T pick(List<T> list, ThreadLocalRandom random) {
    return list.get(random.nextInt(list.size()));
  }
}
