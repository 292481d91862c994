package id.sertiflow.intake;

import id.sertiflow.api.ApiProblem;
import id.sertiflow.api.ApiProblem.FieldProblem;
import id.sertiflow.calendar.ServiceClock;
import id.sertiflow.calendar.WorkingDayCalendar;
import id.sertiflow.certificate.Certificate;
import id.sertiflow.certificate.Certificate.Completion;
import id.sertiflow.certificate.CertificateProcess;
import id.sertiflow.certificate.Certificates;
import id.sertiflow.certificate.FreshPlans;
import id.sertiflow.engine.EngineBatch;
import id.sertiflow.engine.InChunks;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.beans.factory.annotation.Value;
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

  /** One completion of a batch: taken ({@code received}) or refused ({@code refused}). */
  record Answer(Received received, ApiProblem refused) {}

  private final Certificates certificates;
  private final RuntimeService runtime;
  private final RepositoryService repository;
  private final EngineBatch engine;
  private final FreshPlans freshPlans;
  private final TransactionTemplate transaction;
  private final WorkingDayCalendar calendar;
  private final ServiceClock clock;
  /** Completions of a batch created in one transaction; 1 is one transaction each. */
  private final int chunkSize;

  Intake(Certificates certificates, RuntimeService runtime, RepositoryService repository,
      EngineBatch engine, FreshPlans freshPlans,
      TransactionTemplate transaction, WorkingDayCalendar calendar, ServiceClock clock,
      @Value("${sertiflow.intake.chunk-size:1}") int chunkSize) {
    this.engine = engine;
    this.freshPlans = freshPlans;
    this.repository = repository;
    this.chunkSize = chunkSize;
    this.certificates = certificates;
    this.runtime = runtime;
    this.transaction = transaction;
    this.calendar = calendar;
    this.clock = clock;
  }

  /** Judges and takes one completion, read and checked at the door; every refusal is an {@link ApiProblem}. */
  Received receive(CompletionRequest completion) {
    return take(judge(completion));
  }

  /**
   * Several completions at once, each answered as {@link #receive} would answer it alone, in
   * order. The new ones of each chunk of {@code sertiflow.intake.chunk-size} are created, process
   * instances started, in one transaction: one commit instead of one each is most of what makes
   * a batch fast. Anything in a chunk that is not plainly new (known already, twice in the chunk,
   * or losing a race at commit) goes the single way, so no completion is lost or taken twice.
   */
  List<Answer> receiveAll(List<CompletionRequest> bodies) {
    List<Answer> answers = new ArrayList<>(bodies.size());
    List<Integer> eligible = new ArrayList<>();
    List<Completion> judged = new ArrayList<>(bodies.size());
    for (int i = 0; i < bodies.size(); i++) {
      try {
        judged.add(judge(bodies.get(i)));
        answers.add(null);
        eligible.add(i);
      } catch (ApiProblem refused) {
        judged.add(null);
        answers.add(new Answer(null, refused));
      }
    }
    InChunks.take(eligible, chunkSize, chunk -> takeTogether(chunk, judged, answers), i -> {
      try {
        answers.set(i, new Answer(take(judged.get(i)), null));
      } catch (ApiProblem refused) {
        answers.set(i, new Answer(null, refused));
      }
    });
    return answers;
  }

  /**
   * Creates the plainly new completions of a chunk together; answers the others (known already,
   * twice in the chunk, or all of them when the chunk lost a race at commit) to be taken alone.
   */
  private List<Integer> takeTogether(List<Integer> chunk, List<Completion> judged,
      List<Answer> answers) {
    List<Integer> single = new ArrayList<>();
    List<Integer> fresh = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    Set<String> codes = new HashSet<>();
    chunk.forEach(i -> {
      ids.add(judged.get(i).completionId());
      codes.add(judged.get(i).redemptionCode());
    });
    Set<String> knownIds = new HashSet<>();
    Set<String> knownCodes = new HashSet<>();
    freshPlans.lookUp(() -> {
      certificates.findByCompletionIdIn(ids).forEach(c -> knownIds.add(c.completionId()));
      certificates.ownersOf(codes).forEach(c -> knownCodes.add(c.getRedemptionCode()));
      return null;
    });
    Set<String> seenIds = new HashSet<>();
    Set<String> seenCodes = new HashSet<>();
    for (int i : chunk) {
      Completion c = judged.get(i);
      boolean known = knownIds.contains(c.completionId()) || knownCodes.contains(c.redemptionCode());
      // both sets record the item, so that a later copy of either finds it
      boolean firstInChunk = seenIds.add(c.completionId()) & seenCodes.add(c.redemptionCode());
      (known || !firstInChunk ? single : fresh).add(i);
    }
    if (!fresh.isEmpty()) {
      try {
        // one transaction and one engine command: the chunk's rows go out in JDBC batches
        List<Certificate> created = transaction.execute(status -> engine.call(() -> {
          String definition = latestDefinition();
          List<Certificate> all = new ArrayList<>(fresh.size());
          for (int i : fresh) {
            Completion c = judged.get(i);
            all.add(create(c, fingerprint(c), definition, false));
          }
          return all;
        }));
        for (int k = 0; k < fresh.size(); k++) {
          answers.set(fresh.get(k), new Answer(new Received(Outcome.CREATED, created.get(k)), null));
        }
      } catch (DataIntegrityViolationException | PessimisticLockingFailureException raced) {
        // a twin arrived meanwhile: the chunk was rolled back whole; each goes the single way
        single.addAll(fresh);
      }
    }
    single.sort(null);
    return single;
  }

  private Completion judge(CompletionRequest request) {
    if (!request.eligible()) {
      List<FieldProblem> why = new ArrayList<>();
      if (request.progressPercent() < 100) {
        why.add(new FieldProblem("progressPercent", "must be 100 for a certificate"));
      }
      if (!request.examPassed()) {
        why.add(new FieldProblem("examPassed", "must be true for a certificate"));
      }
      throw new ApiProblem(org.springframework.http.HttpStatus.UNPROCESSABLE_ENTITY,
          "Not eligible for a certificate", eligibilityProblem(request), why);
    }
    return request.completion();
  }

  private static String eligibilityProblem(CompletionRequest request) {
    if (request.progressPercent() < 100 && !request.examPassed()) {
      return "The class is " + request.progressPercent()
          + "% complete and the exam is not passed: a certificate needs 100% and a passed exam.";
    }
    if (request.progressPercent() < 100) {
      return "The class is " + request.progressPercent() + "% complete: a certificate needs 100%.";
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
      Certificate created = transaction.execute(status -> create(completion, hash, null, true));
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

  /**
   * The certificate and its process instance, in the caller's transaction: of the process version
   * {@code definition} (a chunk looks it up once) or, when null, of the latest one by key. Alone,
   * the row is written at once, so that a twin fails before the process starts; in a chunk, all
   * rows are written together at commit (a twin then fails the whole chunk, which is taken again
   * singly).
   */
  private Certificate create(Completion completion, String hash, String definition,
      boolean flushNow) {
    Certificate certificate = Certificate.received(completion, hash, clock.now(), calendar);
    if (flushNow) {
      certificates.saveAndFlush(certificate);
    } else {
      certificates.save(certificate);
    }
    (definition == null ? runtime.createProcessInstanceByKey(CertificateProcess.KEY)
        : runtime.createProcessInstanceById(definition))
        .businessKey(certificate.redemptionCode())
        .setVariable(CertificateProcess.VAR_CERTIFICATE_ID, certificate.id().toString())
        .execute();
    return certificate;
  }

  /**
   * The id of the process's latest version, looked up once for a chunk: a start by key looks it up
   * in the database for every instance.
   */
  private String latestDefinition() {
    return repository.createProcessDefinitionQuery().processDefinitionKey(CertificateProcess.KEY)
        .latestVersion().withoutTenantId().singleResult().getId();
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
