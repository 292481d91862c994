package id.sertiflow.engine.internal;

import io.micrometer.core.instrument.MeterRegistry;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.spring.boot.starter.configuration.impl.DefaultJobConfiguration;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskExecutor;

/**
 * The job executor fires the due timers of many certificates in one transaction
 * ({@link ChunkingJobExecutor}), not one transaction per timer as Camunda does.
 *
 * <p>Why: when a platform stops reporting, every certificate it holds misses its deadline within
 * the same minutes, and each deadline is a timer that opens an operator's task. One transaction
 * per timer pays the job's own read and lock, a commit, and a flush of a dozen rows each in a
 * statement of its own; a chunk pays them once, its rows written in one JDBC batch per table, as
 * intake's and the callbacks' chunks do. A mass breach of 20,000 on 2 cores: 442 and 436
 * escalations a second in chunks of 100, against 195 a timer at a time (docs/benchmarks.md, "Due
 * timers fired in chunks").
 *
 * <p>{@code sertiflow.jobs.timer-chunk-size: 1} leaves Camunda's own job executor in place (the
 * {@code camunda-defaults} profile does so). In {@code engine}: the acquisition and the running of
 * jobs are Camunda's internal types, replaced here by subclasses that change only the batching.
 */
@Configuration(proxyBeanMethods = false)
class TimerChunks {

  /**
   * Replaces the starter's job executor (which it makes only when there is none), with the
   * starter's own reading of {@code camunda.bpm.job-execution.*} copied onto it.
   */
  @Bean
  @ConditionalOnExpression("${camunda.bpm.job-execution.enabled:true}"
      + " and ${sertiflow.jobs.timer-chunk-size:100} > 1")
  static JobExecutor jobExecutor(@Value("${sertiflow.jobs.timer-chunk-size:100}") int chunkSize,
      @Qualifier(DefaultJobConfiguration.JobConfiguration.CAMUNDA_TASK_EXECUTOR_QUALIFIER) TaskExecutor threads,
      CamundaBpmProperties properties, MeterRegistry meters) {
    JobExecutor camundas = DefaultJobConfiguration.JobConfiguration.jobExecutor(threads, properties);
    ChunkingJobExecutor chunking = new ChunkingJobExecutor(chunkSize, TimerChunk.Counts.in(meters));
    BeanUtils.copyProperties(camundas, chunking, "processEngines");
    return chunking;
  }
}
