package id.sertiflow.engine.internal;

import id.sertiflow.engine.EveryTaskGrant;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Camunda's grant of a task to its candidate group, left out where the group already holds it on
 * every task (an {@link EveryTaskGrant}: {@code operations}, from {@code security.OperatorGroups}). With authorization on, Camunda
 * looks up and writes an authorization row for each candidate group of each new task, and deletes
 * it with the task: for an escalation of {@code operations} a grant it has on every task anyway,
 * two statements and a row in every transaction of a mass breach. {@code learner-support}, which
 * may see only the tasks offered to it, keeps its grant on each.
 *
 * <p>In {@code engine}: the grants Camunda writes for a task come from its internal
 * {@code ResourceAuthorizationProvider}, which only a plugin can replace.
 */
@Component
class CandidateGroupGrants extends AbstractProcessEnginePlugin {

  private final ObjectProvider<EveryTaskGrant> everyTask;

  CandidateGroupGrants(ObjectProvider<EveryTaskGrant> everyTask) {
    this.everyTask = everyTask;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    EveryTaskGrant grant = everyTask.getIfAvailable();
    if (grant == null) {
      return;
    }
    // by name: Camunda's per-task grant holds Permissions.UPDATE, the grant on every task
    // TaskPermissions.UPDATE
    Set<String> everyTaskPermissions = grant.permissions().stream().map(Permission::getName)
        .collect(Collectors.toUnmodifiableSet());
    configuration.setResourceAuthorizationProvider(new DefaultAuthorizationProvider() {
      @Override
      public AuthorizationEntity[] newTaskGroupIdentityLink(Task task, String groupId, String type) {
        if (grant.group().equals(groupId) && coveredByEveryTaskGrant()) {
          return null;
        }
        return super.newTaskGroupIdentityLink(task, groupId, type);
      }

      /**
       * Whether the per-task grant Camunda would write holds nothing beyond the grant on every
       * task: it does not if the engine is set to grant more (TASK_WORK, READ_VARIABLE, or
       * historic task permissions), and then the per-task grant is written as before.
       */
      private boolean coveredByEveryTaskGrant() {
        return !isHistoricInstancePermissionsEnabled()
            && Arrays.stream(getRuntimePermissions(isEnforceSpecificVariablePermission()))
                .map(Permission::getName).allMatch(everyTaskPermissions::contains);
      }
    });
  }
}
