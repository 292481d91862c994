package id.sertiflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import id.sertiflow.EngineClock;
import id.sertiflow.SertiflowTest;
import id.sertiflow.TestApi;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The calendar's own health: which of this year and next still lack their decree, shown to
 * operators; anonymous callers learn the status alone.
 */
@SertiflowTest
@ExtendWith(OutputCaptureExtension.class)
class CalendarHealthTests {

  @RegisterExtension final EngineClock clock = EngineClock.realTime();

  @Autowired
  MockMvc mvc;

  @Autowired
  CalendarHealthIndicator health;

  void nowIs(String instant) {
    clock.set(Instant.parse(instant));
  }

  @Test
  void staysUpButNamesNextYearAsProvisionalWhileItsDecreeIsMissing() throws Exception {
    nowIs("2026-06-01T03:00:00Z");
    mvc.perform(get("/actuator/health/calendar").header(HttpHeaders.AUTHORIZATION, TestApi.OPERATOR))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("UP"))
        .andExpect(jsonPath("$.details.checkedYears", contains(2026, 2027)))
        .andExpect(jsonPath("$.details.provisionalYears", contains(2027)))
        .andExpect(jsonPath("$.details.warning", containsString("2027")));
  }

  @Test
  void namesNoProvisionalYearWhenThisYearAndNextAreDecreed() throws Exception {
    nowIs("2025-06-01T03:00:00Z");
    mvc.perform(get("/actuator/health/calendar").header(HttpHeaders.AUTHORIZATION, TestApi.OPERATOR))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("UP"))
        .andExpect(jsonPath("$.details.provisionalYears", empty()))
        .andExpect(jsonPath("$.details.warning").doesNotExist());
  }

  @Test
  void takesThisYearFromJakartaTime() throws Exception {
    // 18:00 UTC on 31 Dec 2025 is already 2026 in Jakarta
    nowIs("2025-12-31T18:00:00Z");
    mvc.perform(get("/actuator/health/calendar").header(HttpHeaders.AUTHORIZATION, TestApi.OPERATOR))
        .andExpect(jsonPath("$.details.checkedYears", contains(2026, 2027)));
  }

  @Test
  void showsAnonymousCallersTheStatusAloneAndOperatorsTheDetails() throws Exception {
    nowIs("2026-06-01T03:00:00Z");
    String anonymous = mvc.perform(get("/actuator/health")).andExpect(status().isOk())
        .andReturn().getResponse().getContentAsString();
    assertThat(anonymous).isEqualTo("{\"status\":\"UP\"}");
    // a component is not even named to an anonymous caller
    mvc.perform(get("/actuator/health/calendar")).andExpect(status().isNotFound());
    // a wrong password is refused, not answered as if anonymous
    mvc.perform(get("/actuator/health").header(HttpHeaders.AUTHORIZATION,
        TestApi.basic("nobody-" + System.nanoTime(), "wrong"))).andExpect(status().isUnauthorized());
    mvc.perform(get("/actuator/health").header(HttpHeaders.AUTHORIZATION, TestApi.OPERATOR))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.components.calendar.details.provisionalYears", contains(2027)))
        .andExpect(jsonPath("$.components.db.status").value("UP"));
    // and the other endpoints are for operators only
    mvc.perform(get("/actuator/info")).andExpect(status().isUnauthorized());
    mvc.perform(get("/actuator")).andExpect(status().isUnauthorized());
  }

  @Test
  void warnsInTheLogWhenStartedWithAProvisionalYear(CapturedOutput output) {
    nowIs("2026-06-01T03:00:00Z");
    health.warnAboutProvisionalYears();
    assertThat(output.getOut()).contains("WARN").contains("No holiday decree is loaded for [2027]");
  }
}
