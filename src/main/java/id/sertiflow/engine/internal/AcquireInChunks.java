package id.sertiflow.engine.internal;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
  private final Set<String> ofAnInstance = new HashSet<>();
  private final Map<String, AcquirableJobEntity> locked = new HashMap<>();
  private final Map<String, Object[]> lockBefore = new HashMap<>();

  AcquireInChunks(JobExecutor executor, int jobs, int chunkSize) {
    super(executor, jobs == 0 ? 0 : Math.max(jobs, chunkSize));
    this.alone = jobs;
  }

  @Override
  protected void lockJob(AcquirableJobEntity job) {
    lockBefore.put(job.getId(), new Object[] {job.getLockOwner(), job.getLockExpirationTime()});
    locked.put(job.getId(), job);
    super.lockJob(job);
    if (job.isExclusive() && job.getProcessInstanceId() != null) {
      ofAnInstance.add(job.getId());
    }
  }

  @Override
  public AcquiredJobs execute(CommandContext context) {
    List<List<String>> batches = super.execute(context).getJobIdBatches();
    AcquiredJobs kept = new AcquiredJobs(alone);
    List<String> chunk = new ArrayList<>();
    int keptAlone = 0;
    for (List<String> batch : batches) {
      if (ofAnInstance.containsAll(batch)) {
        chunk.addAll(batch);
      } else if (keptAlone < alone) {
        kept.addJobIdBatch(batch);
        keptAlone += batch.size();
      } else {
        batch.forEach(this::leaveUnlocked);
      }
    }
    kept.addJobIdBatch(chunk);
    // the list a job another node locked first is taken out of at the flush (Camunda's listener)
    acquiredJobs = kept;
    return kept;
  }

  /** Its lock as it was before: the flush sees no change and writes nothing for it. */
  private void leaveUnlocked(String id) {
    AcquirableJobEntity job = locked.get(id);
    Object[] before = lockBefore.get(id);
    job.setLockOwner((String) before[0]);
    job.setLockExpirationTime((Date) before[1]);
  }
}
