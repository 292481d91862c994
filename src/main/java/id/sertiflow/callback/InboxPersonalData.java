package id.sertiflow.callback;

import id.sertiflow.certificate.Certificate;
import id.sertiflow.certificate.LearnerDataStore;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The learner's data in the platforms' events: a PMO's rejection detail may quote the learner's
 * name, and a platform's event id may carry the redemption code. On erasure both go (the event id
 * becomes one made of the row's own id, so that the inbox's unique key still holds), and an event
 * still pending is settled as superseded: its certificate will take nothing more.
 */
@Component
class InboxPersonalData implements LearnerDataStore {

  private final JdbcTemplate jdbc;

  InboxPersonalData(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public List<Held> heldFor(List<Certificate> certificates) {
    List<Held> held = new ArrayList<>();
    if (certificates.isEmpty()) {
      return held;
    }
    jdbc.query("select certificate_id, event_id, detail from platform_event where certificate_id in ("
        + LearnerDataStore.inList(certificates) + ") order by received_at", rs -> {
          UUID certificate = rs.getObject("certificate_id", UUID.class);
          held.add(new Held("platform_event.event_id", certificate, rs.getString("event_id")));
          if (rs.getString("detail") != null) {
            held.add(new Held("platform_event.detail", certificate, rs.getString("detail")));
          }
        }, LearnerDataStore.ids(certificates));
    return held;
  }

  @Override
  public void erase(List<Certificate> certificates) {
    if (certificates.isEmpty()) {
      return;
    }
    jdbc.update("update platform_event set detail = null,"
        + " event_id = 'erased-' || cast(id as varchar(36)),"
        + " status = case when status = 'PENDING' then 'SUPERSEDED' else status end,"
        + " applied_at = coalesce(applied_at, received_at)"
        + " where certificate_id in (" + LearnerDataStore.inList(certificates) + ")",
        LearnerDataStore.ids(certificates));
  }
}
