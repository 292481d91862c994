package id.sertiflow.operations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.sertiflow.calendar.ServiceClock;
import id.sertiflow.calendar.WorkingDayCalendar;
import id.sertiflow.callback.InboxBacklog;
import id.sertiflow.certificate.CertificateProcess;
import id.sertiflow.certificate.StagesInProgress;
import id.sertiflow.reporting.ReportingSchedule;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The gauges' snapshot, shared by the nodes: one node per period computes it (a ShedLock schedule,
 * engine.SharedSchedules) with one grouped query over the read model and a few counts of the
 * engine's, and stores it in {@code metrics_snapshot}; every node reads that one row into memory
 * a little more often, and its scrapes answer from memory. A scrape never queries the database,
 * and two nodes never compute the same period twice.
 */
@Component
class SharedSnapshot {

  private static final Logger log = LoggerFactory.getLogger(SharedSnapshot.class);

  /** The row of {@code metrics_snapshot}: there is one. */
  private static final int ROW = 1;

  private final StagesInProgress stages;
  private final TaskService tasks;
  private final RuntimeService runtime;
  private final ManagementService management;
  private final RepositoryService repository;
  private final InboxBacklog inbox;
  private final ReportingSchedule reporting;
  private final WorkingDayCalendar calendar;
  private final ServiceClock clock;
  private final JdbcTemplate jdbc;
  private final ObjectMapper json;

  private volatile OperationsSnapshot latest = OperationsSnapshot.NONE;
  private final List<Consumer<OperationsSnapshot>> listeners = new CopyOnWriteArrayList<>();

  SharedSnapshot(StagesInProgress stages, TaskService tasks, RuntimeService runtime,
      ManagementService management, RepositoryService repository, InboxBacklog inbox,
      ReportingSchedule reporting, WorkingDayCalendar calendar, ServiceClock clock,
      JdbcTemplate jdbc, ObjectMapper json) {
    this.stages = stages;
    this.tasks = tasks;
    this.runtime = runtime;
    this.management = management;
    this.repository = repository;
    this.inbox = inbox;
    this.reporting = reporting;
    this.calendar = calendar;
    this.clock = clock;
    this.jdbc = jdbc;
    this.json = json;
  }

  /** The snapshot this node's scrapes answer from. */
  OperationsSnapshot latest() {
    return latest;
  }

  /** {@code listener} is told of each snapshot this node takes or reads, as it answers from it. */
  void onEachSnapshot(Consumer<OperationsSnapshot> listener) {
    listeners.add(listener);
  }

  private void answerFrom(OperationsSnapshot snapshot) {
    latest = snapshot;
    listeners.forEach(listener -> listener.accept(snapshot));
  }

  /**
   * On one node per period: computes the snapshot and stores it for all. The lock is held at
   * least most of a period, so that the other node's schedule, a moment later, finds it taken.
   */
  @Scheduled(fixedDelayString = "${sertiflow.metrics.snapshot-interval:PT30S}",
      initialDelayString = "${sertiflow.metrics.snapshot-delay:PT5S}")
  @SchedulerLock(name = "metrics-snapshot", lockAtLeastFor = "PT20S", lockAtMostFor = "PT5M")
  public void onSchedule() {
    takeAndShare();
  }

  /** On every node, between two snapshots: what the last one found. */
  @Scheduled(fixedDelayString = "${sertiflow.metrics.reload-interval:PT10S}",
      initialDelayString = "${sertiflow.metrics.reload-interval:PT10S}")
  public void reloadOnSchedule() {
    reload();
  }

  /** Computes the snapshot now, stores it for every node and answers from it here. */
  OperationsSnapshot takeAndShare() {
    OperationsSnapshot taken = take(clock.now());
    String body;
    try {
      body = json.writeValueAsString(taken);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("The metrics snapshot could not be written", e);
    }
    Timestamp at = Timestamp.from(taken.takenAt());
    if (jdbc.update("update metrics_snapshot set taken_at = ?, body = ? where id = ?", at, body,
        ROW) == 0) {
      try {
        jdbc.update("insert into metrics_snapshot (id, taken_at, body) values (?, ?, ?)", ROW, at,
            body);
      } catch (DuplicateKeyException raced) {
        // another node stored its first one at the same moment: either serves
      }
    }
    answerFrom(taken);
    return taken;
  }

  /** Reads the stored snapshot; keeps the one in memory when there is none yet or it is unreadable. */
  void reload() {
    List<String> bodies = jdbc.queryForList("select body from metrics_snapshot where id = ?",
        String.class, ROW);
    if (bodies.isEmpty()) {
      return;
    }
    try {
      answerFrom(json.readValue(bodies.get(0), OperationsSnapshot.class));
    } catch (JsonProcessingException e) {
      // a node of another version wrote it; the next snapshot is this version's or the other's
      log.warn("The stored metrics snapshot could not be read: {}", e.getOriginalMessage());
    }
  }

  private OperationsSnapshot take(Instant now) {
    InboxBacklog.Backlog backlog = inbox.at(now);
    return new OperationsSnapshot(now, stages.counts(now, null), escalationsOpen(),
        runtime.createIncidentQuery().count(),
        management.createJobQuery().executable().count(),
        backlog.pending(), backlog.oldestApplicableReceivedAt(),
        reporting.lastRunStartedAt().orElse(null),
        reporting.lastDueAtOrBefore(now).orElse(null),
        daysUntilProvisionalYear(now));
  }

  /** Every user task of the certificate process, with how many are open (a count each). */
  private Map<String, Long> escalationsOpen() {
    Map<String, Long> open = new LinkedHashMap<>();
    ProcessDefinition latest = repository.createProcessDefinitionQuery()
        .processDefinitionKey(CertificateProcess.KEY).latestVersion().singleResult();
    if (latest == null) {
      return open;
    }
    repository.getBpmnModelInstance(latest.getId()).getModelElementsByType(UserTask.class).stream()
        .map(UserTask::getId).sorted()
        .forEach(task -> open.put(task, tasks.createTaskQuery()
            .processDefinitionKey(CertificateProcess.KEY).taskDefinitionKey(task).count()));
    return open;
  }

  private long daysUntilProvisionalYear(Instant now) {
    LocalDate today = now.atZone(WorkingDayCalendar.JAKARTA).toLocalDate();
    int year = today.getYear();
    while (!calendar.isProvisional(year) && year < today.getYear() + 2) {
      year++;
    }
    return Math.max(0, ChronoUnit.DAYS.between(today, LocalDate.of(year, 1, 1)));
  }
}
