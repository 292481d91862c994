package id.sertiflow;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The learners' SMTP server as the tests meet it: one real server (GreenMail) in the test JVM, on
 * a port the system picks. As an initializer of the shared test context ({@link SertiflowTest}) it
 * points {@code spring.mail.*} at itself, which turns the e-mails on; the tests send what the
 * outbox holds themselves (the sender's own poll is hours apart) and read what arrived.
 */
public final class TestMail implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  private static GreenMail server;

  /** The running server, started at its first use. */
  public static synchronized GreenMail server() {
    if (server == null) {
      GreenMail started = new GreenMail(
          new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
          .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
      started.start();
      Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "test-mail-stop"));
      server = started;
    }
    return server;
  }

  public static int port() {
    return server().getSmtp().getPort();
  }

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    TestPropertyValues.of("spring.mail.host=127.0.0.1", "spring.mail.port=" + port(),
        "sertiflow.notifications.poll-interval=PT24H").applyTo(context);
  }

  /** The messages delivered to {@code address}, oldest first. */
  public static List<MimeMessage> deliveredTo(String address) {
    return Arrays.stream(server().getReceivedMessages()).filter(m -> {
      try {
        return Arrays.stream(m.getRecipients(Message.RecipientType.TO))
            .anyMatch(r -> r.toString().contains(address));
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  /** Forgets what earlier tests received. */
  public static void reset() {
    try {
      server().purgeEmailFromAllMailboxes();
    } catch (FolderException e) {
      throw new IllegalStateException(e);
    }
  }
}
