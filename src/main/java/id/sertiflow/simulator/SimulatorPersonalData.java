package id.sertiflow.simulator;

import id.sertiflow.certificate.Certificate;
import id.sertiflow.certificate.LearnerDataStore;
import java.util.ArrayList;
import java.util.List;
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
    for (Certificate c : certificates) {
      String code = c.redemptionCode();
      jdbc.update("delete from simulator_accepted_report where redemption_code = ?", code);
      jdbc.update("delete from simulator_event where redemption_code = ?", code);
      jdbc.update("update simulator_report_batch set answer = replace(answer, ?, ?)"
          + " where answer like ?", "\"" + code + "\"", "\"erased\"", "%\"" + code + "\"%");
    }
  }
}
