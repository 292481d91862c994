package id.sertiflow.platform;

import id.sertiflow.api.ApiProblem;
import id.sertiflow.calendar.ServiceClock;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Checks a platform's callback signature: {@code sha256=hex(HMAC-SHA256(secret, timestamp + "." +
 * raw body))}, with the timestamp no more than 300 s from now so that a captured call cannot be
 * replayed later. Checked at the platforms' door (security.Doors) before the controller runs: the
 * headers before the body is read, the signature over the bytes then read.
 */
@Component
public class CallbackSignature {

  public static final String TIMESTAMP_HEADER = "X-Sertiflow-Timestamp";
  public static final String SIGNATURE_HEADER = "X-Sertiflow-Signature";
  static final Duration TOLERANCE = Duration.ofSeconds(300);
  private static final Pattern WELL_FORMED = Pattern.compile("sha256=[0-9a-fA-F]{64}");

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

  /**
   * What can be checked before the body is read: the platform's secret is configured, both headers
   * are there and well formed, and the timestamp is within 300 s of now. Throws a 401 problem.
   */
  public void checkHeaders(Platform platform, String timestamp, String signature) {
    secretOf(platform);
    if (timestamp == null || signature == null) {
      throw ApiProblem.unauthorized("Send " + TIMESTAMP_HEADER + " and " + SIGNATURE_HEADER + ".");
    }
    if (!WELL_FORMED.matcher(signature.trim()).matches()) {
      throw ApiProblem.unauthorized(SIGNATURE_HEADER + " must be sha256= and 64 hexadecimal digits.");
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
  }

  /** The signature over the raw body, once {@link #checkHeaders} passed. Throws a 401 problem. */
  public void verify(Platform platform, String timestamp, String signature, byte[] body) {
    byte[] expected = sign(secretOf(platform), timestamp.trim(), body)
        .getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, signature.trim().getBytes(StandardCharsets.US_ASCII))) {
      throw ApiProblem.unauthorized("The signature does not match.");
    }
  }

  private String secretOf(Platform platform) {
    return platforms.of(platform).map(PlatformProperties.Settings::secret)
        .filter(s -> !s.isBlank())
        .orElseThrow(() -> ApiProblem.unauthorized("Callbacks from this platform are not configured."));
  }
}
