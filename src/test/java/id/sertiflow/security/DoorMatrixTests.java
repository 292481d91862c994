package id.sertiflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.sertiflow.EngineClock;
import id.sertiflow.PathSpellings;
import id.sertiflow.PathSpellings.Spelling;
import id.sertiflow.SertiflowTest;
import id.sertiflow.TestApi;
import id.sertiflow.TestOperators;
import id.sertiflow.notification.OptOutLinks;
import id.sertiflow.platform.CallbackSignature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every door, called over a real socket as an attacker would: each path in every spelling of
 * {@link PathSpellings} (what the servlet container decodes, and what it could read two ways),
 * with no credentials, wrong ones and right ones. Without right credentials nothing answers 2xx and
 * nothing is stored or changed; an ambiguous spelling is refused with 400 whoever asks; the plain
 * spelling with right credentials still opens its door.
 */
@SertiflowTest
class DoorMatrixTests {

  /** What a caller presents. */
  enum Credentials { NONE, WRONG, RIGHT }

  /**
   * One door: {@code headers} gives what each kind of caller sends for a body; {@code success} is
   * the plain spelling's answer to the right caller.
   */
  record Door(String method, String path, String query, String contentType, String body,
      Function<Credentials, Map<String, String>> headers, int success) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  record Answer(int status, String contentType, String body) {}

  @LocalServerPort int port;
  @Autowired ObjectMapper json;
  @Autowired JdbcTemplate jdbc;
  @Autowired OptOutLinks optOutLinks;
  @Autowired org.camunda.bpm.engine.IdentityService identity;

  @RegisterExtension final EngineClock clock = EngineClock.realTime();

  TestApi api;
  String code;
  String batchCode;
  String eventId;
  String certificateId;
  int year;
  String holiday;
  String standingHoliday;
  /** A learner of the door matrix's own, whom the privacy officer's doors look up and erase. */
  String learnerId;
  static String privacyOfficer;
  TestOperators operators;

  @BeforeEach
  void setUp() throws Exception {
    api = new TestApi(null, json);
    code = TestApi.newRedemptionCode();
    batchCode = TestApi.newRedemptionCode();
    eventId = "door-matrix-" + code;
    // a year of its own for each test: nothing else in the suite looks at it
    year = 2040 + java.util.concurrent.ThreadLocalRandom.current().nextInt(900);
    holiday = year + "-03-02";
    standingHoliday = year + "-03-03";
    // a certificate whose learner name an attacker would like to rewrite
    Answer created = send("POST", "/api/v1/completions", "", "application/json",
        json.writeValueAsString(api.completion(TestApi.newRedemptionCode(),
            OffsetDateTime.now().minusHours(1))), apiKey(Credentials.RIGHT));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    certificateId = json.readTree(created.body()).get("certificateId").asText();
    // a learner whose personal data an attacker would like to read or erase
    learnerId = "door-matrix-" + code;
    com.fasterxml.jackson.databind.node.ObjectNode learners = api.completion(
        TestApi.newRedemptionCode(), OffsetDateTime.now().minusHours(1));
    ((com.fasterxml.jackson.databind.node.ObjectNode) learners.get("learner")).put("id", learnerId);
    Answer learner = send("POST", "/api/v1/completions", "", "application/json",
        json.writeValueAsString(learners), apiKey(Credentials.RIGHT));
    assertThat(learner.status()).as(learner.body()).isEqualTo(201);
    operators = new TestOperators(identity);
    privacyOfficer = operators.create("privacy-officer");
    // a holiday an attacker would like to delete
    Answer put = send("PUT", "/api/v1/calendar/holidays/" + standingHoliday, "", "application/json",
        "{\"name\": \"Standing holiday\", \"type\": \"NATIONAL_HOLIDAY\"}", operator(Credentials.RIGHT));
    assertThat(put.status()).as(put.body()).isEqualTo(200);
  }

  static Map<String, String> apiKey(Credentials credentials) {
    return switch (credentials) {
      case NONE -> Map.of();
      case WRONG -> Map.of("X-Api-Key", "not-the-key");
      case RIGHT -> Map.of("X-Api-Key", TestApi.API_KEY);
    };
  }

  @org.junit.jupiter.api.AfterEach
  void tearDown() {
    operators.deleteAll();
  }

  static Map<String, String> privacyOfficer(Credentials credentials) {
    return credentials == Credentials.RIGHT
        ? Map.of("Authorization", TestOperators.credentialsOf(privacyOfficer))
        : operator(credentials);
  }

  static Map<String, String> operator(Credentials credentials) {
    return switch (credentials) {
      case NONE -> Map.of();
      // an unknown user: a wrong password for a real one would lock it for seconds
      case WRONG -> Map.of("Authorization", TestApi.basic("door-matrix-nobody", "wrong"));
      case RIGHT -> Map.of("Authorization", TestApi.OPERATOR);
    };
  }

  Function<Credentials, Map<String, String>> signed(String body) {
    return credentials -> {
      String timestamp = Long.toString(clock.now().getEpochSecond());
      return switch (credentials) {
        case NONE -> Map.of();
        case WRONG -> Map.of(CallbackSignature.TIMESTAMP_HEADER, timestamp,
            CallbackSignature.SIGNATURE_HEADER, CallbackSignature.sign("not-the-secret", timestamp,
                body.getBytes(StandardCharsets.UTF_8)));
        case RIGHT -> Map.of(CallbackSignature.TIMESTAMP_HEADER, timestamp,
            CallbackSignature.SIGNATURE_HEADER, CallbackSignature.sign(TestApi.TOKOPEDIA_SECRET,
                timestamp, body.getBytes(StandardCharsets.UTF_8)));
      };
    };
  }

  List<Door> doors() throws Exception {
    String completion = json.writeValueAsString(api.completion(code, OffsetDateTime.now().minusHours(1)));
    String batch = "[" + json.writeValueAsString(api.completion(batchCode, OffsetDateTime.now().minusHours(1))) + "]";
    String event = json.writeValueAsString(api.event(eventId, "REPORTED_TO_PMO", code,
        OffsetDateTime.now().minusMinutes(5)));
    return List.of(
        new Door("POST", "/api/v1/completions", "", "application/json", completion, DoorMatrixTests::apiKey, 201),
        new Door("POST", "/api/v1/completions/batch", "", "application/json", batch, DoorMatrixTests::apiKey, 200),
        new Door("GET", "/api/v1/certificates", "?redemptionCode=" + code, null, null, DoorMatrixTests::apiKey, 200),
        new Door("GET", "/api/v1/certificates/" + certificateId, "", null, null, DoorMatrixTests::apiKey, 200),
        new Door("PATCH", "/api/v1/certificates/" + certificateId + "/learner", "", "application/json",
            "{\"name\": \"Someone Else\"}", DoorMatrixTests::apiKey, 200),
        new Door("POST", "/api/v1/platforms/tokopedia/events", "", "application/json", event, signed(event), 202),
        new Door("GET", "/api/v1/escalations", "?status=open", null, null, DoorMatrixTests::operator, 200),
        new Door("GET", "/api/v1/learners/" + learnerId + "/personal-data", "", null, null,
            DoorMatrixTests::privacyOfficer, 200),
        new Door("POST", "/api/v1/erasures", "", "application/json",
            "{\"learnerId\": \"" + learnerId + "\", \"reason\": \"door matrix\"}",
            DoorMatrixTests::privacyOfficer, 200),
        new Door("GET", "/api/v1/erasures", "", null, null, DoorMatrixTests::privacyOfficer, 200),
        new Door("GET", "/api/v1/process-migrations", "", null, null, DoorMatrixTests::operator, 200),
        new Door("POST", "/api/v1/process-migrations", "", "application/json", "{\"fromVersion\": 1, \"toVersion\": 1}",
            DoorMatrixTests::operator, 200),
        new Door("GET", "/api/v1/process-migrations/" + java.util.UUID.randomUUID(), "", null, null,
            DoorMatrixTests::operator, 200),
        new Door("GET", "/api/v1/calendar/holidays", "?year=" + year, null, null, DoorMatrixTests::operator, 200),
        new Door("PUT", "/api/v1/calendar/holidays/" + holiday, "", "application/json",
            "{\"name\": \"Injected holiday\", \"type\": \"NATIONAL_HOLIDAY\"}", DoorMatrixTests::operator, 200),
        new Door("DELETE", "/api/v1/calendar/holidays/" + standingHoliday, "", null, null, DoorMatrixTests::operator, 204),
        new Door("GET", "/engine-rest/process-instance/count", "", null, null, DoorMatrixTests::operator, 200),
        new Door("GET", "/actuator/info", "", null, null, DoorMatrixTests::operator, 200),
        new Door("GET", "/actuator/prometheus", "", null, null, DoorMatrixTests::operator, 200),
        new Door("GET", "/api/v1/reconciliation", "?platform=TOKOPEDIA", null, null,
            DoorMatrixTests::operator, 200));
  }

  @Test
  void noSpellingOfAnyDoorOpensWithoutItsCredentialsAndNothingChanges() throws Exception {
    List<String> opened = new ArrayList<>();
    List<String> notRefusedAsAmbiguous = new ArrayList<>();
    int calls = 0;
    for (Door door : doors()) {
      List<Spelling> spellings = new ArrayList<>(PathSpellings.of(door.path()));
      spellings.add(0, new Spelling("plain", door.path(), false));
      for (Spelling spelling : spellings) {
        for (Credentials credentials : List.of(Credentials.NONE, Credentials.WRONG)) {
          Answer answer = send(door, spelling.path(), credentials);
          calls++;
          String what = door + " as " + spelling.name() + " (" + spelling.path() + "), "
              + credentials + ": " + answer.status();
          if (answer.status() < 300) {
            opened.add(what);
          }
          if (spelling.ambiguous() && answer.status() != 400) {
            notRefusedAsAmbiguous.add(what);
          }
        }
      }
    }
    assertThat(calls).isGreaterThan(300);
    assertThat(opened).as("doors opened without credentials").isEmpty();
    assertThat(notRefusedAsAmbiguous).as("ambiguous paths not refused with 400").isEmpty();

    // nothing was stored or changed
    assertThat(count("select count(*) from certificate where redemption_code in (?, ?)", code, batchCode)).isZero();
    assertThat(count("select count(*) from platform_event where event_id = ?", eventId)).isZero();
    assertThat(count("select count(*) from certificate where learner_id = ? and erased_at is null",
        learnerId)).isOne();
    assertThat(json.readTree(send("GET", "/api/v1/certificates/" + certificateId, "", null, null,
        apiKey(Credentials.RIGHT)).body()).at("/learner/name").asText()).isEqualTo("Budi Santoso");
    String holidays = send("GET", "/api/v1/calendar/holidays", "?year=" + year, null, null,
        operator(Credentials.RIGHT)).body();
    assertThat(holidays).contains(standingHoliday).doesNotContain(holiday);
  }

  @Test
  void theRightCallerOpensThePlainSpellingAndAnAmbiguousOneIsStillRefused() throws Exception {
    for (Door door : doors()) {
      Answer plain = send(door, door.path(), Credentials.RIGHT);
      assertThat(plain.status()).as(door + ": " + plain.body()).isEqualTo(door.success());
      for (Spelling spelling : PathSpellings.of(door.path())) {
        Answer answer = send(door, spelling.path(), Credentials.RIGHT);
        assertThat(answer.status()).as(door + " as " + spelling.name() + ": " + answer.body())
            .isLessThan(500);
        if (spelling.ambiguous()) {
          assertThat(answer.status()).as(door + " as " + spelling.name()).isEqualTo(400);
        }
      }
    }
  }

  /**
   * The link that stops a learner's e-mails is its own credential: a forged or missing signature,
   * in any spelling, opens nothing and changes nothing (a problem document says why); the signed
   * link opens the page (GET changes nothing) and the one-click POST stops the e-mails.
   */
  @Test
  void theLinkThatStopsEmailsOpensOnlyWithItsSignatureInAnySpelling() throws Exception {
    String signed = new java.net.URI(optOutLinks.url(java.util.UUID.fromString(certificateId)))
        .getPath();
    String signature = signed.substring(signed.lastIndexOf('/') + 1);
    String forged = signed.replace(signature, CallbackSignature.sign("not-the-secret", "email-stop",
        certificateId.getBytes(StandardCharsets.UTF_8)).substring("sha256=".length()));
    String oneClick = "List-Unsubscribe=One-Click";
    List<String> opened = new ArrayList<>();
    for (String path : List.of(forged, signed.replace("/" + signature, ""),
        signed.replace(signature, signature.toUpperCase(Locale.ROOT)))) {
      List<Spelling> spellings = new ArrayList<>(PathSpellings.of(path));
      spellings.add(0, new Spelling("plain", path, false));
      for (Spelling spelling : spellings) {
        for (String method : List.of("GET", "POST")) {
          Answer answer = send(method, spelling.path(), "", "application/x-www-form-urlencoded",
              oneClick, Map.of());
          if (answer.status() < 300) {
            opened.add(method + " " + spelling.path() + ": " + answer.status());
          }
          if (spelling.ambiguous()) {
            assertThat(answer.status()).as(method + " " + spelling.path()).isEqualTo(400);
          } else if (spelling.name().equals("plain")) {
            assertThat(answer.contentType()).as(method + " " + path)
                .startsWith("application/problem+json");
          }
        }
      }
    }
    assertThat(opened).as("stop links opened without their signature").isEmpty();
    assertThat(count("select count(*) from notification_opt_out where certificate_id = ?",
        java.util.UUID.fromString(certificateId))).isZero();

    for (Spelling spelling : PathSpellings.of(signed)) {
      if (spelling.ambiguous()) {
        assertThat(send("POST", spelling.path(), "", "application/x-www-form-urlencoded", oneClick,
            Map.of()).status()).as(spelling.path()).isEqualTo(400);
      }
    }
    assertThat(send("GET", signed, "", null, null, Map.of()).status()).isEqualTo(200);
    assertThat(count("select count(*) from notification_opt_out where certificate_id = ?",
        java.util.UUID.fromString(certificateId))).isZero();
    assertThat(send("POST", signed, "", "application/x-www-form-urlencoded", oneClick, Map.of())
        .status()).isEqualTo(200);
    assertThat(count("select count(*) from notification_opt_out where certificate_id = ?",
        java.util.UUID.fromString(certificateId))).isOne();
  }

  @Test
  void refusalsAreProblemDocuments() throws Exception {
    for (String path : List.of("/api;x/v1/completions", "/api/v1//completions", "/api/./v1/completions",
        "/api/v1/%2e%2e/v1/completions", "/api/v1/completions;jsessionid=x", "/%61pi/v1/completions",
        "/api%2fv1/completions", "/api%5cv1/completions", "/api%2Fv1/completions", "/api%5Cv1/completions",
        "/engine-rest%2fprocess-instance")) {
      Answer answer = send("POST", path, "", "application/json", "{}", Map.of());
      assertThat(answer.contentType()).as(path).startsWith("application/problem+json");
      JsonNode problem = json.readTree(answer.body());
      assertThat(problem.path("status").asInt()).as(path).isEqualTo(answer.status());
      for (String internal : TestApi.INTERNALS) {
        assertThat(answer.body()).as(path).doesNotContain(internal);
      }
    }
  }

  @Test
  void aBodyPastTheLimitIsRefusedWhateverThePathsSpelling() throws Exception {
    String big = "[" + "\"x\",".repeat(400_000) + "\"x\"]";
    for (String path : List.of("/api/v1/completions/batch", "/api/v1/completions/batch/",
        "/API/v1/completions/batch", "/engine-rest/process-definition/key/x/start")) {
      // declared: refused before a byte of it is read
      Answer declared = send("POST", path, "", "application/json", big, Map.of("X-Api-Key",
          TestApi.API_KEY, "Authorization", TestApi.OPERATOR));
      assertThat(declared.status()).as(path).isEqualTo(413);
      // streamed without a length: counted as it is read by a door, refused unread by a non-door
      Answer streamed = sendChunked(path, big, Map.of("X-Api-Key", TestApi.API_KEY,
          "Authorization", TestApi.OPERATOR));
      boolean door = path.equals("/api/v1/completions/batch") || path.startsWith("/engine-rest");
      if (door) {
        assertThat(streamed.status()).as(path + ": " + streamed.body()).isEqualTo(413);
      } else {
        assertThat(streamed.status()).as(path + ": " + streamed.body()).isIn(403, 404);
      }
    }
    // an anonymous caller's streamed body is never read: it is refused for its credentials
    Answer anonymous = sendChunked("/api/v1/completions/batch", big, Map.of());
    assertThat(anonymous.status()).isEqualTo(401);
    // and an ambiguous spelling for its path, before anything is read
    assertThat(sendChunked("/%61pi/v1/completions/batch", big, Map.of("X-Api-Key", TestApi.API_KEY))
        .status()).isEqualTo(400);
  }

  @Test
  void aBodyThatIsNotUtf8IsRefusedWhateverThePath() throws Exception {
    byte[] body = "{\"name\": \"Bud\u00c0i\"}".getBytes(StandardCharsets.ISO_8859_1);
    for (String path : List.of("/api/v1/certificates/" + certificateId + "/learner",
        "/engine-rest/process-instance/some-instance/variables")) {
      Answer answer = sendBytes(path.startsWith("/api") ? "PATCH" : "POST", path, "",
          "application/json; charset=UTF-8", body,
          Map.of("X-Api-Key", TestApi.API_KEY, "Authorization", TestApi.OPERATOR));
      assertThat(answer.status()).as(path + ": " + answer.body()).isEqualTo(400);
      assertThat(answer.body()).contains("UTF-8");
    }
  }

  @Test
  void aCallbackWithMalformedSignatureHeadersIsRefusedBeforeItsBodyIsRead() throws Exception {
    String big = "[" + "\"x\",".repeat(400_000) + "\"x\"]";
    String now = Long.toString(clock.now().getEpochSecond());
    for (Map<String, String> headers : List.of(Map.<String, String>of(),
        Map.of(CallbackSignature.TIMESTAMP_HEADER, now, CallbackSignature.SIGNATURE_HEADER, "sha256=xyz"),
        Map.of(CallbackSignature.TIMESTAMP_HEADER, "yesterday", CallbackSignature.SIGNATURE_HEADER,
            "sha256=" + "0".repeat(64)),
        Map.of(CallbackSignature.TIMESTAMP_HEADER, "0", CallbackSignature.SIGNATURE_HEADER,
            "sha256=" + "0".repeat(64)))) {
      Answer answer = sendChunked("/api/v1/platforms/tokopedia/events", big, headers);
      assertThat(answer.status()).as(headers + ": " + answer.body()).isEqualTo(401);
    }
  }

  // --- a client that sends exactly the bytes it is given -------------------------------------

  Answer send(Door door, String path, Credentials credentials) throws IOException {
    return send(door.method(), path, door.query(), door.contentType(), door.body(),
        door.headers().apply(credentials));
  }

  Answer send(String method, String path, String query, String contentType, String body,
      Map<String, String> headers) throws IOException {
    return sendBytes(method, path, query, contentType,
        body == null ? null : body.getBytes(StandardCharsets.UTF_8), headers);
  }

  Answer sendBytes(String method, String path, String query, String contentType, byte[] body,
      Map<String, String> headers) throws IOException {
    Map<String, String> all = new LinkedHashMap<>(headers);
    if (contentType != null) {
      all.put("Content-Type", contentType);
    }
    all.put("Content-Length", Integer.toString(body == null ? 0 : body.length));
    return exchange(method + " " + path + query, all, body, false);
  }

  Answer sendChunked(String path, String body, Map<String, String> headers) throws IOException {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put("Content-Type", "application/json");
    all.put("Transfer-Encoding", "chunked");
    return exchange("POST " + path, all, body.getBytes(StandardCharsets.UTF_8), true);
  }

  private Answer exchange(String requestLine, Map<String, String> headers, byte[] body,
      boolean chunked) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      StringBuilder head = new StringBuilder(requestLine).append(" HTTP/1.1\r\n")
          .append("Host: 127.0.0.1:").append(port).append("\r\nConnection: close\r\n");
      headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
      head.append("\r\n");
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      try {
        if (body != null && !chunked) {
          out.write(body);
        } else if (body != null) {
          for (int i = 0; i < body.length; i += 8192) {
            int n = Math.min(8192, body.length - i);
            out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, i, n);
            out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
          }
          out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        out.flush();
      } catch (IOException answeredBeforeTheBodyWasRead) {
        // the server answered and closed while the body was still going out: read its answer
      }
      return parse(socket.getInputStream());
    }
  }

  private static Answer parse(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    try {
      in.transferTo(all);
    } catch (IOException reset) {
      // a connection reset after the answer: keep what came
    }
    String text = all.toString(StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    String head = end < 0 ? text : text.substring(0, end);
    String rest = end < 0 ? "" : text.substring(end + 4);
    String[] lines = head.split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    String contentType = "";
    boolean chunked = false;
    for (String line : lines) {
      String lower = line.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-type:")) {
        contentType = line.substring(13).trim();
      } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      }
    }
    return new Answer(status, contentType, new String((chunked ? dechunk(rest) : rest)
        .getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
  }

  private static String dechunk(String chunked) {
    StringBuilder body = new StringBuilder();
    int at = 0;
    while (at < chunked.length()) {
      int lineEnd = chunked.indexOf("\r\n", at);
      if (lineEnd < 0) {
        break;
      }
      int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
      if (size == 0) {
        break;
      }
      body.append(chunked, lineEnd + 2, Math.min(chunked.length(), lineEnd + 2 + size));
      at = lineEnd + 2 + size + 2;
    }
    return body.toString();
  }

  private long count(String sql, Object... args) {
    Long n = jdbc.queryForObject(sql, Long.class, args);
    return n == null ? 0 : n;
  }
}
