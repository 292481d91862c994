package id.sertiflow.notification;

import id.sertiflow.certificate.Certificate;
import id.sertiflow.certificate.LearnerDataStore;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The learner's data in the e-mails' outbox: the address, and the name and code in each e-mail's
 * text. On erasure (and when a finished certificate's retention ends) the certificate's e-mails
 * go, sent or not: one not yet sent must not reach a learner whose data was erased, and a sent
 * one's row served only to keep it from being sent twice, which nothing can cause once the
 * certificate is closed. Whether the learner stopped the e-mails stays: it holds no personal data.
 */
@Component
class OutboxPersonalData implements LearnerDataStore {

  private final JdbcTemplate jdbc;

  OutboxPersonalData(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public List<Held> heldFor(List<Certificate> certificates) {
    if (certificates.isEmpty()) {
      return List.of();
    }
    List<Held> held = new ArrayList<>();
    jdbc.query("select certificate_id, recipient, subject, body_text, body_html from notification"
        + " where certificate_id in (" + LearnerDataStore.inList(certificates) + ")"
        + " order by created_at", rs -> {
          UUID certificate = rs.getObject("certificate_id", UUID.class);
          held.add(new Held("notification.recipient", certificate, rs.getString("recipient")));
          held.add(new Held("notification.subject", certificate, rs.getString("subject")));
          held.add(new Held("notification.body_text", certificate, rs.getString("body_text")));
          held.add(new Held("notification.body_html", certificate, rs.getString("body_html")));
        }, LearnerDataStore.ids(certificates));
    return held;
  }

  @Override
  public void erase(List<Certificate> certificates) {
    if (certificates.isEmpty()) {
      return;
    }
    jdbc.update("delete from notification where certificate_id in (" + LearnerDataStore.inList(certificates) + ")",
        LearnerDataStore.ids(certificates));
  }
}
