package id.sertiflow.certificate;

import static id.sertiflow.certificate.CertificateProcess.END_EVENT_DATA_ERASED;
import static id.sertiflow.certificate.CertificateProcess.KEY;
import static id.sertiflow.certificate.CertificateProcess.MESSAGE_DATA_ERASURE_REQUESTED;

import id.sertiflow.calendar.ServiceClock;
import id.sertiflow.engine.AsTheService;
import id.sertiflow.engine.HistoryErasure;
import id.sertiflow.certificate.LearnerDataStore.Held;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A learner's personal data wherever SertiFlow and its engine keep it (docs/personal-data.md):
 * what is held of a learner, for an access request, and its erasure, for an erasure request or
 * when a finished certificate's retention ends.
 *
 * <p>An erasure closes a certificate still in flight first: its process ends at "Closed: data
 * erased" (the message {@value CertificateProcess#MESSAGE_DATA_ERASURE_REQUESTED}), which marks
 * the stage it waited in, removes its tasks, timers and variables, and leaves nothing to report.
 * Then every {@link LearnerDataStore} erases its part, the engine's history keeps the instance
 * under the certificate's id ({@link HistoryErasure}), and the read model's personal fields become
 * placeholders; the row stays, with its platform, course, dates and stages, for the counts.
 */
@Service
public class PersonalData {

  private static final Logger log = LoggerFactory.getLogger(PersonalData.class);

  /** Rows of one engine query: within what an operator's request may ask for. */
  private static final int PAGE = 1000;

  /** Why an instance of a model without "Closed: data erased" was ended, as Cockpit shows it. */
  static final String DELETE_REASON = "Closed: data erased";

  private final JdbcTemplate jdbc;
  private final Certificates certificates;
  private final RuntimeService runtime;
  private final RepositoryService repository;
  private final TaskService tasks;
  private final HistoryService histories;
  private final HistoryErasure history;
  private final List<LearnerDataStore> stores;
  private final ServiceClock clock;
  private final AsTheService service;
  private final TransactionTemplate transaction;
  private final TransactionTemplate ownTransaction;
  /** Whether a process definition has the erasure's end event: definitions never change. */
  private final Map<String, Boolean> erasable = new ConcurrentHashMap<>();

  PersonalData(JdbcTemplate jdbc, Certificates certificates, RuntimeService runtime,
      RepositoryService repository, TaskService tasks, HistoryService histories,
      HistoryErasure history,
      List<LearnerDataStore> stores, ServiceClock clock, AsTheService service,
      PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.certificates = certificates;
    this.runtime = runtime;
    this.repository = repository;
    this.tasks = tasks;
    this.histories = histories;
    this.history = history;
    this.stores = stores;
    this.clock = clock;
    this.service = service;
    this.transaction = new TransactionTemplate(transactions);
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** The learner's certificates whose personal data is still held. */
  public List<UUID> certificatesOfLearner(String learnerId) {
    return jdbc.queryForList("select id from certificate where learner_id = ? and erased_at is null"
        + " order by created_at, id", UUID.class, learnerId);
  }

  /**
   * The certificates of the learner whose certificate has {@code redemptionCode}: a code names a
   * person, and erasing a person erases all that is held of them.
   */
  public List<UUID> certificatesOfCodeOwner(String redemptionCode) {
    List<String> learner = jdbc.queryForList("select learner_id from certificate"
        + " where redemption_code = ? and erased_at is null", String.class, redemptionCode);
    return learner.isEmpty() ? List.of() : certificatesOfLearner(learner.get(0));
  }

  /**
   * Every piece of personal data held of the learner: the read model's fields, the engine's
   * (business key, variables, task descriptions), and each module's store. Empty for a learner of
   * whom nothing is held.
   */
  public List<Held> heldOf(String learnerId) {
    return transaction.execute(tx -> service.call(() -> {
      List<Certificate> held = certificates.findAllById(certificatesOfLearner(learnerId));
      List<Held> found = new ArrayList<>();
      for (Certificate c : held) {
        readModel(c).forEach((column, value) ->
            found.add(new Held("certificate." + column, c.id(), value)));
        found.addAll(inTheEngine(c));
      }
      stores.forEach(store -> found.addAll(store.heldFor(held)));
      return found;
    }));
  }

  /**
   * Erases the personal data of these certificates' learners, closing any still in flight; one
   * already erased is left as it is. {@code record} is handed the certificates erased now, in the
   * same transaction, unless there are none. Returns them.
   */
  public List<UUID> erase(Collection<UUID> certificateIds, Consumer<List<UUID>> record) {
    service.run(() -> onTheLatestModel(certificateIds));
    return transaction.execute(tx -> service.call(() -> {
      List<UUID> erased = eraseNow(certificateIds);
      if (!erased.isEmpty()) {
        record.accept(erased);
      }
      return erased;
    }));
  }

  /**
   * Whether {@code text} names the learner of any of these certificates (their learner id, name,
   * e-mail or redemption code, ignoring case): such a text may not be kept beside an erasure.
   */
  public boolean mentions(String text, Collection<UUID> certificateIds) {
    String lower = lower(text);
    return certificates.findAllById(certificateIds).stream()
        .flatMap(c -> java.util.stream.Stream.of(c.learnerId(), c.learnerName(), c.learnerEmail(),
            c.prakerjaName(), c.redemptionCode()))
        .filter(v -> v != null && !v.isBlank())
        .anyMatch(v -> lower.contains(lower(v)));
  }

  /**
   * Finished certificates (verified, or closed unverified) whose last change is before
   * {@code before} and whose data is still held, at most {@code limit}: what retention anonymises.
   */
  public List<UUID> finishedBefore(Instant before, int limit) {
    return jdbc.queryForList("select id from certificate where erased_at is null"
        + " and state in (?, ?) and updated_at < ? fetch first " + limit + " rows only", UUID.class,
        CertificateState.VERIFIED.name(), CertificateState.REJECTED.name(),
        java.sql.Timestamp.from(before));
  }

  private List<UUID> eraseNow(Collection<UUID> certificateIds) {
    Instant now = clock.now();
    List<Certificate> locked = certificates.lockAllById(certificateIds).stream()
        .filter(c -> c.erasedAt() == null).toList();
    if (locked.isEmpty()) {
      return List.of();
    }
    for (Certificate c : locked) {
      if (inFlight(c)) {
        close(c, now);
      }
    }
    stores.forEach(store -> store.erase(locked));
    Map<String, String> newKeys = new HashMap<>();
    Map<String, UUID> byCode = new HashMap<>();
    locked.forEach(c -> byCode.put(c.redemptionCode(), c.id()));
    history.instancesOf(KEY, byCode.keySet())
        .forEach((code, instance) -> newKeys.put(instance, byCode.get(code).toString()));
    history.erase(newKeys);
    locked.forEach(c -> c.anonymise(now));
    return locked.stream().map(Certificate::id).toList();
  }

  private static boolean inFlight(Certificate c) {
    return c.state() == CertificateState.IN_PROGRESS || c.state() == CertificateState.ACTION_REQUIRED;
  }

  /**
   * Ends the certificate's process at "Closed: data erased". An instance still on a model without
   * that end event, which {@link #onTheLatestModel} could not move, is deleted with that reason:
   * Cockpit shows it ended so either way.
   */
  private void close(Certificate c, Instant now) {
    ProcessInstance instance = runtime.createProcessInstanceQuery().processDefinitionKey(KEY)
        .processInstanceBusinessKey(c.redemptionCode()).singleResult();
    if (instance != null && hasErasurePath(instance.getProcessDefinitionId())) {
      runtime.createMessageCorrelation(MESSAGE_DATA_ERASURE_REQUESTED)
          .processInstanceId(instance.getId()).correlateWithResult();
      return;
    }
    if (instance != null) {
      runtime.deleteProcessInstance(instance.getId(), DELETE_REASON, true, true);
    }
    c.closedByErasure(now);
  }

  /**
   * Moves the in-flight certificates whose process runs on a model without "Closed: data erased"
   * to the latest model, each in a transaction of its own before the erasure (a move that the
   * engine refuses must not undo the erasure); the activities keep their ids from one version to
   * the next.
   */
  private void onTheLatestModel(Collection<UUID> certificateIds) {
    if (certificateIds.isEmpty()) {
      return;
    }
    // only a certificate in flight has a process to move; a finished one (retention's) has none
    List<String> codes = jdbc.queryForList("select redemption_code from certificate where id in ("
        + String.join(",", java.util.Collections.nCopies(certificateIds.size(), "?"))
        + ") and state in (?, ?) and erased_at is null", String.class, java.util.stream.Stream.concat(
            certificateIds.stream(), java.util.stream.Stream.of(CertificateState.IN_PROGRESS.name(),
                CertificateState.ACTION_REQUIRED.name())).toArray());
    if (codes.isEmpty()) {
      return;
    }
    ProcessDefinition latest = repository.createProcessDefinitionQuery().processDefinitionKey(KEY)
        .latestVersion().singleResult();
    if (latest == null || !hasErasurePath(latest.getId())) {
      return;
    }
    for (String code : codes) {
      ProcessInstance instance = runtime.createProcessInstanceQuery().processDefinitionKey(KEY)
          .processInstanceBusinessKey(code).singleResult();
      if (instance == null || hasErasurePath(instance.getProcessDefinitionId())) {
        continue;
      }
      try {
        ownTransaction.executeWithoutResult(tx -> {
          MigrationPlan plan = runtime.createMigrationPlan(instance.getProcessDefinitionId(),
              latest.getId()).mapEqualActivities().build();
          runtime.newMigration(plan).processInstanceIds(instance.getId()).skipCustomListeners()
              .execute();
        });
      } catch (RuntimeException refused) {
        log.warn("Process instance {} stays on its model ({}); its erasure deletes it instead",
            instance.getId(), refused.getMessage());
      }
    }
  }

  private boolean hasErasurePath(String processDefinitionId) {
    return erasable.computeIfAbsent(processDefinitionId, id ->
        repository.getBpmnModelInstance(id).getModelElementById(END_EVENT_DATA_ERASED) != null);
  }

  /** The read model's personal fields of a certificate, by column. */
  private static Map<String, Object> readModel(Certificate c) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("learner_id", c.learnerId());
    values.put("learner_name", c.learnerName());
    values.put("learner_email", c.learnerEmail());
    values.put("prakerja_name", c.prakerjaName());
    values.put("redemption_code", c.redemptionCode());
    values.put("completion_id", c.completionId());
    values.put("certificate_number", c.certificateNumber());
    return values;
  }

  /**
   * What the engine holds of the certificate: its process's business key, the variables that
   * carry the learner's data (the escalation forms' read-only fields, a corrected name, a PMO's
   * rejection detail), and the tasks' descriptions.
   */
  private List<Held> inTheEngine(Certificate c) {
    List<Held> found = new ArrayList<>();
    String instance = history.instancesOf(KEY, List.of(c.redemptionCode())).get(c.redemptionCode());
    if (instance == null) {
      return found;
    }
    found.add(new Held("ACT_HI_PROCINST.BUSINESS_KEY_", c.id(), c.redemptionCode()));
    if (runtime.createProcessInstanceQuery().processInstanceId(instance).count() > 0) {
      found.add(new Held("ACT_RU_EXECUTION.BUSINESS_KEY_", c.id(), c.redemptionCode()));
      List<String> personal = readModel(c).values().stream().map(v -> lower(v.toString())).toList();
      runtime.createVariableInstanceQuery().processInstanceIdIn(instance).listPage(0, PAGE).stream()
          .filter(v -> v.getValue() instanceof String text
              && personal.stream().anyMatch(lower(text)::contains))
          .forEach(v -> found.add(new Held("ACT_RU_VARIABLE (" + v.getName() + ")", c.id(),
              v.getValue())));
      tasks.createTaskQuery().processInstanceId(instance).listPage(0, PAGE).stream()
          .filter(t -> t.getDescription() != null)
          .forEach(t -> found.add(new Held("ACT_RU_TASK.DESCRIPTION_", c.id(), t.getDescription())));
    }
    histories.createHistoricTaskInstanceQuery().processInstanceId(instance).listPage(0, PAGE)
        .stream()
        .filter(t -> t.getDescription() != null)
        .forEach(t -> found.add(new Held("ACT_HI_TASKINST.DESCRIPTION_", c.id(), t.getDescription())));
    return found;
  }

  private static String lower(String text) {
    return text.toLowerCase(java.util.Locale.ROOT);
  }
}
