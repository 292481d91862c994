package id.sertiflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.web.servlet.MockMvc;

/** The calendar's own health: which of this year and next still lack their decree. */
@SpringBootTest
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class CalendarHealthTests {

  @Autowired
  MockMvc mvc;

  @Autowired
  CalendarHealthIndicator health;

  @AfterEach
  void resetEngineClock() {
    ClockUtil.reset();
  }

  static void nowIs(String instant) {
    ClockUtil.setCurrentTime(Date.from(Instant.parse(instant)));
  }

  @Test
  void staysUpButNamesNextYearAsProvisionalWhileItsDecreeIsMissing() throws Exception {
    nowIs("2026-06-01T03:00:00Z");
    mvc.perform(get("/actuator/health/calendar"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("UP"))
        .andExpect(jsonPath("$.details.checkedYears", contains(2026, 2027)))
        .andExpect(jsonPath("$.details.provisionalYears", contains(2027)))
        .andExpect(jsonPath("$.details.warning", containsString("2027")));
  }

  @Test
  void namesNoProvisionalYearWhenThisYearAndNextAreDecreed() throws Exception {
    nowIs("2025-06-01T03:00:00Z");
    mvc.perform(get("/actuator/health/calendar"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("UP"))
        .andExpect(jsonPath("$.details.provisionalYears", empty()))
        .andExpect(jsonPath("$.details.warning").doesNotExist());
  }

  @Test
  void takesThisYearFromJakartaTime() throws Exception {
    // 18:00 UTC on 31 Dec 2025 is already 2026 in Jakarta
    nowIs("2025-12-31T18:00:00Z");
    mvc.perform(get("/actuator/health/calendar"))
        .andExpect(jsonPath("$.details.checkedYears", contains(2026, 2027)));
  }

  @Test
  void warnsInTheLogWhenStartedWithAProvisionalYear(CapturedOutput output) {
    nowIs("2026-06-01T03:00:00Z");
    health.warnAboutProvisionalYears();
    assertThat(output.getOut()).contains("WARN").contains("No holiday decree is loaded for [2027]");
  }
}
