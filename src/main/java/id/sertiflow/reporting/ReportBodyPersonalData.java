package id.sertiflow.reporting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.sertiflow.certificate.Certificate;
import id.sertiflow.certificate.LearnerDataStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The learner's report in the stored bodies of the daily report ({@code report_chunk.payload}):
 * the redemption code, certificate number and participant name as sent to the platform. On
 * erasure the learner's report is taken out of each body; the rest of the body stays, so that a
 * chunk not yet answered is sent again without it (the platform has the learner's report already
 * if it took the first send, and from its own copy answers for it).
 */
@Component
class ReportBodyPersonalData implements LearnerDataStore {

  private static final String REPORTS = "reports";
  private static final String CODE = "redemptionCode";

  private final JdbcTemplate jdbc;
  private final ObjectMapper json;

  ReportBodyPersonalData(JdbcTemplate jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  @Override
  public List<Held> heldFor(List<Certificate> certificates) {
    List<Held> held = new ArrayList<>();
    Map<String, UUID> byCode = byCode(certificates);
    bodiesOf(certificates).forEach((batchId, body) -> body.path(REPORTS).forEach(report -> {
      UUID certificate = byCode.get(report.path(CODE).asText());
      if (certificate != null) {
        held.add(new Held("report_chunk.payload", certificate, report));
      }
    }));
    return held;
  }

  @Override
  public void erase(List<Certificate> certificates) {
    Map<String, UUID> byCode = byCode(certificates);
    bodiesOf(certificates).forEach((batchId, body) -> {
      if (body.path(REPORTS) instanceof ArrayNode reports) {
        for (Iterator<JsonNode> i = reports.iterator(); i.hasNext(); ) {
          if (byCode.containsKey(i.next().path(CODE).asText())) {
            i.remove();
          }
        }
      }
      jdbc.update("update report_chunk set payload = ? where batch_id = ?", write(body), batchId);
    });
  }

  /** The bodies that report any of the certificates, by batch id. */
  private Map<String, ObjectNode> bodiesOf(List<Certificate> certificates) {
    Map<String, ObjectNode> bodies = new HashMap<>();
    if (certificates.isEmpty()) {
      return bodies;
    }
    jdbc.query("select batch_id, payload from report_chunk where batch_id in (select batch_id"
        + " from report_chunk_item where certificate_id in ("
        + String.join(",", Collections.nCopies(certificates.size(), "?")) + "))", rs -> {
          bodies.put(rs.getString("batch_id"), read(rs.getString("payload")));
        }, certificates.stream().map(Certificate::id).toArray());
    return bodies;
  }

  private static Map<String, UUID> byCode(List<Certificate> certificates) {
    Map<String, UUID> byCode = new HashMap<>();
    certificates.forEach(c -> byCode.put(c.redemptionCode(), c.id()));
    return byCode;
  }

  private ObjectNode read(String payload) {
    try {
      return (ObjectNode) json.readTree(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A stored report body is always JSON", e);
    }
  }

  private String write(JsonNode body) {
    try {
      return json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A report body is always writable", e);
    }
  }
}
