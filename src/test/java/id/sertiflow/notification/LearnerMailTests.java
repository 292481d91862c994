package id.sertiflow.notification;

import static id.sertiflow.TestApi.wib;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.sertiflow.EngineClock;
import id.sertiflow.SertiflowTest;
import id.sertiflow.TestApi;
import id.sertiflow.TestMail;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

/**
 * What a learner finds in the inbox: the e-mails of the four moments, delivered by the real sender
 * to a real SMTP server (GreenMail) and read back from it, one per event however often the event
 * is replayed; and the signed link that stops them.
 */
@SertiflowTest
class LearnerMailTests {

  // Friday afternoon: the report to the platform is due Monday 30 Nov at 15:30
  static final OffsetDateTime COMPLETED = wib("2026-11-27T15:30:00");

  @RegisterExtension final EngineClock clock = EngineClock.at(COMPLETED.plusMinutes(1));

  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired JdbcTemplate jdbc;
  @Autowired OutboxSender sender;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;

  TestApi api;
  String code;
  String email;

  @BeforeEach
  void setUp() {
    api = new TestApi(mvc, json);
    code = TestApi.newRedemptionCode();
    email = code.toLowerCase(Locale.ROOT) + "@example.com";
    // what earlier tests left to send is theirs, not this test's
    jdbc.update("delete from notification");
    TestMail.reset();
  }

  ObjectNode completion(String learnerName, boolean reviewSubmitted) {
    ObjectNode c = api.completion(code, COMPLETED);
    ((ObjectNode) c.get("learner")).put("name", learnerName).put("email", email);
    c.put("reviewSubmitted", reviewSubmitted);
    return c;
  }

  @Test
  void tellsTheLearnerWhatToChangeAndWhereWhenTheNamesDifferInBahasaIndonesiaFirst() throws Exception {
    String id = api.complete(completion("Budi Santosa", true)).get("certificateId").asText();

    assertThat(sender.sendDue()).isEqualTo(1);
    List<MimeMessage> mails = TestMail.deliveredTo(email);
    assertThat(mails).hasSize(1);
    MimeMessage mail = mails.get(0);
    assertThat(mail.getSubject()).startsWith("Perlu tindakan: samakan nama Anda dengan nama di Kartu Prakerja")
        .contains("Action needed");
    assertThat(addresses(mail, Message.RecipientType.TO)).containsExactly(email);
    assertThat(mail.getRecipients(Message.RecipientType.CC)).isNull();
    assertThat(mail.getRecipients(Message.RecipientType.BCC)).isNull();

    String text = part(mail, "text/plain");
    String html = part(mail, "text/html");
    assertThat(text.indexOf("Nama di akun pelatihan Anda berbeda")).as("Bahasa Indonesia first")
        .isNotNegative().isLessThan(text.indexOf("The name on your training account differs"));
    assertThat(text).contains("Nama di akun pelatihan: Budi Santosa",
        "Nama di Kartu Prakerja: BUDI SANTOSO", "http://localhost:8080/?code=" + code);
    assertThat(html).contains("Budi Santosa", "BUDI SANTOSO", "?code=" + code)
        .contains("<html lang=\"id\">");

    String optOut = "http://localhost:8080/email-stops/" + id + "/";
    assertThat(text).contains(optOut);
    assertThat(mail.getHeader("List-Unsubscribe")[0]).startsWith("<" + optOut).endsWith(">");
    assertThat(mail.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
    String messageId = jdbc.queryForObject("select id from notification where certificate_id = ?",
        String.class, UUID.fromString(id));
    assertThat(mail.getMessageID()).isEqualTo("<" + messageId + "@localhost>");

    // nothing new to tell: the next round sends nothing
    assertThat(sender.sendDue()).isZero();
    assertThat(TestMail.deliveredTo(email)).hasSize(1);
  }

  @Test
  void tellsOfALateStageWithTheNewEstimateAndOfTheVerificationOnceEachThoughTheCallbacksComeTwice()
      throws Exception {
    api.complete(completion("Budi Santoso", false));
    assertThat(sender.sendDue()).isZero();

    clock.set(wib("2026-11-30T15:30:00"));
    runDueTimers();
    clock.set(wib("2026-11-30T15:31:00"));
    assertThat(sender.sendDue()).isEqualTo(1);
    MimeMessage late = TestMail.deliveredTo(email).get(0);
    // 1 + 1 + 7 working days from Monday 30 Nov 15:30: Friday 11 Dec (no holiday between)
    assertThat(late.getSubject()).startsWith("Sertifikat Anda terlambat; perkiraan baru 11 Des 2026, 15.30 WIB");
    assertThat(part(late, "text/plain")).contains("Dilaporkan ke Tokopedia",
        "paling lambat 30 Nov 2026", "Tahap ini terlambat", "(9 hari kerja lagi)",
        "(9 more working days)");

    api.platformSays("REPORTED_TO_PMO", code, wib("2026-11-30T16:00:00"));
    api.platformSays("PMO_VERIFIED", code, wib("2026-12-02T10:00:00"));
    api.platformSays("PMO_VERIFIED", code, wib("2026-12-02T10:00:00"));
    assertThat(sender.sendDue()).isEqualTo(1);
    assertThat(sender.sendDue()).isZero();
    List<MimeMessage> mails = TestMail.deliveredTo(email);
    assertThat(mails).hasSize(2);
    assertThat(mails.get(1).getSubject()).startsWith("Sertifikat Anda sudah tampil di dasbor Prakerja");
    assertThat(part(mails.get(1), "text/plain"))
        .contains("Sertifikat Anda sudah diverifikasi PMO dan tampil di dasbor Prakerja.")
        .contains("Jangan lupa beri ulasan dan rating kelas");
  }

  @Test
  void tellsWhyThePmoRejectedAndWhatHappensNext() throws Exception {
    api.complete(completion("Budi Santoso", true));
    api.platformSays("REPORTED_TO_PMO", code, wib("2026-11-30T10:00:00"));
    ObjectNode rejection = api.event("tkp-rej-" + code, "PMO_REJECTED", code,
        wib("2026-12-01T10:00:00"));
    rejection.put("reason", "CERTIFICATE_UNREADABLE").put("detail", "Berkas <b>rusak</b>");
    assertThat(api.postEvents("tokopedia", TestApi.TOKOPEDIA_SECRET, rejection).getStatus())
        .isEqualTo(202);

    assertThat(sender.sendDue()).isEqualTo(1);
    MimeMessage mail = TestMail.deliveredTo(email).get(0);
    assertThat(mail.getSubject()).startsWith("PMO Prakerja menolak sertifikat Anda");
    assertThat(part(mail, "text/plain"))
        .contains("Alasan PMO: CERTIFICATE_UNREADABLE: Berkas <b>rusak</b>")
        .contains("Tim kami sedang menanganinya dan akan menghubungi Anda bila perlu.");
    assertThat(part(mail, "text/html")).contains("Berkas &lt;b&gt;rusak&lt;/b&gt;")
        .doesNotContain("<b>rusak</b>");
  }

  @Test
  void opensTheStopPageWithoutChangingAnythingAndStopsTheEmailsOnOneClick() throws Exception {
    String id = api.complete(completion("Budi Santosa", true)).get("certificateId").asText();
    String link = jdbc.queryForObject("select opt_out_url from notification where certificate_id = ?",
        String.class, UUID.fromString(id)).replace("http://localhost:8080", "");

    mvc.perform(get(link)).andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
        .andExpect(content().string(org.hamcrest.Matchers.containsString("Berhenti menerima e-mail")));
    // a mail scanner opened the link: the e-mail waiting is still sent
    assertThat(optedOut(id)).isZero();
    assertThat(pending(id)).isOne();

    // the signature's last hex digit changed: always another link, whatever the digit was
    char last = link.charAt(link.length() - 1);
    String forged = link.substring(0, link.length() - 1) + (last == '0' ? '1' : '0');
    mvc.perform(post(forged).contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .content("List-Unsubscribe=One-Click"))
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    assertThat(optedOut(id)).isZero();
    assertThat(pending(id)).isOne();

    // RFC 8058: a mail client's one-click POST to the List-Unsubscribe address
    mvc.perform(post(link).contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .content("List-Unsubscribe=One-Click"))
        .andExpect(status().isOk())
        .andExpect(content().string(org.hamcrest.Matchers.containsString("E-mail sudah dihentikan")));
    assertThat(optedOut(id)).isOne();
    assertThat(pending(id)).as("the e-mail not yet sent is dropped").isZero();
    assertThat(jdbc.queryForObject("select count(*) from notification where certificate_id = ?",
        Integer.class, UUID.fromString(id))).as("the outbox holds nothing for it").isZero();

    // the news that follows is never written
    api.platformSays("PMO_VERIFIED", code, wib("2026-11-30T10:00:00"));
    assertThat(jdbc.queryForObject("select count(*) from notification where certificate_id = ?",
        Integer.class, UUID.fromString(id))).isZero();
    assertThat(sender.sendDue()).isZero();
    assertThat(TestMail.deliveredTo(email)).isEmpty();
  }

  int optedOut(String id) {
    return jdbc.queryForObject("select count(*) from notification_opt_out where certificate_id = ?",
        Integer.class, UUID.fromString(id));
  }

  int pending(String id) {
    return jdbc.queryForObject("select count(*) from notification where certificate_id = ?"
        + " and status = 'PENDING'", Integer.class, UUID.fromString(id));
  }

  private void runDueTimers() {
    String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(code)
        .singleResult().getId();
    List<Job> due = management.createJobQuery().processInstanceId(instance).executable().list();
    assertThat(due).isNotEmpty();
    due.forEach(job -> management.executeJob(job.getId()));
  }

  static List<String> addresses(MimeMessage mail, Message.RecipientType type) throws Exception {
    List<String> all = new ArrayList<>();
    for (var address : mail.getRecipients(type)) {
      all.add(((jakarta.mail.internet.InternetAddress) address).getAddress());
    }
    return all;
  }

  /** The first part of {@code type} anywhere in the message, decoded. */
  static String part(Part part, String type) throws Exception {
    if (part.isMimeType(type)) {
      return (String) part.getContent();
    }
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        String found = part(multipart.getBodyPart(i), type);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }
}
