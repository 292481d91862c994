package id.sertiflow.engine.internal;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.cmd.AcquireJobsCmd;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.AcquiredJobs;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.persistence.entity.AcquirableJobEntity;

/**
 * Camunda's acquisition of due jobs, with the exclusive jobs of different process instances (the
 * certificates' deadlines and follow-ups) handed to one thread as one batch, so that
 * {@link TimerChunk} can fire them in one transaction, instead of a batch per instance.
 *
 * <p>It looks at up to a chunk's worth of due jobs, more than Camunda's own acquisition asks for;
 * of the jobs that run alone (the daily report's chunks, which call a platform and are not
 * exclusive; jobs outside a process instance) it keeps only as many as Camunda asked for and
 * leaves the rest unlocked, so that a node does not hold a hundred report calls it has no thread
 * for while other nodes could run them. Exclusive means no two jobs of one instance run at once;
 * a batch run by one thread keeps that.
 */
final class AcquireInChunks extends AcquireJobsCmd {

  /** How many jobs that run alone this acquisition keeps: Camunda's own number. */
  private final int alone;
  /** Each job this acquisition locked, with its lock as it was before. */
  private final Map<String, Locked> locked = new HashMap<>();

  private record Locked(AcquirableJobEntity job, String ownerBefore, Date expiryBefore) {

    boolean ofAnInstance() {
      return job.isExclusive() && job.getProcessInstanceId() != null;
    }

    /** Its lock as it was before: the flush sees no change and writes nothing for it. */
    void leaveUnlocked() {
      job.setLockOwner(ownerBefore);
      job.setLockExpirationTime(expiryBefore);
    }
  }

  AcquireInChunks(JobExecutor executor, int jobs, int chunkSize) {
    super(executor, jobs == 0 ? 0 : Math.max(jobs, chunkSize));
    this.alone = jobs;
  }

  @Override
  protected void lockJob(AcquirableJobEntity job) {
    locked.put(job.getId(), new Locked(job, job.getLockOwner(), job.getLockExpirationTime()));
    super.lockJob(job);
  }

  @Override
  public AcquiredJobs execute(CommandContext context) {
    List<List<String>> batches = super.execute(context).getJobIdBatches();
    AcquiredJobs kept = new AcquiredJobs(alone);
    List<String> chunk = new ArrayList<>();
    int keptAlone = 0;
    for (List<String> batch : batches) {
      if (batch.stream().allMatch(id -> locked.get(id).ofAnInstance())) {
        chunk.addAll(batch);
      } else if (keptAlone < alone) {
        kept.addJobIdBatch(batch);
        keptAlone += batch.size();
      } else {
        batch.forEach(id -> locked.get(id).leaveUnlocked());
      }
    }
    kept.addJobIdBatch(chunk);
    // the list a job another node locked first is taken out of at the flush (Camunda's listener)
    acquiredJobs = kept;
    return kept;
  }
}
