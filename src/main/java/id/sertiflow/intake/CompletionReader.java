package id.sertiflow.intake;

import com.fasterxml.jackson.databind.JsonNode;
import id.sertiflow.api.ApiProblem.FieldProblem;
import id.sertiflow.api.InputCheck;
import id.sertiflow.certificate.Certificate.Completion;
import id.sertiflow.certificate.LearnerNames;
import id.sertiflow.platform.Platform;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads one completion from JSON (or a CSV row turned into JSON) and names every bad field at
 * once. Types are checked here rather than by data binding, so that a wrong type in one field
 * does not hide the problems of the others.
 */
final class CompletionReader {

  private static final Pattern COMPLETION_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  private static final Pattern REDEMPTION_CODE = Pattern.compile("[A-Z0-9]{6,32}");
  // deliberately plain: one @, a dot in the domain, no spaces; the LMS has verified the address
  private static final Pattern EMAIL =
      Pattern.compile("[^@\\s\\p{Cntrl}]{1,64}@[^@\\s\\p{Cntrl}]+\\.[^@\\s\\p{Cntrl}.]+");
  static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  /** A completion that was read, with its eligibility still to be judged. */
  record Read(Completion completion, int progressPercent, boolean examPassed) {}

  static final class InvalidCompletion extends RuntimeException {
    final List<FieldProblem> problems;

    InvalidCompletion(List<FieldProblem> problems) {
      super(null, null, false, false);
      this.problems = List.copyOf(problems);
    }
  }

  private CompletionReader() {}

  /** The completion, or {@link InvalidCompletion} naming every bad field. */
  static Read read(JsonNode root, Instant now) {
    if (root == null || !root.isObject()) {
      throw new InvalidCompletion(List.of(new FieldProblem("", "must be a JSON object")));
    }
    InputCheck in = new InputCheck();
    String completionId = in.matching("completionId", in.text(root, "completionId", "completionId", 64),
        COMPLETION_ID, "must be 1 to 64 characters of A-Z, a-z, 0-9, '.', '_', ':' or '-'");
    String code = in.text(root, "redemptionCode", "redemptionCode", 64);
    code = in.matching("redemptionCode", code == null ? null : code.trim().toUpperCase(Locale.ROOT),
        REDEMPTION_CODE, "must be 6 to 32 letters A-Z or digits");
    String platformCode = in.text(root, "platform", "platform", 32);
    Platform platform = platformCode == null ? null
        : Platform.fromCode(platformCode).filter(p -> p.name().equals(platformCode)).orElse(null);
    if (platformCode != null && platform == null) {
      in.add("platform", "must be one of BUKALAPAK, PINTARIA, TOKOPEDIA, PIJAR_MAHIR, KARIERMU");
    }
    JsonNode learner = in.object(root, "learner");
    String learnerId = learner == null ? null : in.text(learner, "learner.id", "id", 128);
    String learnerName = learner == null ? null : in.text(learner, "learner.name", "name", LearnerNames.MAX_LENGTH);
    String email = learner == null ? null : in.matching("learner.email",
        in.text(learner, "learner.email", "email", 254), EMAIL, "must be an e-mail address");
    String prakerjaName = in.text(root, "prakerjaName", "prakerjaName", LearnerNames.MAX_LENGTH);
    JsonNode course = in.object(root, "course");
    String courseId = course == null ? null : in.text(course, "course.id", "id", 128);
    String courseTitle = course == null ? null : in.text(course, "course.title", "title", 300);
    Integer progress = in.wholeNumber(root, "progressPercent", 0, 100);
    Boolean examPassed = in.bool(root, "examPassed", true);
    String certificateNumber = in.text(root, "certificateNumber", "certificateNumber", 64);
    OffsetDateTime completed = in.timestamp("completedAt", in.text(root, "completedAt", "completedAt", 64));
    Instant completedAt = completed == null ? null : completed.toInstant();
    if (completedAt != null && completedAt.isAfter(now.plus(CLOCK_SKEW))) {
      in.add("completedAt", "must not be in the future");
    }
    Boolean reviewSubmitted = in.bool(root, "reviewSubmitted", false);

    if (in.hasProblems()) {
      throw new InvalidCompletion(in.problems());
    }
    Completion completion = new Completion(completionId, code, certificateNumber, platform,
        learnerId, learnerName, email, prakerjaName, courseId, courseTitle, completedAt,
        reviewSubmitted != null && reviewSubmitted);
    return new Read(completion, progress, examPassed);
  }
}
