package id.sertiflow.engine.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.impl.JobQueryImpl;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.ExecuteJobsCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.ExecuteJobsRunnable;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.JobFailureCollector;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TimerEntity;
import org.camunda.bpm.engine.management.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One batch of acquired jobs, run on a job executor thread by Camunda's own runnable, with the
 * due timers of the batch's certificates fired together in one transaction first; whatever is
 * left runs one job per transaction as Camunda runs every job.
 *
 * <p>If the chunk's transaction fails (one timer threw, or another node changed one of the
 * certificates meanwhile), it is rolled back whole and every job of the batch is run again one by
 * one, each with Camunda's own failure handling: its retries counted down, its exception stored,
 * an incident when none are left. Nothing a timer does leaves the transaction (the learner's news
 * is written to the outbox in it), so a rolled-back chunk sends nothing twice.
 *
 * <p>Only timers of running process instances go into the chunk: a deadline or a follow-up opens an
 * operator's task and writes in the database only. Any other job of the batch (the daily report's
 * step that collects the due reports, exclusive in its own process instance) runs alone after it,
 * as it may take long or call another system.
 */
final class TimerChunk extends ExecuteJobsRunnable {

  private static final Logger log = LoggerFactory.getLogger(TimerChunk.class);

  private final Counts outcomes;
  private boolean chunkTried;

  /**
   * {@code sertiflow_timer_chunks_total{outcome}}: chunks fired {@code together} in one
   * transaction, or rolled back and run {@code one_by_one}. A rising share of the second is a node
   * doing its timers' work twice, or timers that fail.
   */
  record Counts(Counter together, Counter oneByOne) {

    static Counts in(MeterRegistry meters) {
      return new Counts(counter(meters, "together"), counter(meters, "one_by_one"));
    }

    private static Counter counter(MeterRegistry meters, String outcome) {
      return Counter.builder("sertiflow.timer.chunks")
          .description("chunks of due timers the job executor fired, together in one transaction"
              + " or one by one")
          .tag("outcome", outcome).register(meters);
    }
  }

  TimerChunk(List<String> jobIds, ProcessEngineImpl engine, JobExecutor executor, Counts outcomes) {
    super(jobIds, engine);
    // the executor that acquired the batch, whose state decides between running and unlocking
    // (Camunda's runnable takes the engine's; a test hands batches to one of its own)
    this.jobExecutor = executor;
    this.outcomes = outcomes;
  }

  /**
   * Camunda's runnable calls this for each job of the batch in turn, each then a transaction of its
   * own. The first call fires the whole batch's timers together instead; what that leaves (jobs
   * that are not timers, or every job if the chunk was rolled back) goes on one by one, as Camunda
   * runs any job.
   */
  @Override
  protected void executeJob(String id, CommandExecutor commands, JobFailureCollector failure) {
    if (!chunkTried && jobIds.size() > 1) {
      chunkTried = true;
      List<String> rest = Context.getJobExecutorContext().getCurrentProcessorJobQueue();
      List<String> batch = new ArrayList<>(rest);
      batch.add(0, id);
      Optional<Set<String>> settled = fireTogether(batch, commands);
      if (settled.isPresent()) {
        rest.removeAll(settled.get());
        if (settled.get().contains(id)) {
          return;
        }
      }
    }
    super.executeJob(id, commands, failure);
  }

  /**
   * Fires the batch's timers in one command. Returns the jobs it settled (fired, or gone since they
   * were acquired), or nothing if the command was rolled back.
   */
  private Optional<Set<String>> fireTogether(List<String> batch, CommandExecutor commands) {
    Set<String> settled = new HashSet<>();
    int fired;
    try {
      fired = commands.execute(command -> {
        DbEntityManager entities = command.getDbEntityManager();
        // one read of the batch's jobs: each job's own read below is then answered from the cache
        JobQueryImpl jobs = new JobQueryImpl();
        jobs.jobIds(new HashSet<>(batch));
        command.getJobManager().findJobsByQueryCriteria(jobs, null);
        int count = 0;
        for (String id : batch) {
          JobEntity job = entities.selectById(JobEntity.class, id);
          if (job == null || entities.getDbEntityCache().isDeleted(job)) {
            settled.add(id); // gone since it was acquired (its stage ended): Camunda skips it too
          } else if (job instanceof TimerEntity && job.getProcessInstanceId() != null) {
            new ExecuteJobsCmd(id, new JobFailureCollector(id)).execute(command);
            settled.add(id);
            count++;
          }
        }
        return count;
      });
    } catch (RuntimeException e) {
      log.debug("A chunk of {} jobs was rolled back ({}); running them one by one", batch.size(),
          e.toString());
      outcomes.oneByOne().increment();
      return Optional.empty();
    }
    if (fired > 0) {
      ProcessEngineConfigurationImpl engine = processEngine.getProcessEngineConfiguration();
      if (engine.isMetricsEnabled()) {
        // what Camunda's listener counts after each job it runs
        engine.getMetricsRegistry().markOccurrence(Metrics.JOB_SUCCESSFUL, fired);
      }
      outcomes.together().increment();
    }
    return Optional.of(settled);
  }
}
