package id.sertiflow.reliability;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The learners' SMTP server for the run: GreenMail in the harness's JVM on a port of its own,
 * which both nodes send to. It keeps every message it is given, so that the run can count what
 * each learner received: by {@code Message-ID} (the same e-mail sent again after a node died
 * mid-send shows twice under one id) and by recipient and subject.
 */
final class LearnerInbox implements AutoCloseable {

  /** One delivered message, as the run counts it. */
  record Delivered(String recipient, String subject, String messageId) {}

  private final GreenMail server;
  final int port;

  LearnerInbox() throws IOException {
    // GreenMail says each new mailbox at INFO: ten thousand lines of the run's output
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("com.icegreen"))
        .setLevel(ch.qos.logback.classic.Level.WARN);
    port = Node.freePort();
    server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
        .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    server.start();
  }

  List<Delivered> delivered() throws MessagingException {
    List<Delivered> all = new ArrayList<>();
    for (MimeMessage m : server.getReceivedMessages()) {
      for (var to : m.getRecipients(Message.RecipientType.TO)) {
        all.add(new Delivered(((InternetAddress) to).getAddress(), m.getSubject(), m.getMessageID()));
      }
    }
    return all;
  }

  /** How many times each Message-ID arrived. */
  static Map<String, Integer> byMessageId(List<Delivered> delivered) {
    Map<String, Integer> times = new HashMap<>();
    delivered.forEach(d -> times.merge(d.messageId(), 1, Integer::sum));
    return times;
  }

  @Override
  public void close() {
    server.stop();
  }
}
