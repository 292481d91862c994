package id.sertiflow.security;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import id.sertiflow.certificate.CertificateProcess;
import id.sertiflow.engine.EveryTaskGrant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.BatchPermissions;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/**
 * The operators' groups and what Camunda lets each do, there at every start: {@code operations},
 * {@code calendar-admin}, {@code learner-support} and Camunda's own {@code camunda-admin}, with the
 * first operator ({@code camunda.bpm.admin-user.id}) in {@code camunda-admin} and
 * {@code operations}. Idempotent, and safe when several nodes start at once: whoever loses the race
 * to create a group, membership or grant finds it there and goes on. A grant is only ever added
 * to, never narrowed: what an administrator grants on top in Admin stays.
 */
@Component
class OperatorGroups implements ApplicationRunner {

  static final String OPERATIONS = "operations";
  static final String CALENDAR_ADMIN = "calendar-admin";
  static final String LEARNER_SUPPORT = "learner-support";
  /** Answers learners' access and erasure requests (the personal data doors); nothing in Camunda. */
  static final String PRIVACY_OFFICER = "privacy-officer";
  /** Camunda's own administrators' group. */
  static final String CAMUNDA_ADMIN = Groups.CAMUNDA_ADMIN;

  static final List<String> GROUPS = List.of(OPERATIONS, CALENDAR_ADMIN, LEARNER_SUPPORT,
      PRIVACY_OFFICER);
  private static final String TYPE_WORKFLOW = Groups.GROUP_TYPE_WORKFLOW;

  static final String COCKPIT = "cockpit";
  static final String TASKLIST = "tasklist";

  /**
   * One grant: {@code group} may do {@code permissions} on {@code resource} {@code resourceId}
   * ({@code *}: every one).
   */
  record Grant(String group, Resource resource, String resourceId, List<Permission> permissions) {}

  /**
   * {@code operations} reads and works every task: a task it is a candidate for needs no grant of
   * its own (engine.internal.CandidateGroupGrants).
   */
  static final Grant EVERY_TASK = new Grant(OPERATIONS, Resources.TASK, ANY,
      List.of(TaskPermissions.READ, TaskPermissions.UPDATE));

  /** Tells the engine that {@code operations} holds every task: no per-task grant for it. */
  @Bean
  static EveryTaskGrant everyTaskGrant() {
    return new EveryTaskGrant(EVERY_TASK.group(), EVERY_TASK.permissions());
  }

  private static final Logger log = LoggerFactory.getLogger(OperatorGroups.class);

  private final IdentityService identity;
  private final AuthorizationService authorizations;
  private final FilterService filters;
  private final String adminUserId;
  private final String taskFilterName;

  OperatorGroups(IdentityService identity, AuthorizationService authorizations,
      FilterService filters, @Value("${camunda.bpm.admin-user.id:}") String adminUserId,
      @Value("${camunda.bpm.filter.create:}") String taskFilterName) {
    this.identity = identity;
    this.authorizations = authorizations;
    this.filters = filters;
    this.adminUserId = adminUserId;
    this.taskFilterName = taskFilterName;
  }

  /**
   * What each group may do in Camunda. {@code calendar-admin} has no grant at all: SertiFlow's
   * calendar API checks that group itself, and the deadlines a change moves are moved by the
   * service. The tasks a group is a candidate for ({@code learner-support}'s name checks) it may
   * read and work through Camunda's own per-task grant, made when the task opens.
   */
  List<Grant> grants() {
    List<Grant> grants = new ArrayList<>();
    for (Resources resource : Resources.values()) {
      grants.add(new Grant(CAMUNDA_ADMIN, resource, ANY, List.of(Permissions.ALL)));
    }
    // Cockpit: every process, its instances, incidents and history; retry what failed
    grants.add(new Grant(OPERATIONS, Resources.APPLICATION, COCKPIT, List.of(Permissions.ACCESS)));
    grants.add(new Grant(OPERATIONS, Resources.PROCESS_DEFINITION, ANY, List.of(
        ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.READ_INSTANCE,
        ProcessDefinitionPermissions.READ_HISTORY, ProcessDefinitionPermissions.RETRY_JOB)));
    grants.add(new Grant(OPERATIONS, Resources.PROCESS_INSTANCE, ANY, List.of(
        ProcessInstancePermissions.READ, ProcessInstancePermissions.RETRY_JOB)));
    // Cockpit's "retry" on many incidents at once is a batch
    grants.add(new Grant(OPERATIONS, Resources.BATCH, ANY,
        List.of(BatchPermissions.CREATE_BATCH_SET_JOB_RETRIES)));
    // Tasklist: every task, claimed and completed with its form
    grants.add(new Grant(OPERATIONS, Resources.APPLICATION, TASKLIST, List.of(Permissions.ACCESS)));
    grants.add(EVERY_TASK);
    // Tasklist: its own tasks, and the certificate process's diagram beside them
    grants.add(new Grant(LEARNER_SUPPORT, Resources.APPLICATION, TASKLIST,
        List.of(Permissions.ACCESS)));
    grants.add(new Grant(LEARNER_SUPPORT, Resources.PROCESS_DEFINITION, CertificateProcess.KEY,
        List.of(ProcessDefinitionPermissions.READ)));
    // Tasklist lists tasks through its filters: both groups read the shared one
    String filterId = taskFilterId();
    if (filterId != null) {
      for (String group : List.of(OPERATIONS, LEARNER_SUPPORT)) {
        grants.add(new Grant(group, Resources.FILTER, filterId, List.of(Permissions.READ)));
      }
    }
    return grants;
  }

  @Override
  public void run(ApplicationArguments args) {
    ensureGroup(CAMUNDA_ADMIN, "Camunda administrators", Groups.GROUP_TYPE_SYSTEM);
    for (String id : GROUPS) {
      ensureGroup(id, id, TYPE_WORKFLOW);
    }
    if (!adminUserId.isBlank() && identity.createUserQuery().userId(adminUserId).count() > 0) {
      ensureMember(adminUserId, CAMUNDA_ADMIN);
      ensureMember(adminUserId, OPERATIONS);
    }
    for (Grant grant : grants()) {
      ensureGrant(grant);
    }
  }

  /** The id of the shared Tasklist filter ({@code camunda.bpm.filter.create}), if there is one. */
  private String taskFilterId() {
    if (taskFilterName.isBlank()) {
      return null;
    }
    return filters.createFilterQuery().filterName(taskFilterName).orderByFilterId().asc()
        .listPage(0, 1).stream().map(Filter::getId).findFirst().orElse(null);
  }

  private void ensureGroup(String id, String name, String type) {
    if (groupExists(id)) {
      return;
    }
    Group group = identity.newGroup(id);
    group.setName(name);
    group.setType(type);
    raceSafely(() -> {
      identity.saveGroup(group);
      log.info("Created the Camunda group {}", id);
    }, () -> groupExists(id));
  }

  private void ensureMember(String userId, String groupId) {
    if (isMember(userId, groupId)) {
      return;
    }
    raceSafely(() -> {
      identity.createMembership(userId, groupId);
      log.info("Made {} a member of {}", userId, groupId);
    }, () -> isMember(userId, groupId));
  }

  private void ensureGrant(Grant grant) {
    Authorization existing = findGrant(grant);
    if (existing != null && grant.permissions().stream().allMatch(existing::isPermissionGranted)) {
      return;
    }
    Authorization authorization = existing != null ? existing
        : authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
    authorization.setGroupId(grant.group());
    authorization.setResource(grant.resource());
    authorization.setResourceId(grant.resourceId());
    grant.permissions().forEach(authorization::addPermission);
    raceSafely(() -> {
      authorizations.saveAuthorization(authorization);
      log.info("Granted {} {} on {} {}", grant.group(), grant.permissions(),
          grant.resource().resourceName(), grant.resourceId());
    }, () -> {
      Authorization now = findGrant(grant);
      return now != null && grant.permissions().stream().allMatch(now::isPermissionGranted);
    });
  }

  private Authorization findGrant(Grant grant) {
    return authorizations.createAuthorizationQuery().authorizationType(AUTH_TYPE_GRANT)
        .groupIdIn(grant.group()).resourceType(grant.resource()).resourceId(grant.resourceId())
        .singleResult();
  }

  /** Does {@code change}; when it fails, goes on if another node has done it meanwhile. */
  private static void raceSafely(Runnable change, Supplier<Boolean> doneByAnother) {
    try {
      change.run();
    } catch (ProcessEngineException e) {
      if (!doneByAnother.get()) {
        throw e;
      }
    }
  }

  private boolean groupExists(String id) {
    return identity.createGroupQuery().groupId(id).count() > 0;
  }

  private boolean isMember(String userId, String groupId) {
    return identity.createGroupQuery().groupId(groupId).groupMember(userId).count() > 0;
  }
}
