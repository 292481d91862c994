package id.sertiflow.simulator;

import id.sertiflow.platform.Platform;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@code simulator_event} table: the callbacks the simulated platforms owe SertiFlow. Safe on
 * several nodes: a node first claims due rows with one conditional update (a row already claimed,
 * and not stale, is left alone), then reads back only what it claimed.
 */
@Component
@ConditionalOnSimulator
class SimulatorEvents {

  /** A callback to send: {@code type} is REPORTED_TO_PMO, PMO_VERIFIED or PMO_REJECTED. */
  record Event(String id, Platform platform, String type, String redemptionCode, String reason,
      String detail, Instant dueAt) {}

  private final JdbcTemplate jdbc;

  SimulatorEvents(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** In the caller's transaction, if any. */
  void schedule(List<Event> events, Instant now) {
    if (events.isEmpty()) {
      return;
    }
    jdbc.batchUpdate("insert into simulator_event (id, platform, type, redemption_code, reason,"
        + " detail, due_at, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)", events, 500, (ps, e) -> {
          ps.setString(1, e.id());
          ps.setString(2, e.platform().name());
          ps.setString(3, e.type());
          ps.setString(4, e.redemptionCode());
          ps.setString(5, e.reason());
          ps.setString(6, e.detail());
          ps.setObject(7, utc(e.dueAt()));
          ps.setObject(8, utc(now));
        });
  }

  /**
   * Claims up to {@code limit} due, unsent callbacks for {@code token}, oldest first, and returns
   * them. A claim older than {@code staleBefore} belonged to a node that did not finish: it is
   * taken over. The claim condition is repeated on the outer update so that a node that waited for
   * another's row lock re-checks it and skips what the other took.
   */
  List<Event> claim(String token, Instant now, Instant staleBefore, int limit) {
    OffsetDateTime due = utc(now);
    OffsetDateTime stale = utc(staleBefore);
    String claimable = "sent_at is null and due_at <= ? and (claimed_by is null or claimed_at < ?)";
    int claimed = jdbc.update("update simulator_event set claimed_by = ?, claimed_at = ? where "
        + claimable + " and id in (select id from simulator_event where " + claimable
        + " order by due_at fetch first " + limit + " rows only)",
        token, due, due, stale, due, stale);
    if (claimed == 0) {
      return List.of();
    }
    return jdbc.query("select id, platform, type, redemption_code, reason, detail, due_at"
        + " from simulator_event where claimed_by = ? and sent_at is null order by due_at, id",
        (rs, i) -> new Event(rs.getString("id"), Platform.valueOf(rs.getString("platform")),
            rs.getString("type"), rs.getString("redemption_code"), rs.getString("reason"),
            rs.getString("detail"), rs.getObject("due_at", OffsetDateTime.class).toInstant()),
        token);
  }

  /** Only rows this claim still holds. */
  void markSent(String token, List<String> ids, Instant now) {
    for (List<String> chunk : chunks(ids)) {
      List<Object> args = new ArrayList<>(chunk.size() + 2);
      args.add(utc(now));
      args.add(token);
      args.addAll(chunk);
      jdbc.update("update simulator_event set sent_at = ? where claimed_by = ? and id in ("
          + placeholders(chunk.size()) + ")", args.toArray());
    }
  }

  /** Gives unsent rows of this claim back, for the next tick of any node. */
  void release(String token, List<String> ids) {
    for (List<String> chunk : chunks(ids)) {
      List<Object> args = new ArrayList<>(chunk.size() + 1);
      args.add(token);
      args.addAll(chunk);
      jdbc.update("update simulator_event set claimed_by = null, claimed_at = null"
          + " where claimed_by = ? and sent_at is null and id in ("
          + placeholders(chunk.size()) + ")", args.toArray());
    }
  }

  static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static List<List<String>> chunks(List<String> ids) {
    if (ids.isEmpty()) {
      return Collections.emptyList();
    }
    List<List<String>> chunks = new ArrayList<>();
    for (int i = 0; i < ids.size(); i += 500) {
      chunks.add(ids.subList(i, Math.min(ids.size(), i + 500)));
    }
    return chunks;
  }

  private static String placeholders(int n) {
    return String.join(", ", Collections.nCopies(n, "?"));
  }
}
