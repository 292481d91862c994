package id.sertiflow.engine.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.metrics.MetricsRegistry;
import org.camunda.bpm.engine.management.Metrics;
import org.springframework.stereotype.Component;

/**
 * The engine's own counts of the job executor's work (Camunda's built-in metrics: acquisition
 * cycles, jobs acquired, run, failed and rejected for want of a thread, process instances started)
 * as Prometheus counters of this node, counted as the engine counts them.
 *
 * <p>Why here: Camunda keeps these counts in its internal {@link MetricsRegistry} and writes them
 * to {@code ACT_RU_METER_LOG} every 15 minutes, clearing them as it does; its public metrics query
 * reads only that table, so it lags by up to 15 minutes and adds the nodes up. The registry is
 * swapped, before the engine is built, for one that also counts into Micrometer; the table goes
 * on receiving what it always did.
 */
@Component
class JobExecutorMeters extends AbstractProcessEnginePlugin {

  /** Camunda's metric, and the Prometheus counter (name, then label pairs) it is counted in. */
  static final Map<String, String[]> EXPORTED = Map.of(
      Metrics.JOB_ACQUISITION_ATTEMPT, new String[] {"camunda.job.acquisitions"},
      Metrics.JOB_ACQUIRED_SUCCESS, new String[] {"camunda.jobs.acquired", "outcome", "success"},
      Metrics.JOB_ACQUIRED_FAILURE, new String[] {"camunda.jobs.acquired", "outcome", "failure"},
      Metrics.JOB_SUCCESSFUL, new String[] {"camunda.jobs.executed", "outcome", "success"},
      Metrics.JOB_FAILED, new String[] {"camunda.jobs.executed", "outcome", "failure"},
      Metrics.JOB_EXECUTION_REJECTED, new String[] {"camunda.jobs.rejected"},
      Metrics.JOB_LOCKED_EXCLUSIVE, new String[] {"camunda.jobs.locked.exclusive"},
      Metrics.ROOT_PROCESS_INSTANCE_START, new String[] {"camunda.process.instances.started"});

  private static final Map<String, String> HELP = Map.of(
      "camunda.job.acquisitions", "the job executor's acquisition cycles on this node",
      "camunda.jobs.acquired", "jobs the job executor tried to lock (failure: another node had them)",
      "camunda.jobs.executed", "jobs run (failure: the job threw and was rescheduled by its retry cycle)",
      "camunda.jobs.rejected", "jobs acquired but not run for want of a free thread",
      "camunda.jobs.locked.exclusive", "exclusive jobs of an instance run at once after the one before",
      "camunda.process.instances.started", "process instances started (certificates, report runs)");

  private final MeterRegistry meters;

  JobExecutorMeters(MeterRegistry meters) {
    this.meters = meters;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    Map<String, Counter> counters = new java.util.HashMap<>();
    EXPORTED.forEach((metric, meter) -> counters.put(metric, Counter.builder(meter[0])
        .description(HELP.get(meter[0]))
        .tags(java.util.Arrays.copyOfRange(meter, 1, meter.length))
        .register(meters)));
    configuration.setMetricsRegistry(new CountedToo(counters));
  }

  /** Camunda's registry, and each count of an exported metric also in its counter. */
  private static final class CountedToo extends MetricsRegistry {
    private final Map<String, Counter> counters;

    CountedToo(Map<String, Counter> counters) {
      this.counters = Map.copyOf(counters);
    }

    @Override
    public void markOccurrence(String name, long times) {
      super.markOccurrence(name, times);
      Counter counter = counters.get(name);
      if (counter != null) {
        counter.increment(times);
      }
    }
  }
}
