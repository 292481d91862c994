package id.sertiflow.engine.internal;

import static id.sertiflow.TestApi.wib;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import id.sertiflow.EngineClock;
import id.sertiflow.SertiflowTest;
import id.sertiflow.TestApi;
import id.sertiflow.certificate.Stage;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.AcquiredJobs;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A mass breach: many certificates' deadlines pass at once, and the job executor opens their
 * chase tasks a chunk at a time, each chunk in one transaction; a timer that fails does not hold
 * the others back and is retried as Camunda retries any job. Looking further ahead for its chunk,
 * the acquisition still locks no more jobs that run alone than Camunda asked for.
 *
 * <p>The job executor is the service's own ({@link ChunkingJobExecutor}), started without an
 * engine to acquire for: the test acquires with its command and hands the batches over, and the
 * batches run on the test's thread, so that the engine's clock and the shared database are
 * the test's alone.
 */
@SertiflowTest
class TimerChunksTests {

  // Friday afternoon: the report to the platform was due Monday 2026-11-30 at 15:30
  static final OffsetDateTime COMPLETED = wib("2026-11-27T15:30:00");
  static final OffsetDateTime NOW = wib("2026-12-09T10:00:00");
  static final Stage STAGE = Stage.REPORTED_TO_PLATFORM;
  /** A chunk as large as the shared test database's due jobs, whoever's they are. */
  static final int EVERYTHING_DUE = 1_000_000;

  @RegisterExtension final EngineClock clock = EngineClock.at(NOW);

  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired ProcessEngine processEngine;
  @Autowired ProcessEngineConfigurationImpl engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired MeterRegistry meters;
  @Autowired RepositoryService repository;
  @Autowired JdbcTemplate jdbc;

  TestApi api;
  ChunkingJobExecutor executor;

  @BeforeEach
  void setUp() {
    api = new TestApi(mvc, json);
    executor = new ChunkingJobExecutor(EVERYTHING_DUE, TimerChunk.Counts.in(meters));
    // the batches it is handed run at once on the caller's thread; its acquisition loop has no
    // engine registered and acquires nothing
    executor.setTaskExecutor(work -> {
      if (work instanceof TimerChunk) {
        work.run();
      }
    });
    executor.start();
  }

  @AfterEach
  void stop() {
    executor.shutdown();
  }

  @Test
  void aMassBreachOpensItsChaseTasksInOneTransactionPerAcquisition() throws Exception {
    List<String> codes = breached(12);
    Set<String> deadlines = new HashSet<>(deadlinesOf(codes));
    double together = chunks("together");
    double oneByOne = chunks("one_by_one");

    AcquiredJobs acquired = engine.getCommandExecutorTxRequired()
        .execute(executor.getAcquireJobsCmdFactory().getCommand(EVERYTHING_DUE));
    // the shared test database holds other tests' due timers: they are given back untouched
    List<String> others = new ArrayList<>();
    acquired.getJobIdBatches().forEach(others::addAll);
    others.removeAll(deadlines);
    unlock(others);

    // the twelve certificates' deadlines are one batch, although each is a process of its own
    List<String> batch = acquired.getJobIdBatches().stream()
        .filter(b -> b.contains(deadlines.iterator().next())).findFirst().orElseThrow();
    assertThat(batch).containsAll(deadlines);
    batch.retainAll(deadlines);
    executor.executeJobs(batch, (ProcessEngineImpl) processEngine);

    for (String code : codes) {
      List<Task> chase = tasks.createTaskQuery().processInstanceBusinessKey(code).list();
      assertThat(chase).as(code).singleElement()
          .satisfies(task -> assertThat(task.getTaskDefinitionKey())
              .isEqualTo(STAGE.waiting().escalationTask()));
      assertThat(tasks.getIdentityLinksForTask(chase.get(0).getId()))
          .anySatisfy(link -> assertThat(link.getGroupId()).isEqualTo("operations"));
      assertThat(dueTimers(code)).as("the deadline fired once").isEmpty();
    }
    // what operators see in sertiflow_timer_chunks_total
    assertThat(chunks("together") - together).isEqualTo(1);
    assertThat(chunks("one_by_one") - oneByOne).isZero();
  }

  @Test
  void aTimerThatFailsInAChunkLeavesTheOthersToFireAndIsRetriedAlone() throws Exception {
    List<String> codes = breached(3);
    List<String> deadlines = deadlinesOf(codes);
    // the middle certificate's chase task cannot be given its due date: its timer throws
    String broken = codes.get(1);
    String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(broken)
        .singleResult().getId();
    VariableInstance deadline = runtime.createVariableInstanceQuery().processInstanceIdIn(instance)
        .variableName(STAGE.waiting().dueAtVariable()).singleResult();
    runtime.removeVariableLocal(deadline.getExecutionId(), deadline.getName());
    int retriesBefore = dueTimer(broken).getRetries();
    double together = chunks("together");
    double oneByOne = chunks("one_by_one");

    executor.executeJobs(new ArrayList<>(deadlines), (ProcessEngineImpl) processEngine);

    for (String code : List.of(codes.get(0), codes.get(2))) {
      assertThat(tasks.createTaskQuery().processInstanceBusinessKey(code).list()).as(code)
          .singleElement().satisfies(task -> assertThat(task.getTaskDefinitionKey())
              .isEqualTo(STAGE.waiting().escalationTask()));
    }
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(broken).list()).isEmpty();
    Job failed = management.createJobQuery().jobId(deadlines.get(1)).singleResult();
    assertThat(failed.getRetries()).isEqualTo(retriesBefore - 1);
    assertThat(failed.getExceptionMessage()).contains(STAGE.waiting().dueAtVariable());
    assertThat(chunks("one_by_one") - oneByOne).isEqualTo(1);
    assertThat(chunks("together") - together).isZero();
  }

  @Test
  void jobsThatRunAloneAreLockedNoMoreThanCamundaAskedFor() {
    // three calls to another system, not exclusive, as the daily report's chunks are
    String deployment = repository.createDeployment().name("TimerChunksTests")
        .addModelInstance("calls.bpmn", Bpmn.createExecutableProcess("TimerChunksTestsCalls")
            .startEvent().serviceTask().camundaAsyncBefore().camundaExclusive(false)
            .camundaExpression("${true}").endEvent().done())
        .deploy().getId();
    try {
      Set<String> calls = new HashSet<>();
      for (int i = 0; i < 3; i++) {
        String instance = runtime.startProcessInstanceByKey("TimerChunksTestsCalls").getId();
        calls.add(management.createJobQuery().processInstanceId(instance).singleResult().getId());
      }

      // Camunda's acquisition asks for one job; this one looks at every due job for its chunk
      AcquiredJobs acquired = engine.getCommandExecutorTxRequired()
          .execute(executor.getAcquireJobsCmdFactory().getCommand(1));
      List<String> all = new ArrayList<>();
      acquired.getJobIdBatches().forEach(all::addAll);
      try {
        assertThat(acquired.getJobIdBatches().stream().filter(this::runsAlone))
            .as("one batch that runs alone, beside the chunk").hasSizeLessThanOrEqualTo(1);
        Set<String> taken = new HashSet<>(calls);
        taken.retainAll(all);
        assertThat(taken).hasSizeLessThanOrEqualTo(1);
        for (String call : calls) {
          assertThat(lockOwner(call)).as("left for another node unless taken")
              .isEqualTo(taken.contains(call) ? executor.getLockOwner() : null);
        }
      } finally {
        unlock(all);
      }
    } finally {
      repository.deleteDeployment(deployment, true);
    }
  }

  private boolean runsAlone(List<String> batch) {
    return batch.stream().anyMatch(id -> jdbc.queryForObject(
        "select count(*) from ACT_RU_JOB where ID_ = ? and EXCLUSIVE_ and PROCESS_INSTANCE_ID_ is not null",
        Integer.class, id) == 0);
  }

  private String lockOwner(String job) {
    return jdbc.queryForObject("select LOCK_OWNER_ from ACT_RU_JOB where ID_ = ?", String.class, job);
  }

  /** Certificates completed at {@link #COMPLETED}: their report to the platform is overdue. */
  private List<String> breached(int count) throws Exception {
    List<String> codes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String code = TestApi.newRedemptionCode();
      api.complete(api.completion(code, COMPLETED));
      codes.add(code);
    }
    return codes;
  }

  private List<String> deadlinesOf(List<String> codes) {
    return codes.stream().map(code -> dueTimer(code).getId()).toList();
  }

  private Job dueTimer(String code) {
    List<Job> due = dueTimers(code);
    assertThat(due).as(code).hasSize(1);
    return due.get(0);
  }

  private List<Job> dueTimers(String code) {
    String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(code)
        .singleResult().getId();
    return management.createJobQuery().processInstanceId(instance).timers().executable().list();
  }

  private void unlock(List<String> jobs) {
    engine.getCommandExecutorTxRequired().execute(command -> {
      for (String id : jobs) {
        JobEntity job = command.getJobManager().findJobById(id);
        if (job != null) {
          job.unlock();
        }
      }
      return null;
    });
  }

  private double chunks(String outcome) {
    return meters.get("sertiflow.timer.chunks").tag("outcome", outcome).counter().count();
  }
}
