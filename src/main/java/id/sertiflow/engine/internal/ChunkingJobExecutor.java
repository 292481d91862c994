package id.sertiflow.engine.internal;

import java.util.List;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.spring.components.jobexecutor.SpringJobExecutor;

/**
 * Camunda's Spring job executor, acquiring the due exclusive jobs of different certificates as one
 * batch of up to {@code sertiflow.jobs.timer-chunk-size} ({@link AcquireInChunks}) and firing a
 * batch's timers in one transaction ({@link TimerChunk}). Its other settings are Camunda's
 * ({@code camunda.bpm.job-execution.*}).
 */
final class ChunkingJobExecutor extends SpringJobExecutor {

  private final int chunkSize;
  private final TimerChunk.Counts outcomes;

  ChunkingJobExecutor(int chunkSize, TimerChunk.Counts outcomes) {
    this.chunkSize = chunkSize;
    this.outcomes = outcomes;
  }

  @Override
  protected void ensureInitialization() {
    // on every start: Camunda forgets the acquisition's factory when the executor shuts down
    acquireJobsCmdFactory = jobs -> new AcquireInChunks(this, jobs, chunkSize);
    super.ensureInitialization();
  }

  @Override
  public Runnable getExecuteJobsRunnable(List<String> jobIds, ProcessEngineImpl engine) {
    return new TimerChunk(jobIds, engine, this, outcomes);
  }
}
