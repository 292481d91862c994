package id.sertiflow.simulator;

import id.sertiflow.certificate.Certificate;
import id.sertiflow.certificate.LearnerDataStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The simulated platforms' own records of a learner's redemption code (demo mode only: in
 * production these tables stay empty, and a real platform keeps its records itself): the reports
 * they accepted, the callbacks they will still send, and their stored answers.
 */
@Component
@ConditionalOnSimulator
class SimulatorPersonalData implements LearnerDataStore {

  private final JdbcTemplate jdbc;

  SimulatorPersonalData(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public List<Held> heldFor(List<Certificate> certificates) {
    List<Held> held = new ArrayList<>();
    for (Certificate c : certificates) {
      String code = c.redemptionCode();
      jdbc.queryForList("select platform from simulator_accepted_report where redemption_code = ?",
          String.class, code).forEach(p -> held.add(
              new Held("simulator_accepted_report.redemption_code", c.id(), code)));
      jdbc.queryForList("select detail from simulator_event where redemption_code = ?",
          String.class, code).forEach(d -> held.add(
              new Held("simulator_event.redemption_code", c.id(), code)));
      jdbc.queryForList("select answer from simulator_report_batch where answer like ?",
          String.class, "%\"" + code + "\"%").forEach(a -> held.add(
              new Held("simulator_report_batch.answer", c.id(), code)));
    }
    return held;
  }

  @Override
  public void erase(List<Certificate> certificates) {
    if (certificates.isEmpty()) {
      return;
    }
    Set<String> codes = new HashSet<>();
    certificates.forEach(c -> codes.add(c.redemptionCode()));
    String in = String.join(",", Collections.nCopies(codes.size(), "?"));
    Object[] args = codes.toArray();
    jdbc.update("delete from simulator_accepted_report where redemption_code in (" + in + ")", args);
    jdbc.update("delete from simulator_event where redemption_code in (" + in + ")", args);
    // the stored answers are few (one per report request) and long: each is read once, its codes
    // found by parsing rather than by a LIKE per code
    List<Object[]> rewritten = new ArrayList<>();
    jdbc.query("select platform, idempotency_key, answer from simulator_report_batch", rs -> {
      String answer = rs.getString("answer");
      Matcher quoted = QUOTED.matcher(answer);
      StringBuilder kept = new StringBuilder();
      boolean changed = false;
      while (quoted.find()) {
        boolean erased = codes.contains(quoted.group(1));
        changed |= erased;
        quoted.appendReplacement(kept, erased ? "\"erased\"" : Matcher.quoteReplacement(quoted.group()));
      }
      if (changed) {
        quoted.appendTail(kept);
        rewritten.add(new Object[] {kept.toString(), rs.getString("platform"),
            rs.getString("idempotency_key")});
      }
    });
    jdbc.batchUpdate("update simulator_report_batch set answer = ? where platform = ?"
        + " and idempotency_key = ?", rewritten);
  }

  /** A JSON string of the answer that may be a redemption code. */
  private static final Pattern QUOTED = Pattern.compile("\"([A-Z0-9]{6,32})\"");
}
