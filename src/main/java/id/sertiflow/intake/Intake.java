package id.sertiflow.intake;

import com.fasterxml.jackson.databind.JsonNode;
import id.sertiflow.api.ApiProblem;
import id.sertiflow.api.ApiProblem.FieldProblem;
import id.sertiflow.calendar.ServiceClock;
import id.sertiflow.calendar.WorkingDayCalendar;
import id.sertiflow.certificate.Certificate;
import id.sertiflow.certificate.Certificate.Completion;
import id.sertiflow.certificate.CertificateProcess;
import id.sertiflow.certificate.Certificates;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes a completion in: one certificate and one process instance per completion, however often
 * and however concurrently it is sent. The database's unique constraints, not a look-up, are what
 * make two identical requests create one certificate.
 */
@Service
class Intake {

  enum Outcome { CREATED, DUPLICATE }

  record Received(Outcome outcome, Certificate certificate) {}

  private final Certificates certificates;
  private final RuntimeService runtime;
  private final TransactionTemplate transaction;
  private final WorkingDayCalendar calendar;
  private final ServiceClock clock;

  Intake(Certificates certificates, RuntimeService runtime, TransactionTemplate transaction,
      WorkingDayCalendar calendar, ServiceClock clock) {
    this.certificates = certificates;
    this.runtime = runtime;
    this.transaction = transaction;
    this.calendar = calendar;
    this.clock = clock;
  }

  /** Reads, judges and takes one completion; every refusal is an {@link ApiProblem}. */
  Received receive(JsonNode body) {
    CompletionReader.Read read;
    try {
      read = CompletionReader.read(body, clock.now());
    } catch (CompletionReader.InvalidCompletion e) {
      throw ApiProblem.invalid(e.problems);
    }
    if (read.progressPercent() < 100 || !read.examPassed()) {
      List<FieldProblem> why = new java.util.ArrayList<>();
      if (read.progressPercent() < 100) {
        why.add(new FieldProblem("progressPercent", "must be 100 for a certificate"));
      }
      if (!read.examPassed()) {
        why.add(new FieldProblem("examPassed", "must be true for a certificate"));
      }
      throw new ApiProblem(org.springframework.http.HttpStatus.UNPROCESSABLE_ENTITY,
          "Not eligible for a certificate", eligibilityProblem(read), why);
    }
    return take(read.completion());
  }

  private static String eligibilityProblem(CompletionReader.Read read) {
    if (read.progressPercent() < 100 && !read.examPassed()) {
      return "The class is " + read.progressPercent()
          + "% complete and the exam is not passed: a certificate needs 100% and a passed exam.";
    }
    if (read.progressPercent() < 100) {
      return "The class is " + read.progressPercent() + "% complete: a certificate needs 100%.";
    }
    return "The exam is not passed: a certificate needs a passed exam.";
  }

  private Received take(Completion completion) {
    String hash = fingerprint(completion);
    Optional<Received> known = replayOrConflict(completion, hash);
    if (known.isPresent()) {
      return known.get();
    }
    try {
      Certificate created = transaction.execute(status -> {
        Certificate certificate = Certificate.received(completion, hash, clock.now(), calendar);
        certificates.saveAndFlush(certificate);
        runtime.createProcessInstanceByKey(CertificateProcess.KEY)
            .businessKey(certificate.redemptionCode())
            .setVariable(CertificateProcess.VAR_CERTIFICATE_ID, certificate.id().toString())
            .execute();
        return certificate;
      });
      return new Received(Outcome.CREATED, created);
    } catch (DataIntegrityViolationException | PessimisticLockingFailureException raced) {
      // another request took the same completion or code between our look-up and our insert;
      // its row may take a moment to become visible (H2 refuses a duplicate before the commit)
      for (int attempt = 1; attempt <= RACE_LOOKUPS; attempt++) {
        Optional<Received> winner = replayOrConflict(completion, hash);
        if (winner.isPresent()) {
          return winner.get();
        }
        pause(attempt);
      }
      throw raced;
    }
  }

  private static final int RACE_LOOKUPS = 20;

  private static void pause(int attempt) {
    try {
      Thread.sleep(10L * attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Optional<Received> replayOrConflict(Completion completion, String hash) {
    Optional<Certificate> same = certificates.findByCompletionId(completion.completionId());
    if (same.isEmpty()) {
      // looked up by code too: a racing twin may have become visible between the two look-ups
      Optional<Certificate> byCode = certificates.findByRedemptionCode(completion.redemptionCode());
      if (byCode.isPresent() && !byCode.get().completionId().equals(completion.completionId())) {
        throw conflict("redemptionCode", "Redemption code " + completion.redemptionCode()
            + " already has a certificate from another completion.");
      }
      same = byCode;
    }
    if (same.isPresent()) {
      if (same.get().contentHash().equals(hash)) {
        return Optional.of(new Received(Outcome.DUPLICATE, same.get()));
      }
      throw conflict("completionId", "completionId " + completion.completionId()
          + " was already received with different content.");
    }
    return Optional.empty();
  }

  private static ApiProblem conflict(String field, String detail) {
    return new ApiProblem(org.springframework.http.HttpStatus.CONFLICT, "Conflict", detail,
        List.of(new FieldProblem(field, "is already used with different content")));
  }

  /** SHA-256 over the completion's values, so that a replay is recognised by content. */
  static String fingerprint(Completion c) {
    String canonical = String.join("\u001f", c.completionId(), c.redemptionCode(),
        c.certificateNumber(), c.platform().name(), c.learnerId(), c.learnerName(),
        c.learnerEmail(), c.prakerjaName(), c.courseId(), c.courseTitle(),
        c.completedAt().toString(), Boolean.toString(c.reviewSubmitted()));
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
