package id.sertiflow.operations;

import id.sertiflow.calendar.ServiceClock;
import id.sertiflow.certificate.Stage;
import id.sertiflow.certificate.StagesInProgress.StageCount;
import id.sertiflow.platform.Platform;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The gauges of API.md ("Operations: metrics and reconciliation") and those the alerts need, each
 * read from the shared snapshot in memory ({@link SharedSnapshot}): a scrape costs no query. Each
 * help text says how fresh its value is; {@code sertiflow_metrics_snapshot_age_seconds} says it in
 * numbers. Every node exports the same values: aggregate them with {@code max}, not {@code sum}.
 */
@Component
class SnapshotGauges {

  private final SharedSnapshot snapshot;
  private final ServiceClock clock;
  private final MeterRegistry registry;
  private final String freshness;
  private final Set<String> tasksRegistered = ConcurrentHashMap.newKeySet();

  SnapshotGauges(SharedSnapshot snapshot, ServiceClock clock, MeterRegistry registry,
      @Value("${sertiflow.metrics.snapshot-interval:PT30S}") Duration interval) {
    this.snapshot = snapshot;
    this.clock = clock;
    this.registry = registry;
    this.freshness = " (the cluster's snapshot, taken every " + interval.toSeconds()
        + " s by one node; its age is sertiflow_metrics_snapshot_age_seconds)";
    for (Stage stage : Stage.AWAITED) {
      for (Platform platform : Platform.values()) {
        stageGauge("sertiflow.certificates", "certificates waiting at that stage now", stage,
            platform, StageCount::waiting);
        stageGauge("sertiflow.certificates.overdue", "certificates waiting at that stage past"
            + " their deadline", stage, platform, StageCount::overdue);
        stageGauge("sertiflow.certificates.at.risk", "certificates waiting at that stage with"
            + " three quarters of their time spent, not yet late", stage, platform,
            StageCount::atRisk);
      }
    }
    for (Stage stage : Stage.AWAITED) {
      // not from the snapshot: the SLA itself, so that a dashboard sets a stage's time against it
      Gauge.builder("sertiflow.stage.due.working.days", stage, Stage::workingDays)
          .description("a stage's SLA: working days after the previous stage finished")
          .tag("stage", stage.name())
          .register(registry);
    }
        gauge("sertiflow.inbox.pending.events", null, "platform events stored and not yet applied,"
        + " those waiting by design for the learner or an operator included",
        s -> s.takenAt() == null ? Double.NaN : s.inboxPending());
    gauge("sertiflow.inbox.oldest.pending.age", "seconds", "how long the oldest platform event"
        + " that its certificate could take now has waited in the inbox (0: none waits)",
        s -> s.takenAt() == null ? Double.NaN
            : s.inboxOldestApplicable() == null ? 0 : secondsBetween(s.inboxOldestApplicable(), s.takenAt()));
    gauge("sertiflow.daily.report.last.run.timestamp", "seconds", "when the latest daily report"
        + " run started, Unix time", s -> epochSeconds(s.reportLastRun()));
    gauge("sertiflow.daily.report.last.due.timestamp", "seconds", "the latest minute at which"
        + " sertiflow.reporting.cron ran a report on a working day, Unix time",
        s -> epochSeconds(s.reportLastDue()));
    gauge("sertiflow.calendar.days.until.provisional.year", null, "days until the first day of"
        + " the first year whose holiday decree is not loaded (0: this year is provisional)",
        s -> s.takenAt() == null ? Double.NaN : s.daysUntilProvisionalYear());
    gauge("camunda.incidents.open", null, "the engine's open incidents (Cockpit's list)",
        s -> s.takenAt() == null ? Double.NaN : s.incidentsOpen());
    gauge("camunda.jobs.due", null, "jobs due and not yet run, across the nodes: the job"
        + " executor's backlog", s -> s.takenAt() == null ? Double.NaN : s.jobsDue());
    Gauge.builder("sertiflow.metrics.snapshot.age", this, gauges -> {
          Instant taken = gauges.snapshot.latest().takenAt();
          return taken == null ? Double.NaN : secondsBetween(taken, gauges.clock.now());
        })
        .baseUnit("seconds")
        .description("how old the snapshot the sertiflow_certificates* and sertiflow_escalations_open"
            + " gauges answer from is")
        .register(registry);
    snapshot.onEachSnapshot(this::registerEscalationGauges);
  }

  /**
   * A gauge per task of the certificate process, for the tasks the snapshot names: registered as
   * a snapshot first names them (the tasks are the deployed model's).
   */
  private void registerEscalationGauges(OperationsSnapshot taken) {
    taken.escalationsOpen().keySet().forEach(task -> {
      if (tasksRegistered.add(task)) {
        Gauge.builder("sertiflow.escalations.open", snapshot,
                s -> s.latest().escalationsOpen().getOrDefault(task, 0L))
            .description("open escalation and review tasks of the certificate process, by BPMN"
                + " task id" + freshness)
            .tag("task", task)
            .register(registry);
      }
    });
  }

  private void stageGauge(String name, String description, Stage stage, Platform platform,
      ToDoubleFunction<StageCount> value) {
    Gauge.builder(name, snapshot, s -> s.latest().takenAt() == null ? Double.NaN
            : value.applyAsDouble(s.latest().at(stage, platform)))
        .description(description + freshness)
        .tags("stage", stage.name(), "platform", platform.name())
        .register(registry);
  }

  private void gauge(String name, String unit, String description,
      Function<OperationsSnapshot, Double> value) {
    Gauge.builder(name, snapshot, s -> value.apply(s.latest()))
        .baseUnit(unit)
        .description(description + freshness)
        .register(registry);
  }

  private static double epochSeconds(Instant at) {
    return at == null ? Double.NaN : at.getEpochSecond();
  }

  private static double secondsBetween(Instant from, Instant to) {
    return Math.max(0, Duration.between(from, to).toMillis() / 1000.0);
  }
}
