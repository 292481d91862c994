package id.sertiflow.engine.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.camunda.bpm.engine.impl.JobQueryImpl;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.ProcessEngineLogger;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.ExecuteJobsCmd;
import org.camunda.bpm.engine.impl.cmd.UnlockJobCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.interceptor.ProcessDataContext;
import org.camunda.bpm.engine.impl.jobexecutor.ExecuteJobHelper;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutorContext;
import org.camunda.bpm.engine.impl.jobexecutor.JobFailureCollector;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TimerEntity;
import org.camunda.bpm.engine.impl.util.ClassLoaderUtil;
import org.camunda.bpm.engine.management.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One batch of acquired jobs, run on a job executor thread: the due timers of the batch's
 * certificates fired together in one transaction, then whatever is left one job per transaction as
 * Camunda runs every job ({@code ExecuteJobsRunnable}).
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
final class TimerChunk implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(TimerChunk.class);

  private final List<String> jobIds;
  private final ProcessEngineConfigurationImpl engine;
  private final JobExecutor executor;
  private final Counts outcomes;

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
    this.jobIds = List.copyOf(jobIds);
    this.engine = engine.getProcessEngineConfiguration();
    this.executor = executor;
    this.outcomes = outcomes;
  }

  @Override
  public void run() {
    CommandExecutor commands = engine.getCommandExecutorTxRequired();
    // as Camunda's runnable: the engine's commands know they run for the job executor (no user
    // operation log, a new exclusive job of the same certificate run by this thread next)
    JobExecutorContext context = new JobExecutorContext();
    List<String> queue = context.getCurrentProcessorJobQueue();
    Context.setJobExecutorContext(context);
    ClassLoader before = ClassLoaderUtil.switchToProcessEngineClassloader();
    try {
      queue.addAll(jobIds.size() > 1 && executor.isActive() ? fireTogether(commands) : jobIds);
      while (!queue.isEmpty()) {
        runAlone(queue.remove(0), commands);
      }
      executor.jobWasAdded();
    } finally {
      Context.removeJobExecutorContext();
      ClassLoaderUtil.setContextClassloader(before);
    }
  }

  /**
   * Fires the batch's timers in one command and returns the jobs still to run: those that are not
   * timers, or the whole batch if the command failed.
   */
  private List<String> fireTogether(CommandExecutor commands) {
    List<String> notTimers = new ArrayList<>();
    int fired;
    try {
      fired = commands.execute(command -> {
        DbEntityManager entities = command.getDbEntityManager();
        // one read of the batch's jobs: each job's own read below is then answered from the cache
        JobQueryImpl batch = new JobQueryImpl();
        batch.jobIds(new HashSet<>(jobIds));
        command.getJobManager().findJobsByQueryCriteria(batch, null);
        int count = 0;
        for (String id : jobIds) {
          JobEntity job = entities.selectById(JobEntity.class, id);
          if (job == null || entities.getDbEntityCache().isDeleted(job)) {
            continue; // gone since it was acquired (its stage ended): Camunda skips it too
          }
          if (!(job instanceof TimerEntity) || job.getProcessInstanceId() == null) {
            notTimers.add(id);
            continue;
          }
          new ExecuteJobsCmd(id, new JobFailureCollector(id)).execute(command);
          count++;
        }
        return count;
      });
    } catch (RuntimeException e) {
      log.debug("A chunk of {} jobs was rolled back ({}); running them one by one", jobIds.size(),
          e.toString());
      outcomes.oneByOne().increment();
      return jobIds;
    }
    if (fired > 0) {
      if (engine.isMetricsEnabled()) {
        engine.getMetricsRegistry().markOccurrence(Metrics.JOB_SUCCESSFUL, fired);
      }
      outcomes.together().increment();
    }
    return notTimers;
  }

  /** One job in a transaction of its own, exactly as Camunda's job executor runs it. */
  private void runAlone(String id, CommandExecutor commands) {
    if (!executor.isActive()) {
      // shutting down: another node takes it at once rather than when the lock expires
      try {
        commands.execute(new UnlockJobCmd(id));
      } catch (RuntimeException e) {
        log.warn("Could not unlock job {} on shutdown: {}", id, e.toString());
      }
      return;
    }
    JobFailureCollector failure = new JobFailureCollector(id);
    try {
      ExecuteJobHelper.executeJob(id, commands, failure, new ExecuteJobsCmd(id, failure), engine);
    } catch (Throwable t) {
      if (ProcessEngineLogger.shouldLogJobException(engine, failure.getJob())) {
        ExecuteJobHelper.LOGGING_HANDLER.exceptionWhileExecutingJob(id, t);
      }
    } finally {
      new ProcessDataContext(engine).clearMdc();
    }
  }
}
