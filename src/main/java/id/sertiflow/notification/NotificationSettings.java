package id.sertiflow.notification;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The learners' e-mails ({@code sertiflow.notifications.*}); the SMTP server is Spring Boot's own
 * {@code spring.mail.*}. Whether they are sent at all is {@link NotificationsEnabled}.
 *
 * @param from the sender, {@code SertiFlow <sertifikat@lp.example>}
 * @param publicUrl where learners reach this service: the status page and the opt-out links in
 *     every e-mail start with it
 * @param optOutSecret the key of the opt-out links' HMAC: whoever has it can stop anyone's e-mails
 * @param pollInterval how often a node looks for e-mails to send
 * @param batchSize e-mails a node claims, and sends over one SMTP connection, at a time
 * @param claimFor how long a claim holds: a node killed mid-send lets its e-mails go after this,
 *     and another node sends them again under the same {@code Message-ID}
 * @param firstRetryAfter the wait after the first failed attempt; it doubles with each failure
 * @param longestRetryAfter the longest wait between two attempts
 * @param giveUpAfter an e-mail not sent this long after it was written is marked failed
 */
@ConfigurationProperties(prefix = "sertiflow.notifications")
record NotificationSettings(
    @DefaultValue("SertiFlow <sertifikat@localhost>") String from,
    @DefaultValue("http://localhost:8080") String publicUrl,
    @DefaultValue(NotificationSettings.DEMO_OPT_OUT_SECRET) String optOutSecret,
    @DefaultValue("PT5S") Duration pollInterval,
    @DefaultValue("50") int batchSize,
    @DefaultValue("PT5M") Duration claimFor,
    @DefaultValue("PT1M") Duration firstRetryAfter,
    @DefaultValue("PT30M") Duration longestRetryAfter,
    @DefaultValue("P3D") Duration giveUpAfter) {

  /** The demo value of {@code sertiflow.notifications.opt-out-secret}: the prod profile refuses it. */
  static final String DEMO_OPT_OUT_SECRET = "demo-secret-notifications";

  /** The status page, {@code https://…/} with no trailing slash doubled. */
  String base() {
    return publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
  }
}
