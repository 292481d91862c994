package id.sertiflow.engine.internal;

import org.camunda.bpm.engine.impl.history.AbstractHistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;

/**
 * What Camunda keeps of a certificate's past: what operators look up in Cockpit, Tasklist and the
 * engine REST API, and nothing that the read model ({@code certificate}, {@code
 * certificate_stage}) already keeps. Kept: every process instance (when it started and ended, how
 * it ended, for history cleanup), every user task (who worked an escalation, when), the end events
 * and error end events a certificate passed (which way it left a stage: verified, closed as failed,
 * sent again), incidents and the operators' audit log. Not kept: gateways, service tasks, the waits
 * of each stage and their terminate ends (each stage's times are in the read model), variables, job
 * logs, identity links and form details.
 *
 * <p>A finished certificate took 3.6 KB of database against 21 KB at Camunda's "activity" level
 * (bench/run, docs/benchmarks.md).
 *
 * <p>In {@code engine}: a history level is Camunda's internal {@code HistoryLevel}; it decides on
 * the engine's internal history event types and execution entities. No public API chooses what
 * history is kept per kind of event.
 */
public final class OperatorHistoryLevel extends AbstractHistoryLevel {

  /** The name to configure as {@code camunda.bpm.history-level}. */
  public static final String NAME = "operator";

  /** Stored in ACT_GE_PROPERTY; Camunda's own levels are 0 to 3. */
  static final int ID = 20;

  @Override
  public int getId() {
    return ID;
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
    if (eventType instanceof HistoryEventTypes type) {
      return switch (type) {
        case PROCESS_INSTANCE_START, PROCESS_INSTANCE_UPDATE, PROCESS_INSTANCE_MIGRATE,
            PROCESS_INSTANCE_END,
            TASK_INSTANCE_CREATE, TASK_INSTANCE_UPDATE, TASK_INSTANCE_MIGRATE,
            TASK_INSTANCE_COMPLETE, TASK_INSTANCE_DELETE,
            INCIDENT_CREATE, INCIDENT_MIGRATE, INCIDENT_DELETE, INCIDENT_RESOLVE, INCIDENT_UPDATE,
            USER_OPERATION_LOG -> true;
        case ACTIVITY_INSTANCE_START, ACTIVITY_INSTANCE_UPDATE, ACTIVITY_INSTANCE_MIGRATE,
            ACTIVITY_INSTANCE_END -> keepsActivity(entity);
        default -> false;
      };
    }
    return false;
  }

  /**
   * User tasks and the end events that say how a certificate left a stage. Asked without an
   * execution, the answer is yes: it is the question whether such events exist at all.
   */
  private static boolean keepsActivity(Object entity) {
    if (!(entity instanceof ExecutionEntity execution)) {
      return true;
    }
    ActivityImpl activity = execution.getActivity();
    if (activity == null) {
      return false;
    }
    Object type = activity.getProperty("type");
    return "userTask".equals(type) || "noneEndEvent".equals(type) || "errorEndEvent".equals(type);
  }
}
