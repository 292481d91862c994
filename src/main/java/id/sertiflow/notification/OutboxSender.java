package id.sertiflow.notification;

import id.sertiflow.calendar.ServiceClock;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Conditional;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Sends what the outbox holds, on every node: each round claims a batch ({@link Outbox#claim}),
 * sends it over one SMTP connection, and marks each e-mail sent, to be tried again later (a
 * refusing, slow or absent server: the wait doubles from {@code first-retry-after} up to {@code
 * longest-retry-after}), or failed (an address the server refuses for good, or nothing sent for
 * {@code give-up-after}). It runs on a thread of its own, every {@code poll-interval}: a slow or
 * absent SMTP server holds that thread and nothing else, and no certificate ever waits for mail.
 *
 * <p>Delivery to the SMTP server is at least once: a node killed after the server took an e-mail
 * and before it was marked sent leaves it claimed, and when the claim runs out another node sends
 * it again. Every e-mail carries a {@code Message-ID} made from its outbox id, the same on every
 * attempt, so the copy is recognisable as one message.
 */
@Component
@Conditional(NotificationsEnabled.class)
class OutboxSender implements InitializingBean, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);

  /** Rounds of one poll, at most: a backlog is worked through without starving the next poll. */
  private static final int ROUNDS = 100;

  private final Outbox outbox;
  private final JavaMailSender mail;
  private final NotificationSettings settings;
  private final ServiceClock clock;
  private final Session session = Session.getInstance(new Properties());
  private final String messageIdDomain;
  private final ThreadPoolTaskScheduler thread = new ThreadPoolTaskScheduler();

  OutboxSender(Outbox outbox, JavaMailSender mail, NotificationSettings settings,
      ServiceClock clock) {
    this.outbox = outbox;
    this.mail = mail;
    this.settings = settings;
    this.clock = clock;
    String host = java.net.URI.create(settings.base()).getHost();
    this.messageIdDomain = host == null ? "sertiflow" : host;
  }

  @Override
  public void afterPropertiesSet() {
    // not a TaskScheduler bean: one would become every @Scheduled method's scheduler
    thread.setPoolSize(1);
    thread.setThreadNamePrefix("learner-mail-");
    thread.initialize();
    thread.scheduleWithFixedDelay(this::poll, settings.pollInterval());
  }

  @Override
  public void destroy() {
    thread.shutdown();
  }

  void poll() {
    try {
      sendDue();
    } catch (RuntimeException e) {
      // the database is away, say: the next poll tries again, and claims run out by themselves
      log.warn("Sending learner e-mails failed; trying again at the next poll", e);
    }
  }

  /** Sends everything due now, batch by batch; how many e-mails the server took. */
  int sendDue() {
    outbox.dropOptedOut();
    int sent = 0;
    for (int round = 0; round < ROUNDS; round++) {
      List<Outbox.Claimed> batch = outbox.claim(clock.now(), settings.claimFor(),
          settings.batchSize());
      if (batch.isEmpty()) {
        break;
      }
      sent += send(batch);
    }
    return sent;
  }

  private int send(List<Outbox.Claimed> batch) {
    Map<MimeMessage, Outbox.Claimed> messages = new LinkedHashMap<>();
    for (Outbox.Claimed claimed : batch) {
      try {
        messages.put(message(claimed), claimed);
      } catch (MessagingException | IllegalArgumentException e) {
        outbox.failed(claimed.id(), "not an address: " + e.getMessage());
      }
    }
    Map<Object, Exception> failures = Map.of();
    try {
      mail.send(messages.keySet().toArray(MimeMessage[]::new));
    } catch (MailSendException e) {
      failures = e.getFailedMessages();
      if (failures.isEmpty()) {
        failures = everyOne(messages, e);
      }
    } catch (MailException e) {
      failures = everyOne(messages, e);
    }
    Instant now = clock.now();
    List<UUID> sent = new ArrayList<>();
    for (Map.Entry<MimeMessage, Outbox.Claimed> entry : messages.entrySet()) {
      Outbox.Claimed claimed = entry.getValue();
      Exception failure = failures.get(entry.getKey());
      if (failure == null) {
        sent.add(claimed.id());
      } else if (refusedForGood(failure)) {
        log.warn("E-mail {} to certificate {}'s learner refused for good: {}", claimed.id(),
            claimed.certificateId(), failure.getMessage());
        outbox.failed(claimed.id(), failure.toString());
      } else if (!now.isBefore(claimed.createdAt().plus(settings.giveUpAfter()))) {
        log.warn("E-mail {} to certificate {}'s learner not sent within {}: given up",
            claimed.id(), claimed.certificateId(), settings.giveUpAfter());
        outbox.failed(claimed.id(), failure.toString());
      } else {
        outbox.retryAt(claimed.id(), now.plus(retryAfter(claimed.attempts())), failure.toString());
      }
    }
    if (!sent.isEmpty()) {
      outbox.sent(sent, now);
    }
    if (!failures.isEmpty()) {
      log.info("{} of {} learner e-mails not sent this time: {}", failures.size(), messages.size(),
          failures.values().iterator().next().getMessage());
    }
    return sent.size();
  }

  /** After the n-th failed attempt: first-retry-after, doubled each time, at most longest-retry-after. */
  Duration retryAfter(int attempts) {
    Duration wait = settings.firstRetryAfter();
    for (int i = 1; i < attempts && wait.compareTo(settings.longestRetryAfter()) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(settings.longestRetryAfter()) > 0 ? settings.longestRetryAfter() : wait;
  }

  private MimeMessage message(Outbox.Claimed claimed) throws MessagingException {
    String messageId = "<" + claimed.id() + "@" + messageIdDomain + ">";
    MimeMessage message = new MimeMessage(session) {
      @Override
      protected void updateMessageID() throws MessagingException {
        // the same on every attempt: a copy sent again after a crash is one message
        setHeader("Message-ID", messageId);
      }
    };
    MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
    helper.setFrom(new InternetAddress(settings.from(), true));
    InternetAddress to = new InternetAddress(claimed.recipient(), true);
    helper.setTo(to);
    helper.setSubject(claimed.subject());
    helper.setText(claimed.text(), claimed.html());
    helper.setSentDate(java.util.Date.from(claimed.createdAt()));
    message.setHeader("List-Unsubscribe", "<" + claimed.optOutUrl() + ">");
    message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    message.setHeader("Auto-Submitted", "auto-generated");
    return message;
  }

  /** The server refused the recipient with a 5xx: sending again would be refused again. */
  private static boolean refusedForGood(Exception failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SendFailedException refused) {
        Address[] invalid = refused.getInvalidAddresses();
        if (invalid != null && invalid.length > 0) {
          return true;
        }
      }
    }
    return false;
  }

  private static Map<Object, Exception> everyOne(Map<MimeMessage, Outbox.Claimed> messages,
      Exception e) {
    Map<Object, Exception> all = new LinkedHashMap<>();
    messages.keySet().forEach(m -> all.put(m, e));
    return all;
  }
}
