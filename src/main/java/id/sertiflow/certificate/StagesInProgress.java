package id.sertiflow.certificate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Finds certificates by the stage they are waiting in, straight from the read model's rows: the
 * one place that knows how a certificate's stage in progress is stored.
 */
@Component
public class StagesInProgress {

  private static final String IN_PROGRESS = "select c.id from certificate c join certificate_stage s"
      + " on s.certificate_id = c.id and s.stage = c.current_stage"
      + " where s.status = 'IN_PROGRESS' and ";

  private final JdbcTemplate jdbc;

  StagesInProgress(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Open certificates (in progress or waiting for someone) whose deadline counts across
   * {@code [from, to)}: started before it ends and due after it begins.
   */
  public List<UUID> countingAcross(Instant from, Instant to) {
    return ids("c.state in ('IN_PROGRESS', 'ACTION_REQUIRED') and s.started_at < ? and s.due_at >= ?",
        Timestamp.from(to), Timestamp.from(from));
  }

  /**
   * Certificates in progress whose stage has spent three quarters of its time, not yet late: the
   * page of {@code max} from {@code first}, the soonest due first.
   */
  public List<UUID> atRisk(Instant now, int first, int max) {
    return ids("c.state = 'IN_PROGRESS' and s.at_risk_at <= ? and s.due_at > ?"
            + " order by s.due_at, c.redemption_code limit ? offset ?",
        Timestamp.from(now), Timestamp.from(now), max, first);
  }

  private List<UUID> ids(String condition, Object... args) {
    return jdbc.query(IN_PROGRESS + condition, (rs, row) -> rs.getObject(1, UUID.class), args);
  }
}
