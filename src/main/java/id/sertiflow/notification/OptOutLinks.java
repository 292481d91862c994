package id.sertiflow.notification;

import id.sertiflow.platform.CallbackSignature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The link in every e-mail that stops further e-mails for its certificate, without a login: the
 * certificate id signed with {@code sertiflow.notifications.opt-out-secret} (HMAC-SHA256), so that
 * nobody can stop another learner's e-mails by guessing. {@code security.Doors} lets a request to
 * {@link #PATH} through only when {@link #isSigned} says so.
 */
@Component
public class OptOutLinks {

  /** The page (GET) and the one-click stop (POST, RFC 8058) of one certificate. */
  public static final String PATH = "/email-stops/{certificateId}/{signature}";

  private static final String PURPOSE = "email-stop";

  private final NotificationSettings settings;

  OptOutLinks(NotificationSettings settings) {
    this.settings = settings;
  }

  /** The link for {@code certificateId}: the page, and the address of the one-click POST. */
  public String url(UUID certificateId) {
    return settings.base() + "/email-stops/" + certificateId + "/" + signature(certificateId.toString());
  }

  /** Whether {@code signature} is this service's for {@code certificateId}, compared in constant time. */
  public boolean isSigned(String certificateId, String signature) {
    if (certificateId == null || signature == null) {
      return false;
    }
    return MessageDigest.isEqual(signature(certificateId).getBytes(StandardCharsets.US_ASCII),
        signature.getBytes(StandardCharsets.US_ASCII));
  }

  private String signature(String certificateId) {
    // the platforms' HMAC, over the purpose and the id: a callback signature is never a link's
    return CallbackSignature.sign(settings.optOutSecret(), PURPOSE,
        certificateId.getBytes(StandardCharsets.UTF_8)).substring("sha256=".length());
  }
}
