package id.sertiflow.certificate;

import id.sertiflow.platform.Platform;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * A certificate read for showing it, not for changing it: the certificate and its stages in one
 * SQL statement, without a transaction or Hibernate's persistence context. The status API asks on
 * every page load of every learner, and Hibernate's way (a read-only transaction, the entity and
 * its stage collection managed, a commit) cost it most of its time (docs/benchmarks.md). What it
 * returns is detached: changes go through {@link Certificates} and the process.
 */
@Repository
public class CertificateReads {

  private static final String SELECT = "select " + Certificate.COLUMNS + ","
      + " s.stage, s.status, s.completed_at as stage_completed_at, s.due_at, s.started_at,"
      + " s.at_risk_at from certificate c join certificate_stage s on s.certificate_id = c.id";

  private final JdbcTemplate jdbc;

  CertificateReads(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The certificate, unless its learner's data was erased: then it is no one's to show. */
  public Optional<Certificate> byId(UUID id) {
    return one(SELECT + " where c.id = ? and c.erased_at is null", id);
  }

  /** The certificate of the code, unless its learner's data was erased. */
  public Optional<Certificate> byRedemptionCode(String redemptionCode) {
    return one(SELECT + " where c.redemption_code = ? and c.erased_at is null", redemptionCode);
  }

  /** A certificate waiting for its report to its platform, as the report states it. */
  public record AwaitingReport(UUID id, String redemptionCode, String certificateNumber,
      String learnerName, String courseId, Instant completedAt, boolean reviewSubmitted) {}

  /**
   * The platform's certificates whose report to it is due (in progress at that stage), earliest
   * completion first: what the daily report sends.
   */
  public List<AwaitingReport> awaitingReportTo(Platform platform) {
    return jdbc.query("select id, redemption_code, certificate_number, learner_name, course_id,"
        + " completed_at, review_submitted from certificate where platform = ?"
        + " and current_stage = ? and state = ? order by completed_at, id",
        (rs, row) -> new AwaitingReport(rs.getObject("id", UUID.class),
            rs.getString("redemption_code"), rs.getString("certificate_number"),
            rs.getString("learner_name"), rs.getString("course_id"),
            instant(rs, "completed_at"), rs.getBoolean("review_submitted")),
        platform.name(), Stage.REPORTED_TO_PLATFORM.name(), CertificateState.IN_PROGRESS.name());
  }

  private Optional<Certificate> one(String sql, Object key) {
    return Optional.ofNullable(jdbc.query(sql, rs -> {
      Certificate certificate = null;
      while (rs.next()) {
        if (certificate == null) {
          certificate = Certificate.read(rs);
        }
        certificate.withStage(Stage.valueOf(rs.getString("stage")), new StageProgress(
            StageStatus.valueOf(rs.getString("status")), instant(rs, "stage_completed_at"),
            instant(rs, "due_at"), instant(rs, "started_at"), instant(rs, "at_risk_at")));
      }
      return certificate;
    }, key));
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
    return at == null ? null : at.toInstant();
  }
}
