package id.sertiflow.notification;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@code notification} table: e-mails written with the change that causes them, claimed and
 * sent by any node. Every statement is one of the caller's transaction (the engine's, for a
 * write), so a notification commits or rolls back with its change.
 */
@Component
class Outbox {

  enum Status { PENDING, SENT, FAILED }

  /** An e-mail to write. */
  record Draft(UUID certificateId, String eventKey, String kind, String recipient,
      LearnerMail mail, String optOutUrl) {}

  /** An e-mail a node claimed for sending. */
  record Claimed(UUID id, UUID certificateId, String recipient, String subject, String text,
      String html, String optOutUrl, Instant createdAt, int attempts) {}

  private final JdbcTemplate jdbc;
  private volatile Boolean postgres;

  Outbox(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Writes the e-mail unless this certificate has it already (a replayed callback, a retried job)
   * or its learner stopped the e-mails; true when it was written.
   */
  boolean write(Draft draft, Instant now) {
    String sql = "insert into notification (id, certificate_id, event_key, kind, recipient, subject,"
        + " body_text, body_html, opt_out_url, created_at, status, attempts, next_attempt_at)"
        + " select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ? from (values (1)) as one (x)"
        + " where not exists (select 1 from notification where certificate_id = ? and event_key = ?)"
        + " and not exists (select 1 from notification_opt_out where certificate_id = ?)"
        // two writers of one certificate are one after the other (the certificate's row lock);
        // should they meet all the same, PostgreSQL keeps the first and fails neither
        + (isPostgres() ? " on conflict (certificate_id, event_key) do nothing" : "");
    Timestamp at = Timestamp.from(now);
    return jdbc.update(sql, UUID.randomUUID(), draft.certificateId(), draft.eventKey(), draft.kind(),
        draft.recipient(), draft.mail().subject(), draft.mail().text(), draft.mail().html(),
        draft.optOutUrl(), at, at, draft.certificateId(), draft.eventKey(),
        draft.certificateId()) == 1;
  }

  /**
   * Claims up to {@code max} e-mails that are due and not claimed by a live claim: this node sends
   * them until {@code now + claimFor}. Two nodes never claim the same e-mail while a claim holds:
   * the update checks the claim again on the row it changes (on PostgreSQL each node also passes
   * over the rows another is claiming, instead of waiting for them).
   */
  List<Claimed> claim(Instant now, Duration claimFor, int max) {
    UUID token = UUID.randomUUID();
    Timestamp at = Timestamp.from(now);
    String free = "status = 'PENDING' and next_attempt_at <= ? and (claimed_until is null or claimed_until < ?)";
    int claimed = jdbc.update("update notification set claim_token = ?, claimed_until = ?,"
            + " attempts = attempts + 1 where id in (select id from notification where " + free
            + " order by next_attempt_at fetch first " + max + " rows only"
            + (isPostgres() ? " for update skip locked" : "") + ") and " + free,
        token, Timestamp.from(now.plus(claimFor)), at, at, at, at);
    if (claimed == 0) {
      return List.of();
    }
    return jdbc.query("select id, certificate_id, recipient, subject, body_text, body_html,"
            + " opt_out_url, created_at, attempts from notification where claim_token = ?"
            + " and status = 'PENDING' order by next_attempt_at",
        (rs, row) -> new Claimed(rs.getObject("id", UUID.class),
            rs.getObject("certificate_id", UUID.class), rs.getString("recipient"),
            rs.getString("subject"), rs.getString("body_text"), rs.getString("body_html"),
            rs.getString("opt_out_url"), rs.getTimestamp("created_at").toInstant(),
            rs.getInt("attempts")), token);
  }

  /** The SMTP server took these: one JDBC batch for a whole SMTP batch. */
  void sent(List<UUID> ids, Instant at) {
    Timestamp sentAt = Timestamp.from(at);
    jdbc.batchUpdate("update notification set status = 'SENT', sent_at = ?, claimed_until = null,"
        + " last_error = null where id = ?", ids.stream().map(id -> new Object[] {sentAt, id})
        .toList());
  }

  void retryAt(UUID id, Instant next, String error) {
    jdbc.update("update notification set next_attempt_at = ?, claimed_until = null, last_error = ?"
        + " where id = ? and status = 'PENDING'", Timestamp.from(next), shorten(error), id);
  }

  void failed(UUID id, String error) {
    jdbc.update("update notification set status = 'FAILED', claimed_until = null, last_error = ?"
        + " where id = ?", shorten(error), id);
  }

  /**
   * The learner stopped the e-mails: none is written from now on, none waiting is sent, and the
   * outbox forgets those it held for the certificate.
   */
  void optOut(UUID certificateId, Instant at) {
    jdbc.update("insert into notification_opt_out (certificate_id, opted_out_at)"
        + " select ?, ? from (values (1)) as one (x) where not exists"
        + " (select 1 from notification_opt_out where certificate_id = ?)",
        certificateId, Timestamp.from(at), certificateId);
    // none kept either: the outbox holds nothing for a certificate whose learner said stop
    jdbc.update("delete from notification where certificate_id = ?", certificateId);
  }

  boolean isOptedOut(UUID certificateId) {
    return Boolean.TRUE.equals(jdbc.queryForObject(
        "select count(*) > 0 from notification_opt_out where certificate_id = ?", Boolean.class,
        certificateId));
  }

  /**
   * Drops what waits for certificates whose learner stopped the e-mails: an e-mail written in a
   * transaction that was still open when the learner clicked, and committed after.
   */
  void dropOptedOut() {
    jdbc.update("delete from notification where certificate_id in"
        + " (select certificate_id from notification_opt_out)");
  }

  private boolean isPostgres() {
    if (postgres == null) {
      postgres = jdbc.execute((ConnectionCallback<Boolean>) c ->
          c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres"));
    }
    return postgres;
  }

  private static String shorten(String error) {
    return error == null || error.length() <= 500 ? error : error.substring(0, 500);
  }
}
