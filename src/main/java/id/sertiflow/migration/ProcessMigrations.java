package id.sertiflow.migration;

import id.sertiflow.api.ApiProblem;
import id.sertiflow.certificate.CertificateProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.batch.BatchStatistics;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanBuilder;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstanceQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Moves the running certificates of one version of {@code certificate-reporting} to another (the
 * latest by default) as one Camunda batch: the plan maps each activity to the one of the same id,
 * adds the explicit instructions of the {@link VersionStep}s between the two versions' tags, and is
 * validated before anything moves. Each batch job migrates one instance in its own transaction; one
 * that fails is retried and then left as an incident on the batch (Cockpit, Batches), its instance
 * untouched on the old version. One migration runs at a time; starting again migrates only what is
 * still on the old version, so a second run after a failure is safe.
 */
@Component
public class ProcessMigrations {

  private static final Logger log = LoggerFactory.getLogger(ProcessMigrations.class);
  /** What a model without {@code camunda:versionTag} is. */
  static final String FIRST_VERSION = "1";
  /** Failures listed with a batch's progress; Cockpit has them all. */
  static final int FAILURES_LISTED = 100;
  /**
   * Versions and batches listed at most: within Camunda's query-max-results-limit, which holds for
   * an operator's query.
   */
  static final int LISTED = 1000;

  private final RuntimeService runtime;
  private final RepositoryService repository;
  private final ManagementService management;
  private final List<VersionStep> steps;

  ProcessMigrations(RuntimeService runtime, RepositoryService repository,
      ManagementService management, List<VersionStep> steps) {
    this.runtime = runtime;
    this.repository = repository;
    this.management = management;
    this.steps = steps;
  }

  /** One instruction of a plan: instances at {@code from} move to {@code to}. */
  public record Instruction(String from, String to, boolean updateEventTrigger) {}

  /** A migration started: its batch (null when nothing was left to move) and what it moves. */
  public record Started(String batchId, Version from, Version to, long instances,
      List<Instruction> plan) {}

  /** A version of the process and how many certificates are running on it. */
  public record Version(int version, String versionTag, String definitionId, long runningInstances) {}

  /** A batch job that failed: its exception, and retries left (0: an incident in Cockpit). */
  public record Failure(String jobId, int retriesLeft, String message) {}

  /**
   * How far a batch is: its migration jobs (one per instance) done, left and failed; {@code
   * finished} once Camunda removed the batch, every job done.
   */
  public record Progress(String batchId, boolean finished, long instances, long migrated,
      long remaining, long failed, List<Failure> failures) {}

  /** The versions of the process with certificates running on them, the oldest first. */
  public List<Version> versions() {
    return repository.createProcessDefinitionQuery().processDefinitionKey(CertificateProcess.KEY)
        .withoutTenantId().orderByProcessDefinitionVersion().asc().listPage(0, LISTED).stream()
        .map(this::version).filter(v -> v.runningInstances() > 0).toList();
  }

  /** The plan from one version to another, validated: the engine refuses one that cannot work. */
  public MigrationPlan plan(ProcessDefinition source, ProcessDefinition target) {
    MigrationPlanBuilder plan =
        runtime.createMigrationPlan(source.getId(), target.getId()).mapEqualActivities();
    for (VersionStep step : stepsBetween(tagOf(source), tagOf(target))) {
      plan = step.instructions(plan);
    }
    return plan.build();
  }

  /**
   * Starts moving every running instance of {@code fromVersion} to {@code toVersion} (the latest
   * when null).
   *
   * @throws ApiProblem 404 for a version that does not exist, 409 while another migration runs or
   *     when no plan leads from one to the other, 422 for a target older than the source
   */
  public Started start(int fromVersion, Integer toVersion) {
    ProcessDefinition source = definition(fromVersion)
        .orElseThrow(() -> ApiProblem.notFound("No version " + fromVersion + " of " + CertificateProcess.KEY + "."));
    ProcessDefinition target = (toVersion == null ? latest() : definition(toVersion))
        .orElseThrow(() -> ApiProblem.notFound("No version " + toVersion + " of " + CertificateProcess.KEY + "."));
    if (target.getVersion() == source.getVersion()) {
      return new Started(null, version(source), version(target), 0, List.of()); // already there
    }
    if (target.getVersion() < source.getVersion()) {
      throw ApiProblem.invalid(List.of(new ApiProblem.FieldProblem("toVersion",
          "must be newer than version " + source.getVersion() + " (it is " + target.getVersion() + ")")));
    }
    List<Batch> running = migrationsRunning();
    if (!running.isEmpty()) {
      throw ApiProblem.conflict("Migration batch " + running.get(0).getId()
          + " is still running; watch it at /api/v1/process-migrations/" + running.get(0).getId()
          + " or in Cockpit (Batches), and start again when it is done.");
    }
    MigrationPlan plan;
    try {
      plan = plan(source, target);
    } catch (MigrationPlanValidationException refused) {
      throw ApiProblem.conflict("No valid plan from version " + source.getVersion() + " to "
          + target.getVersion() + ": " + refused.getMessage());
    }
    List<Instruction> instructions = plan.getInstructions().stream()
        .map(i -> new Instruction(i.getSourceActivityId(), i.getTargetActivityId(), i.isUpdateEventTrigger()))
        .toList();
    ProcessInstanceQuery instances = runtime.createProcessInstanceQuery().processDefinitionId(source.getId());
    long count = instances.count();
    if (count == 0) {
      return new Started(null, version(source), version(target), 0, instructions);
    }
    Batch batch = runtime.newMigration(plan).processInstanceQuery(instances).executeAsync();
    log.info("Migrating {} instance(s) of {} version {} to version {}: batch {}", count,
        CertificateProcess.KEY, source.getVersion(), target.getVersion(), batch.getId());
    return new Started(batch.getId(), version(source), version(target), count, instructions);
  }

  /** How far the batch is; finished once Camunda removed it. */
  public Progress progress(String batchId) {
    Batch batch = management.createBatchQuery().batchId(batchId).singleResult();
    if (batch == null || !Batch.TYPE_PROCESS_INSTANCE_MIGRATION.equals(batch.getType())) {
      return new Progress(batchId, true, 0, 0, 0, 0, List.of());
    }
    BatchStatistics statistics = management.createBatchStatisticsQuery().batchId(batchId).singleResult();
    List<Failure> failures = new ArrayList<>();
    for (Job job : management.createJobQuery().jobDefinitionId(batch.getBatchJobDefinitionId())
        .withException().listPage(0, FAILURES_LISTED)) {
      failures.add(new Failure(job.getId(), job.getRetries(), job.getExceptionMessage()));
    }
    long total = batch.getTotalJobs();
    long migrated = statistics == null ? 0 : statistics.getCompletedJobs();
    long remaining = statistics == null ? total : statistics.getRemainingJobs();
    long failed = statistics == null ? 0 : statistics.getFailedJobs();
    return new Progress(batchId, false, total, migrated, remaining, failed, failures);
  }

  /** The migration batches not finished yet. */
  public List<Batch> migrationsRunning() {
    return management.createBatchQuery().type(Batch.TYPE_PROCESS_INSTANCE_MIGRATION).listPage(0, LISTED);
  }

  /**
   * The steps from one version tag to another, in order: {@code 1 → 2 → 3}. Tags equal: none (the
   * same model version deployed again, or a change that renamed nothing).
   */
  List<VersionStep> stepsBetween(String fromTag, String toTag) {
    List<VersionStep> path = new ArrayList<>();
    String at = fromTag;
    while (!at.equals(toTag)) {
      String here = at;
      VersionStep next = steps.stream().filter(s -> s.from().equals(here)).findFirst()
          .orElseThrow(() -> ApiProblem.conflict("No migration step from version tag " + here
              + " towards " + toTag + " of " + CertificateProcess.KEY + "."));
      path.add(next);
      at = next.to();
      if (path.size() > steps.size()) {
        throw new IllegalStateException("The version steps of " + CertificateProcess.KEY + " loop at " + at);
      }
    }
    return path;
  }

  private Version version(ProcessDefinition definition) {
    return new Version(definition.getVersion(), tagOf(definition), definition.getId(),
        runtime.createProcessInstanceQuery().processDefinitionId(definition.getId()).count());
  }

  private static String tagOf(ProcessDefinition definition) {
    return Objects.requireNonNullElse(definition.getVersionTag(), FIRST_VERSION);
  }

  private Optional<ProcessDefinition> definition(int version) {
    return Optional.ofNullable(repository.createProcessDefinitionQuery()
        .processDefinitionKey(CertificateProcess.KEY).processDefinitionVersion(version)
        .withoutTenantId().singleResult());
  }

  private Optional<ProcessDefinition> latest() {
    return Optional.ofNullable(repository.createProcessDefinitionQuery()
        .processDefinitionKey(CertificateProcess.KEY).latestVersion().withoutTenantId().singleResult());
  }
}
