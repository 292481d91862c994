package id.sertiflow.engine.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.impl.batch.BatchJobHandler;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.TimerStartEventSubprocessJobHandler;
import org.camunda.bpm.engine.impl.migration.batch.MigrationBatchConfiguration;
import org.camunda.bpm.engine.impl.migration.batch.MigrationBatchJobHandler;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A batch migration of process instances that does not arm a second time a non-interrupting timer
 * start event of an event sub-process that has fired already. Camunda's migration creates the
 * timer of every start event of the target scope that has no job in the source instance; it knows
 * that a non-interrupting boundary timer without a job has fired, but not so an event sub-process's
 * timer start. A certificate whose stage deadline passed, its "Chase overdue …" task open or its
 * follow-up waiting, would meet a fresh deadline timer, due at once, and a second chase task. So
 * each migrated instance's new event sub-process timer whose event sub-process is running already
 * is removed again, in the migration's own transaction.
 *
 * <p>In {@code engine}: the migration's timers are Camunda's internal entities, and a batch's job
 * handler can only be replaced by a plugin. Every batch migration goes through it, SertiFlow's
 * ({@code /api/v1/process-migrations}) and {@code /engine-rest/migration/executeAsync} alike.
 */
@Component
class FiredTimersStayFired extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(FiredTimersStayFired.class);

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BatchJobHandler<?>> handlers = new ArrayList<>();
    if (configuration.getCustomBatchJobHandlers() != null) {
      handlers.addAll(configuration.getCustomBatchJobHandlers());
    }
    handlers.add(new Migration());
    configuration.setCustomBatchJobHandlers(handlers);
  }

  /** Camunda's batch migration, with the timers of running event sub-processes left fired. */
  static class Migration extends MigrationBatchJobHandler {

    @Override
    public void executeHandler(MigrationBatchConfiguration batch, ExecutionEntity execution,
        CommandContext context, String tenantId) {
      List<Set<String>> jobsBefore = new ArrayList<>();
      for (String instance : batch.getIds()) {
        Set<String> ids = new HashSet<>();
        context.getJobManager().findJobsByProcessInstanceId(instance).forEach(j -> ids.add(j.getId()));
        jobsBefore.add(ids);
      }
      super.executeHandler(batch, execution, context, tenantId);
      for (int i = 0; i < batch.getIds().size(); i++) {
        disarmFiredAgain(batch.getIds().get(i), jobsBefore.get(i), context);
      }
    }

    private static void disarmFiredAgain(String instance, Set<String> jobsBefore, CommandContext context) {
      ActivityInstance tree = context.getProcessEngineConfiguration().getRuntimeService()
          .getActivityInstance(instance);
      if (tree == null) {
        return;
      }
      ProcessDefinitionEntity definition = context.getProcessEngineConfiguration()
          .getDeploymentCache().findDeployedProcessDefinitionById(tree.getProcessDefinitionId());
      for (ExecutionEntity execution : context.getExecutionManager().findExecutionsByProcessInstanceId(instance)) {
        for (JobEntity job : new ArrayList<>(execution.getJobs())) {
          if (jobsBefore.contains(job.getId())
              || !TimerStartEventSubprocessJobHandler.TYPE.equals(job.getJobHandlerType())) {
            continue;
          }
          ActivityImpl start = definition.findActivity(job.getActivityId());
          String eventSubprocess = start == null ? null : start.getFlowScope().getId();
          if (eventSubprocess != null && tree.getActivityInstances(eventSubprocess).length > 0) {
            log.info("Migrated instance {}: {} fired before, not armed again", instance, job.getActivityId());
            job.delete();
          }
        }
      }
    }
  }
}
