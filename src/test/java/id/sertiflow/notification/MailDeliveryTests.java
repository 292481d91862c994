package id.sertiflow.notification;

import static id.sertiflow.TestApi.wib;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.sertiflow.EngineClock;
import id.sertiflow.SertiflowTest;
import id.sertiflow.TestApi;
import id.sertiflow.TestMail;
import id.sertiflow.calendar.ServiceClock;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.web.servlet.MockMvc;

/**
 * What goes wrong between SertiFlow and the SMTP server: an address the server refuses, a server
 * that refuses every connection, one that never answers, one that is away for an hour, a node
 * that dies holding its claim. Nothing is lost, nothing is sent twice, and no certificate waits
 * for mail. Time is the engine's clock; the sender here is the real one, pointed at a server of
 * the test's choosing.
 */
@SertiflowTest
class MailDeliveryTests {

  static final OffsetDateTime START = wib("2026-12-07T09:00:00");

  @RegisterExtension final EngineClock clock = EngineClock.at(START);

  @Autowired Outbox outbox;
  @Autowired NotificationSettings settings;
  @Autowired ServiceClock serviceClock;
  @Autowired JdbcTemplate jdbc;
  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired org.springframework.mail.javamail.JavaMailSender mailSender;

  @BeforeEach
  void setUp() {
    // what earlier tests left to send is theirs, not this test's
    jdbc.update("delete from notification");
    TestMail.reset();
  }

  OutboxSender senderTo(int port, Duration timeout) {
    JavaMailSenderImpl smtp = new JavaMailSenderImpl();
    smtp.setHost("127.0.0.1");
    smtp.setPort(port);
    Properties properties = new Properties();
    String millis = Long.toString(timeout.toMillis());
    properties.put("mail.smtp.connectiontimeout", millis);
    properties.put("mail.smtp.timeout", millis);
    properties.put("mail.smtp.writetimeout", millis);
    SmtpSockets.configure(properties);
    smtp.setJavaMailProperties(properties);
    return new OutboxSender(outbox, smtp, settings, serviceClock);
  }

  UUID write(String recipient) {
    UUID certificate = UUID.randomUUID();
    outbox.write(new Outbox.Draft(certificate, "VERIFIED", "VERIFIED", recipient,
        new LearnerMail("Sertifikat Anda sudah tampil di dasbor Prakerja", "Halo", "<p>Halo</p>"),
        "http://localhost:8080/email-stops/" + certificate + "/x"), serviceClock.now());
    return jdbc.queryForObject("select id from notification where certificate_id = ?", UUID.class,
        certificate);
  }

  String status(UUID id) {
    return jdbc.queryForObject("select status from notification where id = ?", String.class, id);
  }

  int attempts(UUID id) {
    return jdbc.queryForObject("select attempts from notification where id = ?", Integer.class, id);
  }

  static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Test
  void theSmtpConnectionSendsEachPieceAtOnceUnlessTheOperatorChoseTheSockets() throws Exception {
    Object factory = ((JavaMailSenderImpl) mailSender).getJavaMailProperties().get(SmtpSockets.FACTORY);
    assertThat(factory).isInstanceOf(SmtpSockets.NoDelay.class);
    try (Socket socket = ((SmtpSockets.NoDelay) factory).createSocket()) {
      assertThat(socket.getTcpNoDelay()).isTrue();
    }
    Properties smtps = new Properties();
    smtps.setProperty("mail.smtp.ssl.enable", "true");
    SmtpSockets.configure(smtps);
    assertThat(smtps).doesNotContainKey(SmtpSockets.FACTORY);
    Properties own = new Properties();
    own.setProperty(SmtpSockets.FACTORY + ".class", "com.example.Sockets");
    SmtpSockets.configure(own);
    assertThat(own).doesNotContainKey(SmtpSockets.FACTORY);
  }

  @Test
  void anAddressTheServerRefusesFailsAloneAndIsNeverTriedAgain() throws Exception {
    try (ScriptedSmtpServer server = new ScriptedSmtpServer()) {
      UUID good = write("budi@example.com");
      UUID unknown = write("bounce-siti@example.com");
      UUID malformed = write("budi@@example..com");
      OutboxSender sender = senderTo(server.port(), Duration.ofSeconds(5));

      assertThat(sender.sendDue()).isEqualTo(1);
      assertThat(server.accepted).containsExactly("<" + good + "@localhost>");
      assertThat(status(good)).isEqualTo("SENT");
      assertThat(status(unknown)).isEqualTo("FAILED");
      assertThat(status(malformed)).isEqualTo("FAILED");
      assertThat(jdbc.queryForObject("select last_error from notification where id = ?",
          String.class, unknown)).contains("550");

      clock.set(START.plusDays(1));
      assertThat(sender.sendDue()).isZero();
      assertThat(server.accepted).hasSize(1);
    }
  }

  @Test
  void aRefusingServerIsTriedAgainLaterAndLaterUntilItTakesTheMailOnce() throws Exception {
    try (ScriptedSmtpServer server = new ScriptedSmtpServer()) {
      server.behaviour = ScriptedSmtpServer.Behaviour.REFUSE;
      UUID id = write("budi@example.com");
      OutboxSender sender = senderTo(server.port(), Duration.ofSeconds(5));

      assertThat(sender.sendDue()).isZero();
      assertThat(attempts(id)).isOne();
      assertThat(jdbc.queryForObject("select next_attempt_at from notification where id = ?",
          OffsetDateTime.class, id).toInstant()).isEqualTo(START.plusMinutes(1).toInstant());
      clock.set(START.plusSeconds(59));
      sender.sendDue();
      assertThat(attempts(id)).as("not before its time").isOne();
      clock.set(START.plusMinutes(1));
      sender.sendDue();
      assertThat(attempts(id)).isEqualTo(2);
      // the wait doubles: 2 minutes after the second attempt
      clock.set(START.plusMinutes(2).plusSeconds(59));
      sender.sendDue();
      assertThat(attempts(id)).isEqualTo(2);

      server.behaviour = ScriptedSmtpServer.Behaviour.ACCEPT;
      clock.set(START.plusMinutes(3));
      assertThat(sender.sendDue()).isOne();
      assertThat(status(id)).isEqualTo("SENT");
      assertThat(server.accepted).containsExactly("<" + id + "@localhost>");
    }
  }

  @Test
  void aServerThatNeverAnswersHoldsTheSenderAndNoCertificate() throws Exception {
    try (ScriptedSmtpServer server = new ScriptedSmtpServer()) {
      server.behaviour = ScriptedSmtpServer.Behaviour.SILENT;
      UUID id = write("budi@example.com");
      // the sender would wait a minute for a word from the server
      OutboxSender sender = senderTo(server.port(), Duration.ofSeconds(60));
      CompletableFuture<Integer> sending = CompletableFuture.supplyAsync(sender::sendDue);
      Awaitility.await().atMost(30, TimeUnit.SECONDS)
          .until(() -> server.connections() > 0 || sending.isDone());

      // while the sender waits on the silent server, a name mismatch comes in and its e-mail is
      // written: intake does not wait for mail
      TestApi api = new TestApi(mvc, json);
      ObjectNode completion = api.completion(TestApi.newRedemptionCode(), START.minusHours(1));
      ((ObjectNode) completion.get("learner")).put("name", "Budi Santosa");
      assertThat(api.complete(completion).get("state").asText()).isEqualTo("ACTION_REQUIRED");
      assertThat(sending).as("the sender still waits for the server").isNotDone();
      assertThat(jdbc.queryForObject("select count(*) from notification where kind = 'NAME_MISMATCH'"
          + " and status = 'PENDING'", Integer.class)).isOne();

      // the server hangs up: the attempt fails and the e-mail waits for the next
      server.close();
      assertThat(sending.get(30, TimeUnit.SECONDS)).isZero();
      assertThat(status(id)).isEqualTo("PENDING");
      assertThat(server.accepted).isEmpty();
    }
  }

  @Test
  void anHourWithoutAServerLosesNothingAndSendsEachMailOnceWhenItIsBack() throws Exception {
    List<UUID> ids = List.of(write("budi@example.com"), write("siti@example.com"),
        write("agus@example.com"));
    OutboxSender away = senderTo(closedPort(), Duration.ofSeconds(2));
    int tries = 0;
    for (int minute = 0; minute <= 60; minute++) {
      clock.set(START.plusMinutes(minute));
      assertThat(away.sendDue()).isZero();
    }
    for (UUID id : ids) {
      assertThat(status(id)).isEqualTo("PENDING");
      tries = Math.max(tries, attempts(id));
    }
    // after 0, 1, 3, 7, 15, 31 minutes: the wait doubled up to 30 minutes, not one try a minute
    assertThat(tries).isEqualTo(6);

    OutboxSender back = senderTo(TestMail.port(), Duration.ofSeconds(5));
    clock.set(START.plusMinutes(61));
    assertThat(back.sendDue()).isEqualTo(3);
    clock.set(START.plusMinutes(120));
    assertThat(back.sendDue()).isZero();
    for (UUID id : ids) {
      assertThat(status(id)).isEqualTo("SENT");
    }
    List<MimeMessage> delivered = List.of(TestMail.server().getReceivedMessages());
    assertThat(delivered).extracting(MimeMessage::getMessageID).containsExactlyInAnyOrder(
        ids.stream().map(id -> "<" + id + "@localhost>").toArray(String[]::new));
  }

  @Test
  void aClaimOfANodeThatDiedIsTakenOverWhenItRunsOutWithTheSameMessageId() throws Exception {
    UUID id = write("budi@example.com");
    // a node claimed it and died before it could say what happened
    assertThat(outbox.claim(serviceClock.now(), settings.claimFor(), 10)).hasSize(1);
    OutboxSender survivor = senderTo(TestMail.port(), Duration.ofSeconds(5));

    clock.set(START.plus(settings.claimFor()).minusSeconds(1));
    assertThat(survivor.sendDue()).as("the claim still holds").isZero();
    clock.set(START.plus(settings.claimFor()).plusSeconds(1));
    assertThat(survivor.sendDue()).isOne();
    assertThat(TestMail.server().getReceivedMessages()).extracting(MimeMessage::getMessageID)
        .containsExactly("<" + id + "@localhost>");
  }
}
