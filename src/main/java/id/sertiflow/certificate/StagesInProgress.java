package id.sertiflow.certificate;

import id.sertiflow.platform.Platform;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
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

  /** Rows of the overdue list fetched at a time. */
  private static final int OVERDUE_FETCH = 1000;

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

  /**
   * How many open certificates (in progress or waiting for someone) wait at a stage on a
   * platform, how many of them are past their deadline, and how many are at risk (three quarters
   * of their time spent, not late; in progress only, as the at-risk list counts them).
   */
  public record StageCount(Stage stage, Platform platform, long waiting, long overdue, long atRisk) {}

  /** Where the certificates of {@code platform} (every platform: null) wait now: one grouped query. */
  public List<StageCount> counts(Instant now, Platform platform) {
    Timestamp at = Timestamp.from(now);
    List<Object> args = new ArrayList<>(List.of(at, at, at));
    String onePlatform = "";
    if (platform != null) {
      onePlatform = " and c.platform = ?";
      args.add(platform.name());
    }
    return jdbc.query("select c.current_stage, c.platform, count(*) as waiting,"
            + " sum(case when s.due_at <= ? then 1 else 0 end) as overdue,"
            + " sum(case when c.state = 'IN_PROGRESS' and s.at_risk_at <= ? and s.due_at > ?"
            + " then 1 else 0 end) as at_risk"
            + " from certificate c join certificate_stage s"
            + " on s.certificate_id = c.id and s.stage = c.current_stage"
            + " where c.state in ('IN_PROGRESS', 'ACTION_REQUIRED')" + onePlatform
            + " group by c.current_stage, c.platform",
        (rs, row) -> new StageCount(Stage.valueOf(rs.getString(1)), Platform.valueOf(rs.getString(2)),
            rs.getLong(3), rs.getLong(4), rs.getLong(5)),
        args.toArray());
  }

  /**
   * An open certificate past its stage's deadline, with the last report chunk that carried it to
   * its platform and when the platform last sent an event about it (the reporting and callback
   * modules' tables, read here so that the list is one query, streamed).
   */
  public record Overdue(UUID certificateId, String redemptionCode, String certificateNumber,
      Stage stage, Instant dueAt, String lastReportBatchId, Instant lastEventAt) {}

  /**
   * The open certificates of {@code platform} past their deadline at {@code now}, the most late
   * first, {@code max} of them from {@code first}, each handed to {@code each} as it is read: the
   * rows are fetched in batches, not held, when the caller runs this in a transaction (PostgreSQL
   * keeps a cursor only there).
   */
  public void overdue(Platform platform, Instant now, long first, long max, Consumer<Overdue> each) {
    jdbc.query(connection -> {
      var statement = connection.prepareStatement("select c.id, c.redemption_code,"
          + " c.certificate_number, c.current_stage, s.due_at,"
          + " (select r.batch_id from report_chunk_item i join report_chunk r"
          + " on r.batch_id = i.batch_id where i.certificate_id = c.id"
          + " order by r.created_at desc, r.batch_id desc limit 1) as last_batch,"
          + " (select max(e.received_at) from platform_event e where e.certificate_id = c.id)"
          + " as last_event"
          + " from certificate c join certificate_stage s"
          + " on s.certificate_id = c.id and s.stage = c.current_stage"
          + " where c.platform = ? and c.state in ('IN_PROGRESS', 'ACTION_REQUIRED')"
          + " and s.due_at <= ? order by s.due_at, c.redemption_code limit ? offset ?");
      statement.setFetchSize(OVERDUE_FETCH);
      statement.setString(1, platform.name());
      statement.setTimestamp(2, Timestamp.from(now));
      statement.setLong(3, max);
      statement.setLong(4, first);
      return statement;
    }, rs -> {
      each.accept(new Overdue(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
          Stage.valueOf(rs.getString(4)), CertificateReads.instant(rs, "due_at"), rs.getString(6),
          CertificateReads.instant(rs, "last_event")));
    });
  }

  private List<UUID> ids(String condition, Object... args) {
    return jdbc.query(IN_PROGRESS + condition, (rs, row) -> rs.getObject(1, UUID.class), args);
  }
}
