package id.sertiflow.security;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.identity.Group;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * The operators' groups, there at every start: {@code operations}, {@code calendar-admin} and
 * {@code learner-support}, with the first operator ({@code camunda.bpm.admin-user.id}) in
 * {@code operations} (Camunda's starter already puts it in {@code camunda-admin}). Idempotent, and
 * safe when several nodes start at once: whoever loses the race to create a group or membership
 * finds it there and goes on.
 */
@Component
class OperatorGroups implements ApplicationRunner {

  static final String OPERATIONS = "operations";
  static final String CALENDAR_ADMIN = "calendar-admin";
  static final String LEARNER_SUPPORT = "learner-support";
  /** Camunda's own administrators' group. */
  static final String CAMUNDA_ADMIN = "camunda-admin";

  static final List<String> GROUPS = List.of(OPERATIONS, CALENDAR_ADMIN, LEARNER_SUPPORT);
  private static final String TYPE_WORKFLOW = "WORKFLOW";

  private static final Logger log = LoggerFactory.getLogger(OperatorGroups.class);

  private final IdentityService identity;
  private final String adminUserId;

  OperatorGroups(IdentityService identity,
      @Value("${camunda.bpm.admin-user.id:}") String adminUserId) {
    this.identity = identity;
    this.adminUserId = adminUserId;
  }

  @Override
  public void run(ApplicationArguments args) {
    for (String id : GROUPS) {
      ensureGroup(id);
    }
    if (!adminUserId.isBlank() && identity.createUserQuery().userId(adminUserId).count() > 0) {
      ensureMember(adminUserId, OPERATIONS);
    }
  }

  private void ensureGroup(String id) {
    if (groupExists(id)) {
      return;
    }
    Group group = identity.newGroup(id);
    group.setName(id);
    group.setType(TYPE_WORKFLOW);
    try {
      identity.saveGroup(group);
      log.info("Created the Camunda group {}", id);
    } catch (ProcessEngineException e) {
      if (!groupExists(id)) {
        throw e;
      }
      // another node created it first
    }
  }

  private void ensureMember(String userId, String groupId) {
    if (isMember(userId, groupId)) {
      return;
    }
    try {
      identity.createMembership(userId, groupId);
      log.info("Made {} a member of {}", userId, groupId);
    } catch (ProcessEngineException e) {
      if (!isMember(userId, groupId)) {
        throw e;
      }
      // another node made the membership first
    }
  }

  private boolean groupExists(String id) {
    return identity.createGroupQuery().groupId(id).count() > 0;
  }

  private boolean isMember(String userId, String groupId) {
    return identity.createGroupQuery().groupId(groupId).groupMember(userId).count() > 0;
  }
}
