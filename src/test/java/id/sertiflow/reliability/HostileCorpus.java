package id.sertiflow.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.sertiflow.PathSpellings;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded, reproducible corpus of hostile requests against intake, batch intake (JSON and CSV),
 * the platforms' callbacks and the learner's look-up, and guarded doors called without credentials
 * on paths spelled another way ({@link PathSpellings}). Each case says what a correct service
 * answers: a 4xx problem document, or (for the few valid inputs that merely carry hostile text) a
 * success, so that the runner can judge every answer.
 */
final class HostileCorpus {

  /** What a correct answer looks like. */
  enum Expect {
    /** 4xx, application/problem+json. */
    PROBLEM,
    /** 201: valid, with hostile text in free-text fields (stored literally, never executed). */
    CREATED,
    /** 200 with per-row outcomes; exactly {@code created} rows CREATED. */
    BATCH,
    /** 2xx with per-item outcomes, none ACCEPTED or CREATED; or a 4xx problem. */
    NOTHING_TAKEN,
    /** 200: the learner's look-up of a certificate the corpus created. */
    LOOKED_UP
  }

  record Case(String target, String kind, String method, String path, String contentType,
      byte[] body, Map<String, String> headers, Expect expect, int created, String code,
      String learnerName, String email) {}

  static final String PWNED = "/tmp/sertiflow-reliability-pwned";
  static final List<String> INJECTIONS = List.of(
      "${7*7}", "#{7*7}", "${T(java.lang.Runtime).getRuntime().exec('touch " + PWNED + "')}",
      "#{T(java.lang.Runtime).getRuntime().exec('touch " + PWNED + "')}",
      "${jndi:ldap://127.0.0.1:18299/x}", "{{7*7}}", "<%= 7*7 %>",
      "' OR '1'='1", "'; drop table certificate; --", "1; update certificate set state='VERIFIED'",
      "\" OR \"\"=\"", "<script>document.title='pwned'</script>",
      "<img src=x onerror=\"document.title='pwned'\">", "<svg/onload=alert(1)>",
      "javascript:alert(1)", "%s%s%n%x", "../../../../etc/passwd", "\u202egnp.exe",
      "Budi \uD83D\uDE00 Santoso", "<b>Budi</b> & Ani");
  private static final String[] PLATFORMS = {"BUKALAPAK", "PINTARIA", "TOKOPEDIA", "PIJAR_MAHIR", "KARIERMU"};
  private static final String[] PATHS = {"bukalapak", "pintaria", "tokopedia", "pijar-mahir", "kariermu"};
  private static final String[] TEXT_FIELDS = {"completionId", "redemptionCode", "platform",
      "learner.id", "learner.name", "learner.email", "prakerjaName", "course.id", "course.title",
      "certificateNumber", "completedAt"};
  private static final String[] ALL_FIELDS = {"completionId", "redemptionCode", "platform",
      "learner", "learner.id", "learner.name", "learner.email", "prakerjaName", "course",
      "course.id", "course.title", "progressPercent", "examPassed", "certificateNumber",
      "completedAt", "reviewSubmitted"};
  private static final String[] CSV_HEADER = {"completionId", "redemptionCode", "platform",
      "learner.id", "learner.name", "learner.email", "prakerjaName", "course.id", "course.title",
      "progressPercent", "examPassed", "certificateNumber", "completedAt", "reviewSubmitted"};
  private static final String[] WRONG_CONTENT_TYPES = {"text/plain", "application/xml",
      "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/html",
      "application/octet-stream", "image/png"};

  private final ObjectMapper json = new ObjectMapper();
  private final Random random;
  private final String apiKey;
  private final Map<String, String> secrets;
  private final String completedAt;
  private int serial;

  HostileCorpus(long seed, String apiKey, Map<String, String> secrets, String completedAt) {
    this.random = new Random(seed);
    this.apiKey = apiKey;
    this.secrets = secrets;
    this.completedAt = completedAt;
  }

  List<Case> generate(int size) {
    List<Case> cases = new ArrayList<>(size);
    List<Case> created = new ArrayList<>();
    while (cases.size() < size) {
      int pick = random.nextInt(100);
      Case c;
      if (pick < 30) {
        c = intake();
      } else if (pick < 48) {
        c = batchJson();
      } else if (pick < 63) {
        c = batchCsv();
      } else if (pick < 80) {
        c = callback();
      } else if (pick < 92) {
        c = lookup(created);
      } else {
        c = respelled();
      }
      if (c.expect() == Expect.CREATED) {
        created.add(c);
      }
      cases.add(c);
    }
    return cases;
  }

  // --- intake

  /** A valid completion whose names differ, so it waits for the learner and is never reported. */
  private ObjectNode valid() {
    int n = ++serial;
    ObjectNode c = json.createObjectNode();
    c.put("completionId", "hx-" + n);
    c.put("redemptionCode", String.format("HX%06d", n));
    c.put("platform", "TOKOPEDIA");
    c.putObject("learner").put("id", "hx-learner-" + n).put("name", "Hostile Learner " + n)
        .put("email", "hx" + n + "@example.com");
    c.put("prakerjaName", "NAMA PRAKERJA LAIN");
    c.putObject("course").put("id", "c-hx").put("title", "Kelas Keandalan");
    c.put("progressPercent", 100);
    c.put("examPassed", true);
    c.put("certificateNumber", "SA-HX-" + n);
    c.put("completedAt", completedAt);
    c.put("reviewSubmitted", true);
    return c;
  }

  private Case intake() {
    ObjectNode c = valid();
    int kind = random.nextInt(13);
    Map<String, String> key = Map.of("X-Api-Key", apiKey);
    String path = "/api/v1/completions";
    return switch (kind) {
      case 0 -> problem("intake", "truncated JSON", path, "application/json", truncate(bytes(c)), key);
      case 1 -> problem("intake", "garbage bytes", path, "application/json", garbage(), key);
      case 2 -> problem("intake", "wrong type", path, "application/json", bytes(wrongType(c)), key);
      case 3 -> problem("intake", "huge string", path, "application/json", bytes(set(c, pick(TEXT_FIELDS), huge())), key);
      case 4 -> problem("intake", "empty string", path, "application/json", bytes(set(c, pick(TEXT_FIELDS), "")), key);
      case 5 -> problem("intake", "control characters", path, "application/json", bytes(set(c, pick(TEXT_FIELDS), controls())), key);
      case 6 -> problem("intake", "invalid UTF-8", path, "application/json", invalidUtf8(c), key);
      case 7 -> problem("intake", "deep nesting", path, "application/json", deep(c), key);
      case 8 -> problem("intake", "wrong content type", path, pick(WRONG_CONTENT_TYPES), bytes(c), key);
      case 9 -> problem("intake", "injection in an id", path, "application/json",
          bytes(set(c, pick(new String[] {"completionId", "redemptionCode", "platform", "learner.email", "completedAt"}), pick(INJECTIONS))), key);
      case 10 -> problem("intake", "missing field or not eligible", path, "application/json", bytes(incomplete(c)), key);
      case 11 -> random.nextBoolean()
          ? problem("intake", "no API key", path, "application/json", bytes(c), Map.of())
          : problem("intake", "not an object", path, "application/json", pick(new String[] {"[]", "42", "\"x\"", "null", "true", "{}"}).getBytes(), key);
      default -> created(c, key);
    };
  }

  private Case created(ObjectNode c, Map<String, String> key) {
    String name = pick(INJECTIONS) + " " + serial;
    ((ObjectNode) c.get("learner")).put("name", name);
    ((ObjectNode) c.get("course")).put("title", pick(INJECTIONS));
    ((ObjectNode) c.get("learner")).put("id", pick(INJECTIONS));
    return new Case("intake", "valid, hostile text", "POST", "/api/v1/completions", "application/json",
        bytes(c), key, Expect.CREATED, 1, c.get("redemptionCode").asText(), name,
        c.get("learner").get("email").asText());
  }

  private Case batchJson() {
    Map<String, String> key = Map.of("X-Api-Key", apiKey);
    String path = "/api/v1/completions/batch";
    int kind = random.nextInt(8);
    if (kind < 4) {
      ArrayNode rows = json.createArrayNode();
      int createdRows = 0;
      int size = 1 + random.nextInt(12);
      for (int i = 0; i < size; i++) {
        ObjectNode c = valid();
        switch (random.nextInt(7)) {
          case 0 -> rows.add(wrongType(c));
          case 1 -> rows.add(set(c, pick(TEXT_FIELDS), random.nextBoolean() ? "" : controls()));
          case 2 -> rows.add(set(c, pick(new String[] {"completionId", "redemptionCode", "learner.email"}), pick(INJECTIONS)));
          case 3 -> rows.add(incomplete(c));
          case 4 -> rows.add(pick(new JsonNode[] {json.getNodeFactory().numberNode(7),
              json.getNodeFactory().textNode(pick(INJECTIONS)), json.createArrayNode(), json.getNodeFactory().nullNode()}));
          case 5 -> rows.add(set(c, pick(TEXT_FIELDS), "A".repeat(400 + random.nextInt(3000))));
          default -> {
            ((ObjectNode) c.get("learner")).put("name", pick(INJECTIONS));
            ((ObjectNode) c.get("course")).put("title", pick(INJECTIONS));
            rows.add(c);
            createdRows++;
          }
        }
      }
      return new Case("batch-json", "rows with hostile fields", "POST", path, "application/json",
          bytes(rows), key, Expect.BATCH, createdRows, null, null, null);
    }
    ArrayNode rows = json.createArrayNode();
    rows.add(wrongType(valid()));
    return switch (kind) {
      case 4 -> problem("batch-json", "truncated JSON", path, "application/json", truncate(bytes(rows)), key);
      case 5 -> problem("batch-json", "not an array", path, "application/json", random.nextBoolean()
          ? "{\"completions\": []}".getBytes() : "\"batch\"".getBytes(), key);
      case 6 -> random.nextBoolean()
          ? problem("batch-json", "more than 1,000 rows", path, "application/json", tooMany(), key)
          : problem("batch-json", "deep nesting", path, "application/json", deepArray(), key);
      default -> problem("batch-json", "wrong content type", path, pick(WRONG_CONTENT_TYPES), bytes(rows), key);
    };
  }

  private Case batchCsv() {
    Map<String, String> key = Map.of("X-Api-Key", apiKey);
    String path = "/api/v1/completions/batch";
    int kind = random.nextInt(7);
    if (kind < 3) {
      StringBuilder csv = new StringBuilder(String.join(",", CSV_HEADER)).append("\r\n");
      int size = 1 + random.nextInt(10);
      int createdRows = 0;
      for (int i = 0; i < size; i++) {
        ObjectNode c = valid();
        boolean validRow = random.nextInt(3) == 0;
        if (validRow) {
          ((ObjectNode) c.get("learner")).put("name", pick(INJECTIONS));
          createdRows++;
        } else {
          String field = pick(new String[] {"redemptionCode", "platform", "learner.email",
              "progressPercent", "examPassed", "completedAt", "learner.name"});
          set(c, field, pick(new String[] {pick(INJECTIONS), "", "be\u0007ll", "-1", "maybe", "1e400"}));
          if (field.equals("learner.name") && !isInvalidName(c.get("learner").get("name").asText())) {
            createdRows++;
          }
        }
        csv.append(csvRow(c)).append("\r\n");
      }
      return new Case("batch-csv", "rows with hostile fields", "POST", path, "text/csv",
          csv.toString().getBytes(StandardCharsets.UTF_8), key, Expect.BATCH, createdRows, null, null, null);
    }
    String good = String.join(",", CSV_HEADER) + "\r\n" + csvRow(valid()) + "\r\n";
    return switch (kind) {
      case 3 -> problem("batch-csv", "unbalanced quotes", path, "text/csv",
          (String.join(",", CSV_HEADER) + "\r\n\"hx-broken,HX0,\"TOKOPEDIA\r\n").getBytes(), key);
      case 4 -> problem("batch-csv", "invalid UTF-8", path, "text/csv", withBadBytes(good), key);
      case 5 -> random.nextBoolean()
          ? problem("batch-csv", "empty body", path, "text/csv", new byte[0], key)
          : new Case("batch-csv", "duplicate header", "POST", path, "text/csv",
              "completionId,completionId\r\na,b\r\n".getBytes(), key, Expect.NOTHING_TAKEN, 0, null, null, null);
      default -> problem("batch-csv", "huge field", path, "text/csv",
          (String.join(",", CSV_HEADER) + "\r\n" + "x".repeat(1_100_000) + "\r\n").getBytes(), key);
    };
  }

  private static boolean isInvalidName(String name) {
    return name.isBlank() || name.chars().anyMatch(ch -> Character.isISOControl(ch) && ch != '\t');
  }

  private String csvRow(ObjectNode c) {
    List<String> values = new ArrayList<>();
    for (String field : CSV_HEADER) {
      JsonNode node = field.contains(".") ? c.path(field.split("\\.")[0]).path(field.split("\\.")[1]) : c.path(field);
      String v = node.isMissingNode() || node.isNull() ? "" : node.asText();
      values.add("\"" + v.replace("\"", "\"\"") + "\"");
    }
    return String.join(",", values);
  }

  // --- callbacks

  private Case callback() {
    int p = random.nextInt(PATHS.length);
    String path = "/api/v1/platforms/" + PATHS[p] + "/events";
    ObjectNode event = json.createObjectNode();
    event.put("eventId", "hx-evt-" + (++serial));
    event.put("type", pick(new String[] {"REPORTED_TO_PMO", "PMO_VERIFIED", "PMO_REJECTED"}));
    event.put("redemptionCode", String.format("HXNONE%06d", serial));
    event.put("occurredAt", completedAt);
    int kind = random.nextInt(11);
    byte[] body;
    String kindName;
    switch (kind) {
      case 0 -> { body = truncate(bytes(event)); kindName = "truncated JSON"; }
      case 1 -> { body = garbage(); kindName = "garbage bytes"; }
      case 2 -> { body = bytes(set(event, pick(new String[] {"eventId", "type", "redemptionCode", "occurredAt"}),
          json.getNodeFactory().numberNode(random.nextInt()))); kindName = "wrong type"; }
      case 3 -> { body = bytes(set(event, pick(new String[] {"eventId", "type", "redemptionCode", "occurredAt", "reason", "detail"}),
          random.nextBoolean() ? "" : random.nextBoolean() ? controls() : huge())); kindName = "empty, control or huge string"; }
      case 4 -> { body = invalidUtf8(event); kindName = "invalid UTF-8"; }
      case 5 -> { body = deep(event); kindName = "deep nesting"; }
      case 6 -> { body = bytes(set(event, pick(new String[] {"eventId", "type", "redemptionCode", "occurredAt"}), pick(INJECTIONS))); kindName = "injection"; }
      case 7 -> {
        ArrayNode events = json.createArrayNode();
        for (int i = 0; i < 1 + random.nextInt(8); i++) {
          ObjectNode e = event.deepCopy();
          e.put("eventId", "hx-evt-" + (++serial));
          events.add(random.nextBoolean() ? e : set(e, "redemptionCode", pick(INJECTIONS)));
        }
        String secret = secrets.get(PATHS[p]);
        byte[] b = bytes(events);
        return new Case("callback", "array of unknown or hostile events", "POST", path, "application/json",
            b, Http.signed(secret, b), Expect.NOTHING_TAKEN, 0, null, null, null);
      }
      case 8 -> {
        byte[] b = bytes(event);
        Map<String, String> headers = switch (random.nextInt(3)) {
          case 0 -> Map.of();
          case 1 -> Map.of("X-Sertiflow-Timestamp", "0", "X-Sertiflow-Signature",
              Http.signed(secrets.get(PATHS[p]), b).get("X-Sertiflow-Signature"));
          default -> Http.signed("not-the-secret", b);
        };
        return new Case("callback", "bad signature", "POST", path, "application/json", b, headers,
            Expect.PROBLEM, 0, null, null, null);
      }
      case 9 -> {
        byte[] b = bytes(event);
        return new Case("callback", "wrong content type", "POST", path, pick(WRONG_CONTENT_TYPES), b,
            Http.signed(secrets.get(PATHS[p]), b), Expect.PROBLEM, 0, null, null, null);
      }
      default -> { body = bytes(event); kindName = "unknown redemption code"; }
    }
    return new Case("callback", kindName, "POST", path, "application/json", body,
        Http.signed(secrets.get(PATHS[p]), body), Expect.PROBLEM, 0, null, null, null);
  }

  // --- the learner's look-up

  private Case lookup(List<Case> created) {
    String path = "/api/v1/status-lookups";
    int kind = random.nextInt(9);
    ObjectNode body = json.createObjectNode();
    body.put("redemptionCode", "HX" + random.nextInt(1_000_000));
    body.put("email", "someone@example.com");
    return switch (kind) {
      case 0 -> problem("lookup", "truncated JSON", path, "application/json", truncate(bytes(body)), Map.of());
      case 1 -> problem("lookup", "wrong type", path, "application/json",
          bytes(set(body, pick(new String[] {"redemptionCode", "email"}), random.nextBoolean()
              ? json.createObjectNode().put("$gt", "") : json.createArrayNode().add(1))), Map.of());
      case 2 -> problem("lookup", "huge, empty or control string", path, "application/json",
          bytes(set(body, pick(new String[] {"redemptionCode", "email"}), random.nextBoolean() ? huge()
              : random.nextBoolean() ? "" : controls())), Map.of());
      case 3 -> problem("lookup", "invalid UTF-8", path, "application/json", invalidUtf8(body), Map.of());
      case 4 -> problem("lookup", "injection", path, "application/json",
          bytes(set(body, pick(new String[] {"redemptionCode", "email"}), pick(INJECTIONS))), Map.of());
      case 5 -> problem("lookup", "wrong content type", path, pick(WRONG_CONTENT_TYPES), bytes(body), Map.of());
      case 6 -> problem("lookup", "deep nesting", path, "application/json", deep(body), Map.of());
      case 7 -> {
        String code = random.nextBoolean() ? pick(INJECTIONS) : controls();
        yield new Case("lookup", "status by hostile code", "GET", "/api/v1/certificates?redemptionCode="
            + URLEncoder.encode(code, StandardCharsets.UTF_8), null, null, Map.of("X-Api-Key", apiKey),
            Expect.PROBLEM, 0, null, null, null);
      }
      default -> {
        if (created.isEmpty()) {
          yield problem("lookup", "wrong e-mail", path, "application/json", bytes(body), Map.of());
        }
        Case c = created.get(random.nextInt(created.size()));
        ObjectNode ok = json.createObjectNode().put("redemptionCode", c.code()).put("email", c.email());
        yield new Case("lookup", "the learner's own look-up", "POST", path, "application/json", bytes(ok),
            Map.of(), Expect.LOOKED_UP, 0, c.code(), c.learnerName(), c.email());
      }
    };
  }

  // --- mutations

  // --- a guarded door, its path spelled another way, without credentials

  private Case respelled() {
    ObjectNode c = valid();
    String[][] doors = {
        {"POST", "/api/v1/completions", "application/json", c.toString()},
        {"POST", "/api/v1/completions/batch", "application/json", "[" + c + "]"},
        {"GET", "/api/v1/certificates/" + java.util.UUID.randomUUID(), null, null},
        {"PATCH", "/api/v1/certificates/" + java.util.UUID.randomUUID() + "/learner", "application/json",
            "{\"name\": \"Someone Else\"}"},
        {"POST", "/api/v1/platforms/" + pick(PATHS) + "/events", "application/json",
            "{\"eventId\": \"hx-respelled\", \"type\": \"PMO_VERIFIED\", \"redemptionCode\": \""
                + c.path("redemptionCode").asText() + "\", \"occurredAt\": \"" + completedAt + "\"}"},
        {"GET", "/api/v1/escalations", null, null},
        {"PUT", "/api/v1/calendar/holidays/2031-01-02", "application/json",
            "{\"name\": \"Injected\", \"type\": \"NATIONAL_HOLIDAY\"}"}};
    String[] door = doors[random.nextInt(doors.length)];
    List<PathSpellings.Spelling> spellings = PathSpellings.of(door[1]);
    PathSpellings.Spelling spelling = spellings.get(random.nextInt(spellings.size()));
    return new Case("respelled", spelling.name(), door[0], spelling.path(), door[2],
        door[3] == null ? null : door[3].getBytes(StandardCharsets.UTF_8), Map.of(), Expect.PROBLEM,
        0, null, null, null);
  }

  private Case problem(String target, String kind, String path, String contentType, byte[] body,
      Map<String, String> headers) {
    return new Case(target, kind, "POST", path, contentType, body, headers, Expect.PROBLEM, 0, null, null, null);
  }

  private ObjectNode set(ObjectNode root, String field, Object value) {
    ObjectNode parent = root;
    String name = field;
    if (field.contains(".")) {
      String[] parts = field.split("\\.");
      parent = (ObjectNode) root.get(parts[0]);
      name = parts[1];
    }
    if (value instanceof JsonNode node) {
      parent.set(name, node);
    } else {
      parent.put(name, (String) value);
    }
    return root;
  }

  private ObjectNode wrongType(ObjectNode c) {
    JsonNode wrong = pick(new JsonNode[] {json.getNodeFactory().numberNode(random.nextInt()),
        json.getNodeFactory().numberNode(1.5e300), json.getNodeFactory().booleanNode(true),
        json.createArrayNode().add("x"), json.createObjectNode().put("a", 1),
        json.getNodeFactory().textNode("100")});
    String field = pick(ALL_FIELDS);
    if (wrong.isBoolean() && (field.equals("examPassed") || field.equals("reviewSubmitted"))) {
      wrong = json.getNodeFactory().textNode("yes");
    }
    if (field.equals("learner") || field.equals("course")) {
      c.set(field, json.getNodeFactory().textNode("not an object"));
      return c;
    }
    if (wrong.isTextual() && !(field.equals("progressPercent") || field.equals("examPassed")
        || field.equals("reviewSubmitted"))) {
      wrong = json.getNodeFactory().numberNode(100);
    }
    return set(c, field, wrong);
  }

  private ObjectNode incomplete(ObjectNode c) {
    if (random.nextBoolean()) {
      String field = pick(new String[] {"completionId", "redemptionCode", "platform", "learner",
          "prakerjaName", "course", "progressPercent", "examPassed", "certificateNumber", "completedAt"});
      c.remove(field);
    } else if (random.nextBoolean()) {
      c.put("progressPercent", random.nextInt(100));
    } else {
      c.put("completedAt", "2999-01-01T00:00:00+07:00");
    }
    return c;
  }

  private String huge() {
    int length = random.nextBoolean() ? 301 + random.nextInt(5000) : 50_000 + random.nextInt(1_200_000);
    return "A".repeat(length);
  }

  private String controls() {
    StringBuilder s = new StringBuilder("Budi");
    int n = 1 + random.nextInt(3);
    for (int i = 0; i < n; i++) {
      s.insert(random.nextInt(s.length() + 1), (char) pick(new Integer[] {0, 1, 7, 8, 11, 12, 13, 10, 27, 127, 0x85}).intValue());
    }
    return s.toString();
  }

  private byte[] truncate(byte[] body) {
    int cut = body.length <= 1 ? 0 : random.nextInt(body.length - 1);
    byte[] part = new byte[cut];
    System.arraycopy(body, 0, part, 0, cut);
    return part;
  }

  private byte[] garbage() {
    byte[] b = new byte[1 + random.nextInt(200)];
    random.nextBytes(b);
    return b;
  }

  /** A string value whose bytes are not UTF-8 (a lone continuation byte, an overlong slash, 0xFF). */
  private byte[] invalidUtf8(ObjectNode node) {
    String marker = "@@BAD@@";
    set(node, firstTextField(node), "Bu" + marker + "di");
    return withBadBytes(new String(bytes(node), StandardCharsets.UTF_8).replace(marker, "\u0000MARK"));
  }

  private byte[] withBadBytes(String text) {
    byte[][] bad = {{(byte) 0xC3, (byte) 0x28}, {(byte) 0xFF}, {(byte) 0xC0, (byte) 0xAF},
        {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0x80}};
    byte[] chosen = bad[random.nextInt(bad.length)];
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String[] parts = text.contains("\u0000MARK") ? text.split("\u0000MARK", 2)
        : new String[] {text.substring(0, text.length() / 2 + 1), text.substring(text.length() / 2 + 1)};
    out.writeBytes(parts[0].getBytes(StandardCharsets.UTF_8));
    out.writeBytes(chosen);
    out.writeBytes(parts[1].getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private static String firstTextField(ObjectNode node) {
    if (node.has("learner")) {
      return "learner.name";
    }
    return node.has("redemptionCode") ? "redemptionCode" : node.fieldNames().next();
  }

  /** A field holding arrays nested hundreds to tens of thousands deep. */
  private byte[] deep(ObjectNode node) {
    int depth = pick(new Integer[] {200, 1_001, 5_000, 100_000});
    String marker = "\"@@DEEP@@\"";
    set(node, firstTextField(node), "@@DEEP@@");
    String text = new String(bytes(node), StandardCharsets.UTF_8);
    return text.replace(marker, "[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.UTF_8);
  }

  private byte[] deepArray() {
    int depth = pick(new Integer[] {1_001, 20_000});
    return ("[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.UTF_8);
  }

  private byte[] tooMany() {
    ArrayNode rows = json.createArrayNode();
    for (int i = 0; i < 1001; i++) {
      rows.add(json.createObjectNode().put("completionId", "x" + i));
    }
    return bytes(rows);
  }

  private byte[] bytes(JsonNode node) {
    try {
      return json.writeValueAsBytes(node);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private <T> T pick(T[] values) {
    return values[random.nextInt(values.length)];
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  /** A readable tally: target → kind → count. */
  static Map<String, Map<String, Integer>> tally(List<Case> cases) {
    Map<String, Map<String, Integer>> tally = new LinkedHashMap<>();
    for (Case c : cases) {
      tally.computeIfAbsent(c.target(), t -> new LinkedHashMap<>()).merge(c.kind(), 1, Integer::sum);
    }
    return tally;
  }
}
