package id.sertiflow.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import id.sertiflow.platform.CallbackSignature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The five digital platforms' report endpoint, as a platform runs it (API.md, "What SertiFlow
 * sends to a digital platform"): signed requests only, one answer per {@code Idempotency-Key} (a
 * resend gets the stored answer and is not counted again), and a count of acceptances per
 * redemption code across keys, which is what "accepted exactly once" is judged by. The answer goes
 * out a little after the acceptance is recorded, as with a platform that commits before it
 * answers, so that a node killed mid-report has requests the platform took but never heard back.
 */
final class StubPlatform implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final Function<String, String> secretOf;
  private final Function<String, String> rejectionOf;
  /** Answers wait here while the run holds them (see {@link #holdAnswers}). */
  private volatile CountDownLatch answersHeld = new CountDownLatch(0);

  /** Acceptances per redemption code, each under a different key. */
  final Map<String, AtomicInteger> acceptances = new ConcurrentHashMap<>();
  final Map<String, AtomicInteger> rejections = new ConcurrentHashMap<>();
  /** Requests per key: more than one is a resend under the same key. */
  final Map<String, AtomicInteger> requestsPerKey = new ConcurrentHashMap<>();
  private final Map<String, byte[]> answers = new ConcurrentHashMap<>();
  final AtomicInteger requests = new AtomicInteger();
  final AtomicInteger refusedDuringOutage = new AtomicInteger();
  final AtomicInteger badSignatures = new AtomicInteger();
  final AtomicInteger inFlight = new AtomicInteger();
  /** Requests recorded whose answer is being held. */
  final AtomicInteger held = new AtomicInteger();
  final Set<String> keysRefusedDuringOutage = ConcurrentHashMap.newKeySet();

  private volatile String outagePlatform;
  private volatile Duration outageLength;
  volatile Instant outageStart;
  volatile Instant outageEnd;

  /**
   * @param secretOf a platform path code ({@code pijar-mahir}) to its secret
   * @param rejectionOf a redemption code to the reason the platform rejects it, or null
   */
  StubPlatform(Function<String, String> secretOf, Function<String, String> rejectionOf)
      throws IOException {
    this.secretOf = secretOf;
    this.rejectionOf = rejectionOf;
    // a port the system picks: a run never fails on one another process holds
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.setExecutor(Executors.newFixedThreadPool(16));
    server.createContext("/", this::handle);
    server.start();
  }

  /** The port the stub listens on. */
  int port() {
    return server.getAddress().getPort();
  }

  /** The platform goes down for {@code length} from the first report request it gets. */
  void planOutage(String platformPath, Duration length) {
    outagePlatform = platformPath;
    outageLength = length;
  }

  boolean outageOver() {
    return outageEnd != null && Instant.now().isAfter(outageEnd);
  }

  int acceptedOnce() {
    return (int) acceptances.values().stream().filter(n -> n.get() == 1).count();
  }

  int acceptedMoreThanOnce() {
    return (int) acceptances.values().stream().filter(n -> n.get() > 1).count();
  }

  int resentUnderSameKey() {
    return (int) requestsPerKey.values().stream().filter(n -> n.get() > 1).count();
  }

  private void handle(HttpExchange exchange) throws IOException {
    inFlight.incrementAndGet();
    try (exchange) {
      String[] path = exchange.getRequestURI().getPath().split("/");
      if (!"POST".equals(exchange.getRequestMethod()) || path.length != 3
          || !"completion-reports".equals(path[2])) {
        answer(exchange, 404, "{}".getBytes());
        return;
      }
      String platform = path[1];
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      requests.incrementAndGet();
      String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
      String timestamp = exchange.getRequestHeaders().getFirst(CallbackSignature.TIMESTAMP_HEADER);
      String signature = exchange.getRequestHeaders().getFirst(CallbackSignature.SIGNATURE_HEADER);
      if (key == null || timestamp == null || signature == null
          || !CallbackSignature.sign(secretOf.apply(platform), timestamp, body).equals(signature)) {
        badSignatures.incrementAndGet();
        answer(exchange, 401, "{}".getBytes());
        return;
      }
      if (down(platform)) {
        refusedDuringOutage.incrementAndGet();
        keysRefusedDuringOutage.add(key);
        answer(exchange, 503, "{}".getBytes());
        return;
      }
      requestsPerKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
      byte[] answer = answers.computeIfAbsent(key, k -> take(body));
      awaitRelease();
      answer(exchange, 200, answer);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private synchronized boolean down(String platform) {
    if (!platform.equals(outagePlatform)) {
      return false;
    }
    Instant now = Instant.now();
    if (outageStart == null) {
      outageStart = now;
      outageEnd = now.plus(outageLength);
    }
    return now.isBefore(outageEnd);
  }

  /** A new batch: each report accepted or rejected, and counted. */
  private byte[] take(byte[] body) {
    try {
      JsonNode request = JSON.readTree(body);
      ObjectNode answer = JSON.createObjectNode();
      ArrayNode accepted = answer.putArray("accepted");
      ArrayNode rejected = answer.putArray("rejected");
      for (JsonNode report : request.get("reports")) {
        String code = report.get("redemptionCode").asText();
        String reason = rejectionOf.apply(code);
        if (reason == null) {
          acceptances.computeIfAbsent(code, c -> new AtomicInteger()).incrementAndGet();
          accepted.add(code);
        } else {
          rejections.computeIfAbsent(code, c -> new AtomicInteger()).incrementAndGet();
          rejected.addObject().put("redemptionCode", code).put("reason", reason);
        }
      }
      return JSON.writeValueAsBytes(answer);
    } catch (IOException e) {
      throw new IllegalStateException("SertiFlow sent a report that is not JSON", e);
    }
  }

  private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /**
   * From now on the platform records each report and holds its answer until {@link
   * #releaseAnswers}: a node killed meanwhile leaves reports the platform took and it never heard
   * back about, the case a resend under the same key must get right.
   */
  void holdAnswers() {
    answersHeld = new CountDownLatch(1);
  }

  void releaseAnswers() {
    answersHeld.countDown();
  }

  private void awaitRelease() {
    CountDownLatch gate = answersHeld;
    held.incrementAndGet();
    try {
      // bounded: a run that forgets to release still ends, with late answers, not a hang
      gate.await(2, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      held.decrementAndGet();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
