package id.sertiflow.reporting;

import static id.sertiflow.certificate.CertificateProcess.*;

import id.sertiflow.calendar.ServiceClock;
import id.sertiflow.certificate.Certificates;
import id.sertiflow.certificate.FreshPlans;
import id.sertiflow.certificate.Stage;
import id.sertiflow.engine.WaitingExecutions;
import id.sertiflow.metrics.ServiceMetrics;
import id.sertiflow.metrics.ServiceMetrics.ReportOutcome;
import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Send report chunk": sends one chunk and hands each answer to its certificate. The engine may
 * run this more than once; a retry sends the stored bytes under the same Idempotency-Key, and a
 * chunk that was already answered (or given up to a later run) is not sent again.
 */
@Component("sendReportChunk")
class SendReportChunk implements JavaDelegate {

  private static final Logger log = LoggerFactory.getLogger(SendReportChunk.class);

  private final ReportChunks chunks;
  private final Certificates certificates;
  private final PlatformClient client;
  private final RuntimeService runtime;
  private final ServiceClock clock;
  private final ServiceMetrics metrics;
  private final WaitingExecutions waitingExecutions;
  private final FreshPlans freshPlans;

  SendReportChunk(ReportChunks chunks, Certificates certificates, PlatformClient client,
      RuntimeService runtime, ServiceClock clock, ServiceMetrics metrics,
      WaitingExecutions waitingExecutions, FreshPlans freshPlans) {
    this.waitingExecutions = waitingExecutions;
    this.freshPlans = freshPlans;
    this.metrics = metrics;
    this.chunks = chunks;
    this.certificates = certificates;
    this.client = client;
    this.runtime = runtime;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String batchId = (String) execution.getVariable(ReportProcess.VAR_CHUNK_ID);
    ReportChunks.Chunk chunk = chunks.lock(batchId).orElseThrow(
        () -> new IllegalStateException("No report chunk " + batchId));
    if (chunk.status() != ReportChunks.Status.PENDING) {
      log.info("Report chunk {} is {} already; not sent again", batchId, chunk.status());
      return;
    }
    PlatformClient.Answer answer;
    try {
      answer = client.send(chunk.platform(), batchId, chunk.payload());
    } catch (RuntimeException failed) {
      metrics.reportRequest(chunk.platform(), ReportOutcome.FAILED);
      throw failed;
    }
    metrics.reportRequest(chunk.platform(),
        answer.rejected().isEmpty() ? ReportOutcome.ACCEPTED : ReportOutcome.REJECTED);
    // the chunk's certificates read in a few queries: each correlation's stage listener then
    // finds its certificate in the transaction instead of reading it alone
    certificates.findAllById(chunk.certificatesByCode().values());
    Instant receivedAt = clock.now();
    String reported = Stage.REPORTED_TO_PLATFORM.waiting().message();
    List<String> ours = answer.accepted().stream()
        .filter(chunk.certificatesByCode()::containsKey).toList();
    // the executions waiting for the report, all of the chunk's in one look-up; a certificate
    // that moved on meanwhile (a callback came first) waits for it no more, and that is fine
    WaitingExecutions.Waits waits = freshPlans.lookUp(() -> waitingExecutions.of(ours, List.of(reported)));
    int accepted = 0;
    for (String code : ours) {
      for (String waiting : waits.take(code, reported)) {
        VariableMap variables = Variables.createVariables()
            .putValueTyped(VAR_EVENT_OCCURRED_AT, eventOccurredAt(receivedAt));
        runtime.messageEventReceived(reported, waiting, variables);
        accepted++;
      }
    }
    int rejected = 0;
    for (PlatformClient.Rejection rejection : answer.rejected()) {
      if (rejection.redemptionCode() != null
          && chunk.certificatesByCode().containsKey(rejection.redemptionCode())) {
        rejected += runtime.createMessageCorrelation(MESSAGE_PLATFORM_REJECTED)
            .processInstanceBusinessKey(rejection.redemptionCode())
            .setVariable(VAR_PLATFORM_REJECTION_REASON, rejection.reason())
            .correlateAllWithResult().size();
      }
    }
    chunks.answered(batchId);
    log.info("Report chunk {}: {} accepted, {} rejected, {} unanswered", batchId, accepted, rejected,
        chunk.certificatesByCode().size() - answer.accepted().size() - answer.rejected().size());
  }
}
