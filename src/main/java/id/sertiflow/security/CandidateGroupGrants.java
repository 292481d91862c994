package id.sertiflow.security;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Camunda's grant of a task to its candidate group, left out where the group already works every
 * task ({@link OperatorGroups#EVERY_TASK}: {@code operations}). With authorization on, Camunda
 * looks up and writes an authorization row for each candidate group of each new task, and deletes
 * it with the task: for an escalation of {@code operations} a grant it has on every task anyway,
 * two statements and a row in every transaction of a mass breach. {@code learner-support}, which
 * may see only the tasks offered to it, keeps its grant on each.
 */
@Component
class CandidateGroupGrants extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setResourceAuthorizationProvider(new DefaultAuthorizationProvider() {
      @Override
      public AuthorizationEntity[] newTaskGroupIdentityLink(Task task, String groupId, String type) {
        if (OperatorGroups.EVERY_TASK.group().equals(groupId)) {
          return null;
        }
        return super.newTaskGroupIdentityLink(task, groupId, type);
      }
    });
  }
}
