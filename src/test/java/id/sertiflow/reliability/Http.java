package id.sertiflow.reliability;

import id.sertiflow.platform.CallbackSignature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The harness's HTTP client: every answer SertiFlow gives is looked at here, so a 5xx anywhere in
 * the run is counted, whichever phase sent the request.
 */
final class Http {

  record Answer(int status, String contentType, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  final AtomicInteger requests = new AtomicInteger();
  final AtomicInteger serverErrors = new AtomicInteger();
  final List<String> serverErrorSamples = Collections.synchronizedList(new ArrayList<>());
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  Answer send(String method, String url, String contentType, byte[] body, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(3))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    headers.forEach(request::header);
    requests.incrementAndGet();
    HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    Answer answer = new Answer(response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(""), response.body());
    if (answer.status() >= 500) {
      serverErrors.incrementAndGet();
      if (serverErrorSamples.size() < 20) {
        serverErrorSamples.add(method + " " + url + " -> " + answer.status() + " "
            + abbreviate(answer.text(), 300));
      }
    }
    return answer;
  }

  Answer get(String url, Map<String, String> headers) throws IOException, InterruptedException {
    return send("GET", url, null, null, headers);
  }

  /** A platform's callback, signed as CallbackSignature checks it. */
  static Map<String, String> signed(String secret, byte[] body) {
    String timestamp = Long.toString(System.currentTimeMillis() / 1000);
    return Map.of(CallbackSignature.TIMESTAMP_HEADER, timestamp,
        CallbackSignature.SIGNATURE_HEADER, CallbackSignature.sign(secret, timestamp, body));
  }

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
        .getBytes(StandardCharsets.UTF_8));
  }

  static String abbreviate(String text, int max) {
    String oneLine = text.replaceAll("\\s+", " ");
    return oneLine.length() <= max ? oneLine : oneLine.substring(0, max) + "…";
  }
}
