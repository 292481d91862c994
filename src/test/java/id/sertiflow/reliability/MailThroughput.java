package id.sertiflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import id.sertiflow.notification.ScriptedSmtpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Does the sender keep up with a daily report of 100,000 certificates? {@code bench/mail} runs it:
 * one node of the built jar (postgres profile, its own port, database {@code
 * sertiflow_bench_mail}, dropped and created again) sending to an SMTP server in this JVM that
 * takes every message; 100,000 e-mails of a real e-mail's size are put into the outbox at once, as
 * the verification callbacks of a day's report would write them, and the time until the last is
 * sent is measured. {@code pgbench -c 4 -j 2} on the same server before and after gives the
 * reference the figure is quoted against, because the machine is shared and noisy. Writes
 * docs/mail-throughput.md. Not part of the test suite (it needs {@code -Dbench.mail=true}).
 */
@EnabledIfSystemProperty(named = "bench.mail", matches = "true")
class MailThroughput {

  final int count = Integer.getInteger("bench.mail.count", 100_000);
  final String database = System.getProperty("bench.mail.database", "sertiflow_bench_mail");
  final String jdbcUrl = "jdbc:postgresql://127.0.0.1:5432/" + database;

  @Test
  void sendsADaysEmailsWellWithinTheDay() throws Exception {
    freshDatabase();
    Instant started = Instant.now();
    double pgbenchBefore = pgbench();
    Duration took;
    long sent;
    int received;
    int distinct;
    try (ScriptedSmtpServer smtp = new ScriptedSmtpServer();
        Node node = new Node("mail-bench", Node.freePort(), ReliabilityRun.builtJar(),
            Paths.get("target/bench-mail"), List.of("--spring.profiles.active=postgres",
                "--spring.datasource.url=" + jdbcUrl, "--spring.datasource.username=postgres",
                "--spring.datasource.password=", "--sertiflow.simulator.enabled=false",
                "--sertiflow.reporting.cron=0 0 10 1 1 ?",
                "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + smtp.port(),
                "--sertiflow.notifications.poll-interval=PT1S",
                "--logging.level.root=WARN"))) {
      // a shared machine can take minutes to start a node
      node.start(Duration.ofMinutes(15));
      execute("insert into notification (id, certificate_id, event_key, kind, recipient, subject,"
          + " body_text, body_html, opt_out_url, created_at, status, attempts, next_attempt_at)"
          + " select gen_random_uuid(), gen_random_uuid(), 'VERIFIED', 'VERIFIED',"
          + " 'peserta' || g || '@example.com',"
          + " 'Sertifikat Anda sudah tampil di dasbor Prakerja · Your certificate is on your Prakerja dashboard',"
          // the sizes of a real verified e-mail (LearnerMail): about 1.6 KB of text, 4.5 KB of HTML
          + " repeat('Sertifikat Anda sudah diverifikasi PMO dan tampil di dasbor Prakerja. ', 23),"
          + " repeat('<p style=\"margin:0 0 12px\">Sertifikat Anda sudah diverifikasi PMO.</p>', 70),"
          + " 'http://localhost:8080/email-stops/' || gen_random_uuid() || '/' || md5(g::text) || md5(g::text),"
          + " now(), 'PENDING', 0, now() from generate_series(1, " + count + ") g");
      Instant from = Instant.now();
      if (!Poll.until(Duration.ofMinutes(90),
          () -> count("select count(*) from notification where status = 'PENDING'") == 0)) {
        throw new AssertionError("not all sent within 90 minutes");
      }
      took = Duration.between(from, Instant.now());
      sent = count("select count(*) from notification where status = 'SENT'");
      received = smtp.accepted.size();
      distinct = new HashSet<>(smtp.accepted).size();
    }
    double pgbenchAfter = pgbench();
    double perSecond = sent / (took.toMillis() / 1000.0);
    double reference = (pgbenchBefore + pgbenchAfter) / 2;
    String report = "# The learners' e-mails: throughput\n\n"
        + "What `bench/mail` measured on " + started.atZone(ZoneId.of("Asia/Jakarta"))
        .truncatedTo(ChronoUnit.SECONDS) + " (commit " + ReliabilityRun.commit() + "): one node of"
        + " the built jar (postgres profile, database `" + database + "`), default sender settings"
        + " (batches of 50 over one SMTP connection, `poll-interval` 1 s), sending to an SMTP server"
        + " in the harness that takes every message. " + count + " e-mails of a real verified"
        + " e-mail's size (1.6 KB text, 4.5 KB HTML) were put into the outbox at once.\n\n"
        + "| | |\n|---|---|\n"
        + "| e-mails sent | " + sent + " (the SMTP server took " + received + ", " + distinct
        + " distinct Message-IDs) |\n"
        + "| time to send them all | " + took.toSeconds() + " s |\n"
        + "| throughput | **" + Math.round(perSecond) + " e-mails/s** |\n"
        + "| `pgbench -c 4 -j 2 -T 20` (tpcb-like), before / after | " + Math.round(pgbenchBefore)
        + " / " + Math.round(pgbenchAfter) + " TPS |\n"
        + "| throughput / pgbench TPS | " + String.format("%.3f", perSecond / reference) + " |\n\n"
        + "A daily report of 100,000 certificates causes at most one e-mail each per moment; at this"
        + " rate one node sends 100,000 in " + Math.round(100_000 / perSecond / 60.0) + " minutes,"
        + " and every node of a cluster sends (claims never overlap). The machine is shared: read"
        + " the figure against pgbench's from the same run.\n";
    Files.writeString(Paths.get("docs/mail-throughput.md"), report);
    System.out.println(report);
    assertThat(sent).isEqualTo(count);
    assertThat(distinct).isEqualTo(count);
  }

  void freshDatabase() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres",
        "postgres", ""); Statement s = c.createStatement()) {
      s.execute("drop database if exists " + database + " with (force)");
      s.execute("create database " + database);
    }
  }

  /** tpcb-like TPS of {@code pgbench -c 4 -j 2 -T 20} on this database (its own pgbench tables). */
  double pgbench() throws IOException, InterruptedException {
    run(List.of("pgbench", "-h", "127.0.0.1", "-U", "postgres", "-i", "-q", "-s", "10", database));
    String out = run(List.of("pgbench", "-h", "127.0.0.1", "-U", "postgres", "-c", "4", "-j", "2",
        "-T", "20", database));
    Matcher tps = Pattern.compile("tps = ([0-9.]+)").matcher(out);
    if (!tps.find()) {
      throw new IllegalStateException("pgbench said: " + out);
    }
    return Double.parseDouble(tps.group(1));
  }

  static String run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(command + " failed: " + out);
    }
    return out;
  }

  void execute(String sql) {
    try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  long count(String sql) {
    return ReliabilityRun.count(jdbcUrl, sql);
  }
}
