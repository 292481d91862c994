package id.sertiflow.certificate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The {@code escalation_outcome} rows: what operators decided on a certificate's escalations. */
@Component
public class EscalationOutcomes {

  /** One decision, as recorded. */
  public record Decision(String task, EscalationOutcome outcome, String decidedBy, Instant decidedAt) {}

  private final JdbcTemplate jdbc;

  EscalationOutcomes(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void record(UUID certificateId, String task, EscalationOutcome outcome, String decidedBy,
      Instant decidedAt) {
    jdbc.update("insert into escalation_outcome (certificate_id, task, outcome, decided_by, decided_at)"
        + " values (?, ?, ?, ?, ?)", certificateId, task, outcome.name(), decidedBy,
        Timestamp.from(decidedAt));
  }

  /** Every decision on the certificate, oldest first. */
  public List<Decision> of(UUID certificateId) {
    return decisions(certificateId, "order by decided_at, id");
  }

  /** The latest decision on the certificate, if any: one row read, however many were made. */
  public Optional<Decision> last(UUID certificateId) {
    return decisions(certificateId, "order by decided_at desc, id desc fetch first 1 rows only")
        .stream().findFirst();
  }

  private List<Decision> decisions(UUID certificateId, String order) {
    return jdbc.query("select task, outcome, decided_by, decided_at from escalation_outcome"
        + " where certificate_id = ? " + order,
        (rs, row) -> new Decision(rs.getString(1), EscalationOutcome.valueOf(rs.getString(2)),
            rs.getString(3), rs.getTimestamp(4).toInstant()),
        certificateId);
  }
}
