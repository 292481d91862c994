package id.sertiflow.callback;

import static id.sertiflow.certificate.CertificateProcess.*;

import id.sertiflow.calendar.ServiceClock;
import id.sertiflow.certificate.Certificate;
import id.sertiflow.certificate.CertificateState;
import id.sertiflow.certificate.Certificates;
import id.sertiflow.certificate.FreshPlans;
import id.sertiflow.certificate.ReportingOpened;
import id.sertiflow.certificate.Stage;
import id.sertiflow.engine.AsTheService;
import id.sertiflow.engine.EngineBatch;
import id.sertiflow.engine.InChunks;
import id.sertiflow.engine.WaitingExecutions;
import id.sertiflow.metrics.ServiceMetrics;
import id.sertiflow.metrics.ServiceMetrics.EventChunkOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies a certificate's pending platform events to its process. An event completes its own
 * stage and every earlier one it implies, with the time it carries; an event for a stage already
 * done changes nothing; an event the certificate cannot take yet stays pending until it can.
 */
@Component
class PlatformEventApplier {

  private static final Logger log = LoggerFactory.getLogger(PlatformEventApplier.class);
  private static final int ATTEMPTS = 3;

  private final PlatformEventInbox inbox;
  private final Certificates certificates;
  private final RuntimeService runtime;
  private final ServiceClock clock;
  private final TransactionTemplate newTransaction;
  private final AsTheService asTheService;
  /** Certificates whose events are applied in one transaction; 1 is one transaction each. */
  private final int chunkSize;
  private final EngineBatch engine;
  private final FreshPlans freshPlans;
  private final InboxPersonalData inboxPersonalData;
  private final WaitingExecutions waitingExecutions;
  private final ServiceMetrics metrics;

  PlatformEventApplier(PlatformEventInbox inbox, Certificates certificates, RuntimeService runtime,
      ServiceClock clock, PlatformTransactionManager transactions, AsTheService asTheService,
      EngineBatch engine, FreshPlans freshPlans, InboxPersonalData inboxPersonalData,
      WaitingExecutions waitingExecutions, ServiceMetrics metrics,
      @Value("${sertiflow.callbacks.chunk-size:1}") int chunkSize) {
    this.metrics = metrics;
    this.waitingExecutions = waitingExecutions;
    this.freshPlans = freshPlans;
    this.inboxPersonalData = inboxPersonalData;
    this.asTheService = asTheService;
    this.chunkSize = chunkSize;
    this.engine = engine;
    this.inbox = inbox;
    this.certificates = certificates;
    this.runtime = runtime;
    this.clock = clock;
    this.newTransaction = new TransactionTemplate(transactions);
    this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** A certificate opened (again) for reports: whatever waited for it may apply now. */
  @TransactionalEventListener
  void onReportingOpened(ReportingOpened opened) {
    if (inbox.existsByCertificateIdAndStatus(opened.certificateId(), PlatformEvent.Status.PENDING)) {
      // an operator's resubmission in Tasklist may open reporting: the events are the service's
      asTheService.run(() -> applyPending(opened.certificateId()));
    }
  }

  /**
   * Applies what it can of the certificate's pending events, in a transaction of its own. A
   * failure leaves them pending for the next attempt; nothing is lost.
   */
  void applyPending(UUID certificateId) {
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        newTransaction.executeWithoutResult(tx -> applyPendingNow(List.of(certificateId)));
        return;
      } catch (OptimisticLockingException concurrent) {
        log.debug("Certificate {} changed concurrently; applying its events again", certificateId);
      } catch (RuntimeException e) {
        log.warn("Platform events of certificate {} stay pending: {}", certificateId, e.toString());
        return;
      }
    }
  }

  /**
   * The pending events of several certificates, those of each chunk of
   * {@code sertiflow.callbacks.chunk-size} in one transaction and one engine command: the chunk's
   * certificates locked and their events read in one query each, their rows written in JDBC
   * batches at the end. A chunk that fails is rolled back whole and its certificates are applied
   * one by one, as {@link #applyPending} does.
   */
  void applyPendingAll(Collection<UUID> certificateIds) {
    List<UUID> ordered = new ArrayList<>(certificateIds);
    Collections.sort(ordered);
    InChunks.take(ordered, chunkSize, chunk -> {
      try {
        newTransaction.executeWithoutResult(tx -> engine.run(() -> applyPendingNow(chunk)));
        metrics.platformEventChunk(EventChunkOutcome.TOGETHER);
        return List.of();
      } catch (RuntimeException e) {
        log.debug("A chunk of {} certificates failed ({}); applying them one by one", chunk.size(),
            e.toString());
        metrics.platformEventChunk(EventChunkOutcome.ONE_BY_ONE);
        return chunk;
      }
    }, this::applyPending);
  }

  /**
   * The certificates locked in id order (two chunks cannot deadlock), then their events applied,
   * the first message of each certificate delivered to the execution found waiting for it.
   */
  private void applyPendingNow(List<UUID> certificateIds) {
    List<Certificate> locked = freshPlans.lookUp(() -> certificates.lockAllById(certificateIds));
    Map<UUID, List<PlatformEvent>> pending = freshPlans.lookUp(() -> inbox
            .findByCertificateIdInAndStatus(certificateIds, PlatformEvent.Status.PENDING))
        .stream().collect(Collectors.groupingBy(PlatformEvent::certificateId));
    WaitingExecutions.Waits waits = freshPlans.lookUp(() -> waitingExecutions.of(
        locked.stream().filter(c -> pending.containsKey(c.id())).map(Certificate::redemptionCode)
            .toList(),
        Stage.AWAITED.stream().map(s -> s.waiting().message()).toList()));
    for (Certificate certificate : locked) {
      List<PlatformEvent> events = pending.getOrDefault(certificate.id(), List.of()).stream()
          // the earliest stage first, so that each stage gets the time of its own event
          .sorted(Comparator.comparing((PlatformEvent e) -> e.type().stage)
              .thenComparing(PlatformEvent::receivedAt))
          .toList();
      for (PlatformEvent event : events) {
        apply(certificate, event, waits);
      }
      if (certificate.erasedAt() != null && !events.isEmpty()) {
        // stored while the learner's data was being erased: it goes the same way
        inboxPersonalData.erase(List.of(certificate));
      }
    }
  }

  private void apply(Certificate certificate, PlatformEvent event, WaitingExecutions.Waits waits) {
    Stage target = event.type().stage;
    Instant now = clock.now();
    boolean closed = certificate.state() == CertificateState.VERIFIED
        || certificate.state() == CertificateState.REJECTED
        || certificate.state() == CertificateState.ERASED || certificate.erasedAt() != null;
    if (closed || certificate.stage(target).isDone()) {
      event.settle(PlatformEvent.Status.SUPERSEDED, now);
      return;
    }
    if (certificate.state() != CertificateState.IN_PROGRESS) {
      return; // waits for the learner or an operator; applied when reporting opens again
    }
    for (Stage stage : Stage.IN_ORDER) {
      if (stage == Stage.CLASS_COMPLETED || certificate.stage(stage).isDone()) {
        continue;
      }
      VariableMap variables = Variables.createVariables()
          .putValueTyped(VAR_EVENT_OCCURRED_AT, eventOccurredAt(event.occurredAt()));
      String message = stage.waiting().message();
      if (stage == target && event.type() == PlatformEventType.PMO_REJECTED) {
        message = MESSAGE_PMO_REJECTED;
        variables.putValue(VAR_PMO_REJECTION_REASON, event.reason())
            .putValue(VAR_PMO_REJECTION_DETAIL, event.detail());
      }
      deliver(certificate, message, variables, waits);
      if (stage == target) {
        break;
      }
    }
    event.settle(PlatformEvent.Status.APPLIED, now);
  }

  /**
   * To the execution the chunk's look-up found waiting for it; a certificate's later messages in
   * the same transaction (its process moved on since the look-up, in rows not written yet), and
   * a message its process was not found waiting for, through Camunda's correlation by the
   * redemption code, which refuses one that nothing waits for.
   */
  private void deliver(Certificate certificate, String message, VariableMap variables,
      WaitingExecutions.Waits waits) {
    List<String> waiting = waits.take(certificate.redemptionCode(), message);
    if (waiting.size() == 1) {
      runtime.messageEventReceived(message, waiting.get(0), variables);
    } else {
      runtime.createMessageCorrelation(message)
          .processInstanceBusinessKey(certificate.redemptionCode())
          .setVariables(variables)
          .correlateWithResult();
    }
  }
}
