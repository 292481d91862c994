package id.sertiflow.engine.internal;

import static id.sertiflow.TestApi.wib;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import id.sertiflow.EngineClock;
import id.sertiflow.SertiflowTest;
import id.sertiflow.TestApi;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * What Camunda's history keeps of a certificate under the "operator" level: what operators look up
 * (the instance, escalation tasks, how it ended), none of the steps the read model already records.
 */
@SertiflowTest
class OperatorHistoryTests {

  static final OffsetDateTime COMPLETED = wib("2026-11-27T15:30:00");

  @RegisterExtension final EngineClock clock = EngineClock.realTime();

  @Autowired ProcessEngine engine;
  @Autowired HistoryService history;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;

  @Test
  void theEngineRunsAtTheOperatorLevel() {
    assertThat(engine.getProcessEngineConfiguration().getHistory())
        .isEqualTo(OperatorHistoryLevel.NAME);
    assertThat(management.getHistoryLevel()).isEqualTo(OperatorHistoryLevel.ID);
  }

  @Test
  void keepsTheInstanceItsEscalationAndHowItEndedAndNothingElse() throws Exception {
    TestApi api = new TestApi(mvc, json);
    String code = TestApi.newRedemptionCode();
    clock.set(COMPLETED.plusMinutes(1));
    api.complete(api.completion(code, COMPLETED));
    String instanceId = runtime.createProcessInstanceQuery().processInstanceBusinessKey(code)
        .singleResult().getId();

    // the report to the platform is overdue on Monday 15:30: an escalation task opens
    clock.set(wib("2026-11-30T15:31:00"));
    for (Job due : management.createJobQuery().processInstanceId(instanceId).executable().list()) {
      management.executeJob(due.getId());
    }
    clock.set(wib("2026-12-04T10:05:00"));
    api.platformSays("PMO_VERIFIED", code, wib("2026-12-04T10:00:00"));

    HistoricProcessInstance ended = history.createHistoricProcessInstanceQuery()
        .processInstanceId(instanceId).singleResult();
    assertThat(ended.getState()).isEqualTo(HistoricProcessInstance.STATE_COMPLETED);
    assertThat(ended.getEndActivityId()).isEqualTo("EndEvent_CertificateVerified");
    // its removal time was written with it, at the start: nothing is rewritten at the end
    assertThat(Duration.between(ended.getStartTime().toInstant(), ended.getRemovalTime().toInstant()))
        .isEqualTo(Duration.ofDays(180));

    assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(instanceId).list())
        .extracting(t -> t.getTaskDefinitionKey())
        .containsExactly("Task_ChaseOverduePlatformReport");
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instanceId).list())
        .extracting(HistoricActivityInstance::getActivityId)
        .containsExactlyInAnyOrder("Task_ChaseOverduePlatformReport", "EndEvent_CertificateVerified");
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instanceId).count())
        .isZero();
  }
}
