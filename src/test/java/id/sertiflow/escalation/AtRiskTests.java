package id.sertiflow.escalation;

import static id.sertiflow.TestApi.wib;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.sertiflow.EngineClock;
import id.sertiflow.SertiflowTest;
import id.sertiflow.TestApi;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A stage with three quarters of its working time spent is marked at risk, before any breach:
 * time counts on working days only, as its deadline does.
 */
@SertiflowTest
class AtRiskTests {

  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;

  @RegisterExtension final EngineClock clock = EngineClock.realTime();

  @Test
  void marksTheReportAtRiskAtSeventyFivePercentAndNotBefore() throws Exception {
    TestApi api = new TestApi(mvc, json);
    String code = TestApi.newRedemptionCode();
    // Friday 15:30 to Monday 15:30 is one working day: Friday's last 8.5 hours and Monday's first
    // 15.5. Three quarters of it (18 hours) are spent on Monday at 09:30, not over the weekend
    clock.set(wib("2026-11-27T15:31:00"));
    String id = api.complete(api.completion(code, wib("2026-11-27T15:30:00"))).get("certificateId").asText();

    clock.set(wib("2026-11-29T21:30:00"));
    assertThat(api.status(id).at("/stages/1/atRisk").asBoolean())
        .as("on Sunday night, before a working day has begun").isFalse();
    clock.set(wib("2026-11-30T09:29:59"));
    assertThat(api.status(id).at("/stages/1/atRisk").asBoolean()).isFalse();
    assertThat(atRiskCodes()).doesNotContain(code);

    clock.set(wib("2026-11-30T09:30:00"));
    JsonNode atRisk = api.status(id);
    assertThat(atRisk.at("/stages/1/atRisk").asBoolean()).isTrue();
    assertThat(atRisk.at("/stages/1/late").asBoolean()).isFalse();
    assertThat(atRiskCodes()).contains(code);

    clock.set(wib("2026-11-30T15:30:01"));
    JsonNode late = api.status(id);
    assertThat(late.at("/stages/1/late").asBoolean()).isTrue();
    assertThat(late.at("/stages/1/atRisk").asBoolean()).isFalse();
    assertThat(atRiskCodes()).doesNotContain(code);
  }

  private List<String> atRiskCodes() throws Exception {
    // the largest page: the shared test database holds other tests' certificates too
    var response = mvc.perform(get("/api/v1/escalations").param("status", "at-risk")
        .param("maxResults", "1000").header("Authorization", TestApi.OPERATOR))
        .andReturn().getResponse();
    assertThat(response.getStatus()).isEqualTo(200);
    List<String> codes = new ArrayList<>();
    for (JsonNode entry : json.readTree(response.getContentAsByteArray())) {
      assertThat(entry.get("stage").asText()).isNotBlank();
      codes.add(entry.get("redemptionCode").asText());
    }
    return codes;
  }

}
