package id.sertiflow.engine;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;

/**
 * What a delegate may ask of the engine command it runs in.
 *
 * <p>In {@code engine}: the command context and the job executor's current job are reachable only
 * through Camunda's internal {@code Context}; no public API gives a delegate the due date of the
 * timer that set it off, or lets it do the service's part without the operator's grants.
 */
public final class RunningCommand {

  /** When the job that runs this command was due (a timer's due date); empty outside a job. */
  public static Optional<Instant> jobDueDate() {
    JobEntity job = Context.getJobExecutorContext() == null ? null
        : Context.getJobExecutorContext().getCurrentJob();
    return job == null || job.getDuedate() == null ? Optional.empty()
        : Optional.of(job.getDuedate().toInstant());
  }

  /**
   * Runs {@code work} in this command with authorization checks off: the service's own part of
   * something an operator set off, which is not a right of the operator's.
   */
  public static <T> T withoutAuthorization(Supplier<T> work) {
    return Context.getCommandContext().runWithoutAuthorization(work::get);
  }

  private RunningCommand() {}
}
