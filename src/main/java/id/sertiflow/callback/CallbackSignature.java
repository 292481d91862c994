package id.sertiflow.callback;

import id.sertiflow.api.ApiProblem;
import id.sertiflow.calendar.ServiceClock;
import id.sertiflow.platform.Platform;
import id.sertiflow.platform.PlatformProperties;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Checks a platform's callback signature: {@code sha256=hex(HMAC-SHA256(secret, timestamp + "." +
 * raw body))}, with the timestamp no more than 300 s from now so that a captured call cannot be
 * replayed later.
 */
@Component
public class CallbackSignature {

  public static final String TIMESTAMP_HEADER = "X-Sertiflow-Timestamp";
  public static final String SIGNATURE_HEADER = "X-Sertiflow-Signature";
  static final Duration TOLERANCE = Duration.ofSeconds(300);

  private final PlatformProperties platforms;
  private final ServiceClock clock;

  CallbackSignature(PlatformProperties platforms, ServiceClock clock) {
    this.platforms = platforms;
    this.clock = clock;
  }

  /** The header value a platform sends for this body; also what the simulator signs with. */
  public static String sign(String secret, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) '.');
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  void verify(Platform platform, String timestamp, String signature, byte[] body) {
    String secret = platforms.of(platform).map(PlatformProperties.Settings::secret)
        .filter(s -> !s.isBlank())
        .orElseThrow(() -> ApiProblem.unauthorized("Callbacks from this platform are not configured."));
    if (timestamp == null || signature == null) {
      throw ApiProblem.unauthorized("Send " + TIMESTAMP_HEADER + " and " + SIGNATURE_HEADER + ".");
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp.trim());
    } catch (NumberFormatException e) {
      throw ApiProblem.unauthorized(TIMESTAMP_HEADER + " must be Unix seconds.");
    }
    if (Math.abs(clock.now().getEpochSecond() - seconds) > TOLERANCE.toSeconds()) {
      throw ApiProblem.unauthorized(TIMESTAMP_HEADER + " is more than 300 seconds from now.");
    }
    byte[] expected = sign(secret, timestamp.trim(), body).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, signature.trim().getBytes(StandardCharsets.US_ASCII))) {
      throw ApiProblem.unauthorized("The signature does not match.");
    }
  }
}
