package id.sertiflow.operations;

import id.sertiflow.certificate.Stage;
import id.sertiflow.certificate.StagesInProgress.StageCount;
import id.sertiflow.platform.Platform;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the gauges over the read model and the engine say, as one node computed it at {@code
 * takenAt} and every node's scrape reads it.
 *
 * @param stages open certificates per stage and platform (a pair absent: none)
 * @param escalationsOpen open user tasks of the certificate process, by BPMN task id, every task of
 *     the model named (0 when none is open)
 * @param incidentsOpen the engine's open incidents (a job whose retries ran out, say)
 * @param jobsDue jobs due now and not yet run, the job executor's backlog across the nodes
 * @param inboxPending platform events stored and not yet applied (including those that wait by
 *     design for the learner or an operator)
 * @param inboxOldestApplicable when the oldest pending event a certificate could take now arrived
 * @param reportLastRun when the latest daily report run started
 * @param reportLastDue the latest minute the schedule ran a report for
 * @param daysUntilProvisionalYear days from today to the first day of the first year whose decree
 *     is not loaded (0: this year is provisional)
 */
record OperationsSnapshot(Instant takenAt, List<StageCount> stages,
    Map<String, Long> escalationsOpen, long incidentsOpen, long jobsDue, long inboxPending,
    Instant inboxOldestApplicable, Instant reportLastRun, Instant reportLastDue,
    long daysUntilProvisionalYear) {

  static final OperationsSnapshot NONE = new OperationsSnapshot(null, List.of(), Map.of(), 0, 0, 0,
      null, null, null, 0);

  /** The counts of {@code stage} on {@code platform}; zeros when none wait there. */
  StageCount at(Stage stage, Platform platform) {
    return stages.stream().filter(c -> c.stage() == stage && c.platform() == platform).findFirst()
        .orElse(new StageCount(stage, platform, 0, 0, 0));
  }
}
