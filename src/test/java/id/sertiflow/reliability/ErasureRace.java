package id.sertiflow.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.sertiflow.privacy.DatabaseSearch;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Erasures on one node while the other applies callbacks for the same certificates (README,
 * "Personal data"): pairs of learners, one to be erased, one a bystander on the same platform,
 * each certificate awaiting its platform's report. At one signal, node-a takes a privacy officer's
 * erasure for every first learner while node-b takes a signed {@code REPORTED_TO_PMO} callback for
 * both, whose detail names the learner, all shuffled over eight clients. Whichever comes first for
 * a certificate, afterwards every erased certificate is {@code ERASED} and answers 404, no column of
 * any table (SertiFlow's and Camunda's) holds an erased learner's name, e-mail, learner id or code,
 * and every bystander's callback was applied with its detail intact. Its own certificates (codes
 * {@code RE…} and {@code RS…}), after the run's checks, so that they count nothing twice.
 */
final class ErasureRace {

  private static final String PLATFORM = "PIJAR_MAHIR";
  private static final String REASON = "permintaan peserta (uji keandalan)";

  /** One learner of the race: the values erasure must remove, or the bystander's that must stay. */
  record Learner(String code, String id, String name, String email) {
    List<String> values() {
      return List.of(code, id, name, email);
    }
  }

  private final ReliabilityRun run;
  private final int pairs;

  ErasureRace(ReliabilityRun run, int pairs) {
    this.run = run;
    this.pairs = pairs;
  }

  void run() throws Exception {
    List<Learner> erased = new ArrayList<>();
    List<Learner> bystanders = new ArrayList<>();
    for (int i = 0; i < pairs; i++) {
      String letters = ReliabilityRun.letters(i);
      erased.add(new Learner(String.format("RE%07d", i), "hapus-u-" + i + "-x",
          "Terhapus " + letters + " Wibisono", "hapus-" + i + "@example.com"));
      bystanders.add(new Learner(String.format("RS%07d", i), "saksi-u-" + i + "-x",
          "Saksi " + letters + " Wibisono", "saksi-" + i + "@example.com"));
    }
    Map<String, String> ids = intake(erased, bystanders);
    Map<String, String> officer = privacyOfficer();

    // the race: every erasure to node-a, every callback to node-b, shuffled, from one signal on
    record Step(String kind, Learner learner) {}
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < pairs; i++) {
      steps.add(new Step("erasure", erased.get(i)));
      steps.add(new Step("callback", erased.get(i)));
      steps.add(new Step("callback", bystanders.get(i)));
    }
    Collections.shuffle(steps, new Random(run.seed));
    Map<String, Integer> erasureAnswers = new ConcurrentHashMap<>();
    Map<String, Integer> callbackAnswers = new ConcurrentHashMap<>();
    // the first request of each of the 8 clients leaves when all 8 are at the barrier
    CyclicBarrier go = new CyclicBarrier(Math.min(8, steps.size()));
    String secret = run.secrets.get(ReliabilityRun.path(PLATFORM));
    String eventsUrl = run.b.base() + "/api/v1/platforms/" + ReliabilityRun.path(PLATFORM) + "/events";
    Instant start = Instant.now();
    OffsetDateTime at = OffsetDateTime.now(ReliabilityRun.JAKARTA).truncatedTo(ChronoUnit.SECONDS);
    run.parallel(8, steps.size(), i -> {
      Step step = steps.get(i);
      if (i < 8) {
        go.await();
      }
      Learner l = step.learner();
      if (step.kind().equals("erasure")) {
        byte[] body = run.json.writeValueAsBytes(run.json.createObjectNode()
            .put("learnerId", l.id()).put("reason", REASON));
        erasureAnswers.put(l.code(), run.http.send("POST", run.a.base() + "/api/v1/erasures",
            "application/json", body, officer).status());
      } else {
        ObjectNode event = run.event(l.code() + "-race", "REPORTED_TO_PMO", l.code(), at)
            .put("detail", "diterima atas nama " + l.name());
        byte[] body = run.json.writeValueAsBytes(event);
        callbackAnswers.put(l.code(), run.http.send("POST", eventsUrl, "application/json", body,
            Http.signed(secret, body)).status());
      }
    });
    run.waitFor(Duration.ofMinutes(5), "the race's callbacks applied", () -> run.count(
        "select count(*) from platform_event where event_id like 'R_%-race' and status = 'PENDING'") == 0);
    Duration took = Duration.between(start, Instant.now());

    // the answers
    long erasedOk = erasureAnswers.values().stream().filter(s -> s == 200).count();
    if (erasedOk != pairs) {
      run.findings.add("erasure race: " + (pairs - erasedOk) + " erasures not answered 200: "
          + erasureAnswers.entrySet().stream().filter(e -> e.getValue() != 200).limit(10).toList());
    }
    Map<Integer, Long> erasedCallbacks = answers(callbackAnswers, erased);
    Map<Integer, Long> bystanderCallbacks = answers(callbackAnswers, bystanders);
    if (!List.of(202, 404).containsAll(erasedCallbacks.keySet())
        || !bystanderCallbacks.keySet().equals(Set.of(202))) {
      run.findings.add("erasure race: callbacks answered " + erasedCallbacks + " for erased learners"
          + " (202 or 404 expected) and " + bystanderCallbacks + " for bystanders (202 expected)");
    }

    // the erased: ERASED, 404 on both nodes, no trace in any column
    String erasedIds = erased.stream().map(l -> "'" + ids.get(l.code()) + "'")
        .collect(Collectors.joining(","));
    long nowErased = run.count("select count(*) from certificate where id in (" + erasedIds
        + ") and state = 'ERASED'");
    AtomicInteger stillAnswering = new AtomicInteger();
    for (Learner l : erased) {
      for (Node node : List.of(run.a, run.b)) {
        if (run.statusByCode(node, l.code()).status() != 404) {
          stillAnswering.incrementAndGet();
        }
      }
    }
    DriverManagerDataSource database = new DriverManagerDataSource(run.jdbcUrl, "postgres", "");
    Map<String, String> traces = new DatabaseSearch(database).columnsHolding(
        erased.stream().flatMap(l -> l.values().stream()).toList());
    long records = run.count("select count(*) from erasure_certificate ec join erasure e on"
        + " e.id = ec.erasure_id where e.reason = '" + REASON + "' and ec.certificate_id in ("
        + erasedIds + ")");

    // the bystanders: their callback applied, their data whole
    AtomicInteger bystandersWrong = new AtomicInteger();
    for (Learner l : bystanders) {
      Http.Answer answer = run.statusByCode(run.a, l.code());
      JsonNode doc = answer.status() == 200 ? run.json.readTree(answer.body()) : null;
      boolean pmoReached = doc != null && stage(doc, "REPORTED_TO_PMO").equals("DONE");
      if (!pmoReached || !doc.at("/learner/name").asText().equals(l.name())) {
        bystandersWrong.incrementAndGet();
      }
    }
    long detailsKept = run.count("select count(*) from platform_event where event_id like 'RS%-race'"
        + " and detail like 'diterima atas nama Saksi %'");
    long incidents = run.count("select count(*) from act_ru_incident");

    run.lost += (int) (pairs - nowErased) + bystandersWrong.get() + (int) (pairs - detailsKept);
    if (nowErased != pairs || stillAnswering.get() > 0 || !traces.isEmpty() || records != pairs) {
      run.findings.add("erasure race: " + nowErased + " of " + pairs + " certificates ERASED, "
          + stillAnswering.get() + " status answers other than 404, " + records
          + " erasure records; traces left in " + traces);
    }
    if (bystandersWrong.get() > 0 || detailsKept != pairs) {
      run.findings.add("erasure race: " + bystandersWrong.get() + " bystanders without their callback"
          + " applied or their name, " + detailsKept + " of " + pairs + " callback details kept");
    }
    if (incidents > 0) {
      run.findings.add("erasure race: " + incidents + " incident(s) open afterwards");
    }
    run.figures.put("erasure race", pairs + " erasures on node-a (privacy officer, by learner id)"
        + " against " + (2 * pairs) + " signed callbacks on node-b for the same certificates and as"
        + " many bystanders', shuffled over 8 clients, all applied " + ReliabilityRun.seconds(took)
        + " after the signal; erasures answered 200: " + erasedOk + "; the erased learners' callbacks"
        + " answered " + erasedCallbacks + " (202: stored, then erased; 404: no such code any more)"
        + ", the bystanders' " + bystanderCallbacks + "; afterwards " + nowErased + " of " + pairs
        + " ERASED, " + stillAnswering.get() + " status answers other than 404 on both nodes, "
        + traces.size() + " columns of the whole database holding an erased learner's name, e-mail,"
        + " learner id or code, " + (pairs - bystandersWrong.get()) + " of " + pairs + " bystanders"
        + " with their callback applied and their data whole, " + incidents + " incidents");
  }

  /** The race's certificates, through node-a; their ids by code. */
  private Map<String, String> intake(List<Learner> erased, List<Learner> bystanders) throws Exception {
    OffsetDateTime completedAt = OffsetDateTime.now(ReliabilityRun.JAKARTA).minusMinutes(30)
        .truncatedTo(ChronoUnit.SECONDS);
    List<Learner> all = new ArrayList<>(erased);
    all.addAll(bystanders);
    Map<String, String> ids = new ConcurrentHashMap<>();
    for (int from = 0; from < all.size(); from += 250) {
      ArrayNode rows = run.json.createArrayNode();
      for (Learner l : all.subList(from, Math.min(all.size(), from + 250))) {
        ObjectNode c = rows.addObject();
        c.put("completionId", "race-" + l.code()).put("redemptionCode", l.code())
            .put("platform", PLATFORM);
        c.putObject("learner").put("id", l.id()).put("name", l.name()).put("email", l.email());
        c.put("prakerjaName", l.name().toUpperCase(Locale.ROOT));
        c.putObject("course").put("id", "c-race").put("title", "Kelas Keandalan");
        c.put("progressPercent", 100).put("examPassed", true)
            .put("certificateNumber", "SA-" + l.code()).put("completedAt", completedAt.toString())
            .put("reviewSubmitted", true);
      }
      Http.Answer answer = run.http.send("POST", run.a.base() + "/api/v1/completions/batch",
          "application/json", run.json.writeValueAsBytes(rows),
          Map.of("X-Api-Key", ReliabilityRun.API_KEY));
      if (answer.status() != 200) {
        throw new AssertionError("the race's intake answered " + answer.status() + ": "
            + Http.abbreviate(answer.text(), 200));
      }
      for (JsonNode r : run.json.readTree(answer.body()).get("results")) {
        ids.put(r.get("completionId").asText().substring("race-".length()),
            r.get("certificateId").asText());
      }
    }
    if (ids.size() != all.size()) {
      throw new AssertionError("the race's intake created " + ids.size() + " of " + all.size());
    }
    return ids;
  }

  /** The run's operator, made a privacy officer over Camunda's REST API, as an administrator would. */
  private Map<String, String> privacyOfficer() throws Exception {
    Map<String, String> operator = Map.of("Authorization",
        Http.basic(ReliabilityRun.OPERATOR, ReliabilityRun.OPERATOR_PASSWORD));
    Http.Answer joined = run.http.send("PUT", run.a.base() + "/engine-rest/group/privacy-officer/members/"
        + ReliabilityRun.OPERATOR, null, null, operator);
    if (joined.status() != 204) {
      throw new AssertionError("joining privacy-officer answered " + joined.status() + ": "
          + Http.abbreviate(joined.text(), 200));
    }
    return operator;
  }

  private static String stage(JsonNode doc, String stage) {
    for (JsonNode s : doc.get("stages")) {
      if (s.path("stage").asText().equals(stage)) {
        return s.path("status").asText();
      }
    }
    return "";
  }

  private static Map<Integer, Long> answers(Map<String, Integer> answers, List<Learner> whose) {
    return whose.stream().map(l -> answers.getOrDefault(l.code(), 0))
        .collect(Collectors.groupingBy(s -> s, TreeMap::new, Collectors.counting()));
  }
}
