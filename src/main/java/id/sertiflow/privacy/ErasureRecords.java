package id.sertiflow.privacy;

import id.sertiflow.calendar.WorkingDayCalendar;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The record of every erasure ({@code erasure}, {@code erasure_certificate}): who asked, when, why
 * and which certificates, and nothing that leads to the learner. It is what remains of an erased
 * learner, and it stays.
 */
@Component
class ErasureRecords {

  /** Who erases when a certificate's retention ends. */
  static final String RETENTION = "retention";

  /** One erasure, as the privacy officer lists them. */
  record Erasure(UUID erasureId, String requestedBy, OffsetDateTime erasedAt, String reason,
      int certificates, List<UUID> certificateIds) {}

  private final JdbcTemplate jdbc;

  ErasureRecords(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Records an erasure of {@code certificateIds}, in the erasure's own transaction. */
  void record(UUID erasureId, String requestedBy, Instant at, String reason, List<UUID> certificateIds) {
    jdbc.update("insert into erasure (id, requested_by, erased_at, reason, certificates)"
        + " values (?, ?, ?, ?, ?)", erasureId, requestedBy, Timestamp.from(at), reason,
        certificateIds.size());
    jdbc.batchUpdate("insert into erasure_certificate (erasure_id, certificate_id) values (?, ?)",
        certificateIds.stream().map(id -> new Object[] {erasureId, id}).toList());
  }

  /** A page of the erasures, the latest first. */
  List<Erasure> page(int first, int max) {
    Map<UUID, Erasure> page = new LinkedHashMap<>();
    jdbc.query("select id, requested_by, erased_at, reason, certificates from erasure"
        + " order by erased_at desc, id offset ? rows fetch next ? rows only", rs -> {
          UUID id = rs.getObject("id", UUID.class);
          page.put(id, new Erasure(id, rs.getString("requested_by"),
              WorkingDayCalendar.inJakarta(
                  rs.getObject("erased_at", OffsetDateTime.class).toInstant()),
              rs.getString("reason"), rs.getInt("certificates"), new ArrayList<>()));
        }, first, max);
    if (!page.isEmpty()) {
      jdbc.query("select erasure_id, certificate_id from erasure_certificate where erasure_id in ("
          + String.join(",", java.util.Collections.nCopies(page.size(), "?"))
          + ") order by certificate_id", rs -> {
            page.get(rs.getObject("erasure_id", UUID.class)).certificateIds()
                .add(rs.getObject("certificate_id", UUID.class));
          }, page.keySet().toArray());
    }
    return List.copyOf(page.values());
  }
}
