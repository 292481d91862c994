package id.sertiflow.reporting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.sertiflow.calendar.ServiceClock;
import id.sertiflow.calendar.WorkingDayCalendar;
import id.sertiflow.certificate.CertificateReads;
import id.sertiflow.certificate.CertificateReads.AwaitingReport;
import id.sertiflow.certificate.Certificates;
import id.sertiflow.platform.Platform;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
  private final CertificateReads certificateReads;
  private final Certificates certificates;
  private final ObjectMapper json;
  private final ServiceClock clock;
  private final String provider;

  ReportChunks(JdbcTemplate jdbc, CertificateReads certificateReads, Certificates certificates,
      ObjectMapper json, ServiceClock clock,
      @Value("${sertiflow.provider-code:LP-DEMO}") String provider) {
    this.jdbc = jdbc;
    this.certificateReads = certificateReads;
    this.certificates = certificates;
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
    // a certificate already in an unanswered chunk is that chunk's to send
    Set<UUID> inUnansweredChunks = new HashSet<>(jdbc.queryForList("select i.certificate_id"
        + " from report_chunk_item i join report_chunk k on k.batch_id = i.batch_id"
        + " where k.platform = ? and k.status = 'PENDING'", UUID.class, platform.name()));
    List<AwaitingReport> due = certificateReads.awaitingReportTo(platform).stream()
        .filter(c -> !inUnansweredChunks.contains(c.id())).toList();
    LocalDate day = LocalDate.parse(runSlot.substring(0, 10));
    Integer last = jdbc.queryForObject("select max(seq) from report_chunk where platform = ?"
        + " and report_date = ?", Integer.class, platform.name(), day);
    int seq = last == null ? 0 : last;
    List<String> batchIds = new ArrayList<>();
    for (int from = 0; from < due.size(); from += chunkSize) {
      List<AwaitingReport> rows = due.subList(from, Math.min(due.size(), from + chunkSize));
      seq++;
      String batchId = platform.name() + "-" + day + "-" + seq;
      List<Report> reports = rows.stream().map(r -> new Report(r.redemptionCode(),
          r.certificateNumber(), r.learnerName(), r.courseId(),
          WorkingDayCalendar.inJakarta(r.completedAt()).toString(), r.reviewSubmitted())).toList();
      jdbc.update("insert into report_chunk (batch_id, platform, run_slot, report_date, seq, payload,"
          + " status, created_at) values (?, ?, ?, ?, ?, ?, 'PENDING', ?)", batchId, platform.name(),
          runSlot, day, seq, write(new Request(batchId, provider, reports)), Timestamp.from(clock.now()));
      jdbc.batchUpdate("insert into report_chunk_item (batch_id, certificate_id) values (?, ?)",
          rows.stream().map(r -> new Object[] {batchId, r.id()}).toList());
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
    Map<String, UUID> certificatesByCode = new HashMap<>();
    certificates.codesOf(jdbc.queryForList("select certificate_id from report_chunk_item"
        + " where batch_id = ?", UUID.class, batchId))
        .forEach(c -> certificatesByCode.put(c.getRedemptionCode(), c.getId()));
    return Optional.of(new Chunk(batchId, Platform.valueOf((String) row.get("platform")),
        Status.valueOf((String) row.get("status")),
        ((String) row.get("payload")).getBytes(StandardCharsets.UTF_8), certificatesByCode));
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
}
