package id.sertiflow.intake;

import com.fasterxml.jackson.databind.JsonNode;
import id.sertiflow.api.ApiProblem.FieldProblem;
import id.sertiflow.certificate.Certificate.Completion;
import id.sertiflow.platform.Platform;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
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
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\t]]");
  static final java.time.Duration CLOCK_SKEW = java.time.Duration.ofMinutes(5);

  /** A completion that was read, with its eligibility still to be judged. */
  record Read(Completion completion, int progressPercent, boolean examPassed) {}

  private final List<FieldProblem> problems = new ArrayList<>();
  private final JsonNode root;
  private final Instant now;

  private CompletionReader(JsonNode root, Instant now) {
    this.root = root;
    this.now = now;
  }

  /** The completion, or {@link InvalidCompletion} naming every bad field. */
  static Read read(JsonNode root, Instant now) {
    return new CompletionReader(root, now).read();
  }

  static final class InvalidCompletion extends RuntimeException {
    final List<FieldProblem> problems;

    InvalidCompletion(List<FieldProblem> problems) {
      super(null, null, false, false);
      this.problems = List.copyOf(problems);
    }
  }

  private Read read() {
    if (root == null || !root.isObject()) {
      throw new InvalidCompletion(List.of(new FieldProblem("", "must be a JSON object")));
    }
    String completionId = text("completionId", 64, COMPLETION_ID,
        "must be 1 to 64 characters of A-Z, a-z, 0-9, '.', '_', ':' or '-'");
    String code = text("redemptionCode", 64, null, null);
    if (code != null) {
      code = code.trim().toUpperCase(Locale.ROOT);
      if (!REDEMPTION_CODE.matcher(code).matches()) {
        problems.add(new FieldProblem("redemptionCode", "must be 6 to 32 letters A-Z or digits"));
        code = null;
      }
    }
    String platformCode = text("platform", 32, null, null);
    Platform platform = null;
    if (platformCode != null) {
      platform = Platform.fromCode(platformCode).filter(p -> p.name().equals(platformCode))
          .orElse(null);
      if (platform == null) {
        problems.add(new FieldProblem("platform",
            "must be one of BUKALAPAK, PINTARIA, TOKOPEDIA, PIJAR_MAHIR, KARIERMU"));
      }
    }
    JsonNode learner = object("learner");
    String learnerId = learner == null ? null : text(learner, "learner.id", "id", 128, null, null);
    String learnerName = learner == null ? null : text(learner, "learner.name", "name", 200, null, null);
    String email = learner == null ? null : text(learner, "learner.email", "email", 254, EMAIL,
        "must be an e-mail address");
    String prakerjaName = text("prakerjaName", 200, null, null);
    JsonNode course = object("course");
    String courseId = course == null ? null : text(course, "course.id", "id", 128, null, null);
    String courseTitle = course == null ? null : text(course, "course.title", "title", 300, null, null);
    Integer progress = integer("progressPercent", 0, 100);
    Boolean examPassed = bool("examPassed", true);
    String certificateNumber = text("certificateNumber", 64, null, null);
    Instant completedAt = instant("completedAt");
    Boolean reviewSubmitted = bool("reviewSubmitted", false);

    if (!problems.isEmpty()) {
      throw new InvalidCompletion(problems);
    }
    Completion completion = new Completion(completionId, code, certificateNumber, platform,
        learnerId, learnerName, email, prakerjaName, courseId, courseTitle, completedAt,
        reviewSubmitted != null && reviewSubmitted);
    return new Read(completion, progress, examPassed);
  }

  private String text(String field, int max, Pattern pattern, String patternMessage) {
    return text(root, field, field, max, pattern, patternMessage);
  }

  private String text(JsonNode parent, String path, String name, int max, Pattern pattern,
      String patternMessage) {
    JsonNode node = parent.get(name);
    if (node == null || node.isNull()) {
      problems.add(new FieldProblem(path, "is required"));
      return null;
    }
    if (!node.isTextual()) {
      problems.add(new FieldProblem(path, "must be a string"));
      return null;
    }
    String value = node.textValue();
    if (value.isBlank()) {
      problems.add(new FieldProblem(path, "must not be blank"));
      return null;
    }
    if (value.length() > max) {
      problems.add(new FieldProblem(path, "must be at most " + max + " characters"));
      return null;
    }
    if (CONTROL.matcher(value).find()) {
      problems.add(new FieldProblem(path, "must not contain control characters"));
      return null;
    }
    if (pattern != null && !pattern.matcher(value).matches()) {
      problems.add(new FieldProblem(path, patternMessage));
      return null;
    }
    return value;
  }

  private JsonNode object(String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      problems.add(new FieldProblem(field, "is required"));
      return null;
    }
    if (!node.isObject()) {
      problems.add(new FieldProblem(field, "must be an object"));
      return null;
    }
    return node;
  }

  private Integer integer(String field, int min, int max) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      problems.add(new FieldProblem(field, "is required"));
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < min
        || node.intValue() > max) {
      problems.add(new FieldProblem(field, "must be a whole number from " + min + " to " + max));
      return null;
    }
    return node.intValue();
  }

  private Boolean bool(String field, boolean required) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      if (required) {
        problems.add(new FieldProblem(field, "is required"));
      }
      return null;
    }
    if (!node.isBoolean()) {
      problems.add(new FieldProblem(field, "must be true or false"));
      return null;
    }
    return node.booleanValue();
  }

  private Instant instant(String field) {
    String value = text(field, 64, null, null);
    if (value == null) {
      return null;
    }
    Instant at;
    try {
      at = OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      problems.add(new FieldProblem(field,
          "must be an ISO-8601 timestamp with an offset, such as 2026-11-27T15:30:00+07:00"));
      return null;
    }
    if (at.isAfter(now.plus(CLOCK_SKEW))) {
      problems.add(new FieldProblem(field, "must not be in the future"));
      return null;
    }
    return at;
  }
}
