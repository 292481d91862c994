package id.sertiflow.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import id.sertiflow.SertiflowTest;
import id.sertiflow.TestApi;
import id.sertiflow.calendar.WorkingDayCalendar;
import id.sertiflow.certificate.Certificate;
import id.sertiflow.platform.Platform;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The simulated platforms' records of an erased learner go with the learner; another learner's
 * stay. The simulator is off in the shared test context, so its store is made here by hand.
 */
@SertiflowTest
class SimulatorPersonalDataTests {

  @Autowired JdbcTemplate jdbc;
  @Autowired WorkingDayCalendar calendar;

  @Test
  void erasesTheSimulatedPlatformsRecordsOfTheErasedLearnersCodesAndNoOthers() {
    String erased = TestApi.newRedemptionCode();
    String kept = TestApi.newRedemptionCode();
    Timestamp now = Timestamp.from(Instant.now());
    for (String code : List.of(erased, kept)) {
      jdbc.update("insert into simulator_accepted_report (platform, redemption_code, accepted_count,"
          + " first_accepted_at, last_accepted_at) values ('TOKOPEDIA', ?, 1, ?, ?)", code, now, now);
      jdbc.update("insert into simulator_event (id, platform, type, redemption_code, due_at,"
          + " created_at) values (?, 'TOKOPEDIA', 'PMO_VERIFIED', ?, ?, ?)", "sim-" + code, code, now, now);
    }
    String key = "sim-test-" + erased;
    jdbc.update("insert into simulator_report_batch (platform, idempotency_key, batch_id, received_at,"
        + " answer) values ('TOKOPEDIA', ?, ?, ?, ?)", key, key, now,
        "{\"accepted\":[\"" + erased + "\",\"" + kept + "\"],\"rejected\":[]}");

    SimulatorPersonalData store = new SimulatorPersonalData(jdbc);
    Certificate certificate = Certificate.received(new Certificate.Completion("lms-" + erased, erased,
        "SA-" + erased, Platform.TOKOPEDIA, "u-sim", "Sim Learner", "sim@example.com", "SIM LEARNER",
        "c-1", "Course", Instant.now(), true), "hash", Instant.now(), calendar);
    assertThat(store.heldFor(List.of(certificate))).extracting(h -> h.place()).contains(
        "simulator_accepted_report.redemption_code", "simulator_event.redemption_code",
        "simulator_report_batch.answer");
    store.erase(List.of(certificate));

    assertThat(jdbc.queryForList("select redemption_code from simulator_accepted_report"
        + " where redemption_code in (?, ?)", String.class, erased, kept)).containsExactly(kept);
    assertThat(jdbc.queryForList("select redemption_code from simulator_event"
        + " where redemption_code in (?, ?)", String.class, erased, kept)).containsExactly(kept);
    assertThat(jdbc.queryForObject("select answer from simulator_report_batch where idempotency_key = ?",
        String.class, key)).isEqualTo("{\"accepted\":[\"erased\",\"" + kept + "\"],\"rejected\":[]}");
  }
}
