package id.sertiflow.reporting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.sertiflow.calendar.ServiceClock;
import id.sertiflow.calendar.WorkingDayCalendar;
import id.sertiflow.platform.Platform;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The chunks of the daily report: which certificates are due, how they are cut into requests of
 * {@code chunk-size} reports, and what was sent. A certificate sits in at most one unanswered
 * chunk at a time, so two runs never send it twice.
 */
@Component
class ReportChunks {

  /** SUPERSEDED (a chunk given up to a later run) is no longer written; older rows may hold it. */
  enum Status { PENDING, SENT, SUPERSEDED }

  /** One report in the request body, as API.md defines it. */
  record Report(String redemptionCode, String certificateNumber, String participantName,
      String courseId, String completedAt, boolean reviewSubmitted) {}

  record Request(String batchId, String provider, List<Report> reports) {}

  record Chunk(String batchId, Platform platform, Status status, byte[] payload,
      Map<String, UUID> certificatesByCode) {}

  private final JdbcTemplate jdbc;
  private final ObjectMapper json;
  private final ServiceClock clock;
  private final String provider;

  ReportChunks(JdbcTemplate jdbc, ObjectMapper json, ServiceClock clock,
      @Value("${sertiflow.provider-code:LP-DEMO}") String provider) {
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
    this.provider = provider;
  }

  /**
   * Chunks of earlier runs that are still unanswered: their retries ran out into an incident, or
   * the node sending them died and its job is still locked. The platform may have taken such a
   * chunk and only its answer been lost, so this run sends it again as it is, the same bytes under
   * the same Idempotency-Key, and the platform answers from its record; cutting its certificates
   * into a new batch would report them to the platform a second time.
   */
  List<String> unansweredOfEarlierRuns(Platform platform, String runSlot) {
    return jdbc.queryForList("select batch_id from report_chunk where platform = ?"
        + " and status = 'PENDING' and run_slot < ? order by created_at, batch_id", String.class,
        platform.name(), runSlot);
  }

  /** Cuts the platform's due certificates into new chunks; returns their batch ids in order. */
  List<String> cut(Platform platform, String runSlot, int chunkSize) {
    List<Map<String, Object>> due = jdbc.queryForList("select c.id, c.redemption_code,"
        + " c.certificate_number, c.learner_name, c.course_id, c.completed_at, c.review_submitted"
        + " from certificate c where c.platform = ? and c.current_stage = 'REPORTED_TO_PLATFORM'"
        + " and c.state = 'IN_PROGRESS' and not exists (select 1 from report_chunk_item i"
        + " join report_chunk k on k.batch_id = i.batch_id"
        + " where i.certificate_id = c.id and k.status = 'PENDING')"
        + " order by c.completed_at, c.id", platform.name());
    LocalDate day = LocalDate.parse(runSlot.substring(0, 10));
    Integer last = jdbc.queryForObject("select max(seq) from report_chunk where platform = ?"
        + " and report_date = ?", Integer.class, platform.name(), day);
    int seq = last == null ? 0 : last;
    List<String> batchIds = new ArrayList<>();
    for (int from = 0; from < due.size(); from += chunkSize) {
      List<Map<String, Object>> rows = due.subList(from, Math.min(due.size(), from + chunkSize));
      seq++;
      String batchId = platform.name() + "-" + day + "-" + seq;
      List<Report> reports = rows.stream().map(r -> new Report(
          (String) r.get("redemption_code"), (String) r.get("certificate_number"),
          (String) r.get("learner_name"), (String) r.get("course_id"),
          WorkingDayCalendar.inJakarta(toInstant(r.get("completed_at"))).toString(),
          Boolean.TRUE.equals(r.get("review_submitted")))).toList();
      jdbc.update("insert into report_chunk (batch_id, platform, run_slot, report_date, seq, payload,"
          + " status, created_at) values (?, ?, ?, ?, ?, ?, 'PENDING', ?)", batchId, platform.name(),
          runSlot, day, seq, write(new Request(batchId, provider, reports)), Timestamp.from(clock.now()));
      jdbc.batchUpdate("insert into report_chunk_item (batch_id, certificate_id) values (?, ?)",
          rows.stream().map(r -> new Object[] {batchId, r.get("id")}).toList());
      batchIds.add(batchId);
    }
    return batchIds;
  }

  /** The chunk, locked until the transaction ends: one sender at a time. */
  Optional<Chunk> lock(String batchId) {
    List<Map<String, Object>> rows = jdbc.queryForList(
        "select platform, status, payload from report_chunk where batch_id = ? for update", batchId);
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Object> row = rows.get(0);
    Map<String, UUID> certificates = new java.util.HashMap<>();
    jdbc.query("select c.redemption_code, c.id from report_chunk_item i join certificate c"
        + " on c.id = i.certificate_id where i.batch_id = ?",
        rs -> { certificates.put(rs.getString(1), rs.getObject(2, UUID.class)); }, batchId);
    return Optional.of(new Chunk(batchId, Platform.valueOf((String) row.get("platform")),
        Status.valueOf((String) row.get("status")),
        ((String) row.get("payload")).getBytes(StandardCharsets.UTF_8), certificates));
  }

  void answered(String batchId) {
    jdbc.update("update report_chunk set status = 'SENT', answered_at = ? where batch_id = ?",
        Timestamp.from(clock.now()), batchId);
  }

  private String write(Request request) {
    try {
      return json.writeValueAsString(request);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A report request is always writable", e);
    }
  }

  private static java.time.Instant toInstant(Object value) {
    if (value instanceof java.time.OffsetDateTime odt) {
      return odt.toInstant();
    }
    if (value instanceof Timestamp ts) {
      return ts.toInstant();
    }
    if (value instanceof java.time.Instant instant) {
      return instant;
    }
    throw new IllegalStateException("Unexpected timestamp type " + value.getClass());
  }
}
