package id.sertiflow.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.sertiflow.api.ApiProblem.FieldProblem;
import id.sertiflow.certificate.Certificate.Completion;
import id.sertiflow.api.TypedInput;
import id.sertiflow.api.TypedInput.Checked;
import id.sertiflow.platform.Platform;
import jakarta.validation.Validation;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What intake takes from the learning platform as a completion, and what it tells the platform
 * about one it cannot take: every bad field at once, by its JSON path. A plain test: the reader
 * needs neither Spring nor a database.
 */
class CompletionReaderTests {

  static final ObjectMapper JSON = new ObjectMapper();
  static final Instant NOW = OffsetDateTime.parse("2026-11-27T16:00:00+07:00").toInstant();

  /** The README's example completion, finished half an hour before {@link #NOW}. */
  static ObjectNode completion() {
    try {
      return (ObjectNode) JSON.readTree("""
          {"completionId": "lms-7f3a91", "redemptionCode": "PK7H2K9Q4M", "platform": "TOKOPEDIA",
           "learner": {"id": "u-1029", "name": "Budi Santoso", "email": "budi@example.com"},
           "prakerjaName": "BUDI SANTOSO",
           "course": {"id": "c-77", "title": "Digital Marketing untuk UMKM"},
           "progressPercent": 100, "examPassed": true, "certificateNumber": "SA-2026-000123",
           "completedAt": "2026-11-27T15:30:00+07:00", "reviewSubmitted": true}""");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The one reader of request bodies, with the validator Spring Boot would give it. */
  static final TypedInput INPUT = new TypedInput(
      Validation.buildDefaultValidatorFactory().getValidator());

  static List<FieldProblem> problemsOf(Object body) {
    return INPUT.check(JSON.valueToTree(body), CompletionRequest.class).problems();
  }

  static CompletionRequest read(ObjectNode body) {
    Checked<CompletionRequest> checked = INPUT.check(body, CompletionRequest.class);
    assertThat(checked.problems()).isEmpty();
    return checked.value();
  }

  static List<String> fieldsRefused(ObjectNode body) {
    return problemsOf(body).stream().map(FieldProblem::field).toList();
  }

  @Test
  void readsTheReadmesExampleAsTheCertificateItBecomes() {
    CompletionRequest read = read(completion());
    assertThat(read.completion()).isEqualTo(new Completion("lms-7f3a91", "PK7H2K9Q4M",
        "SA-2026-000123", Platform.TOKOPEDIA, "u-1029", "Budi Santoso", "budi@example.com",
        "BUDI SANTOSO", "c-77", "Digital Marketing untuk UMKM",
        Instant.parse("2026-11-27T08:30:00Z"), true));
    assertThat(read.progressPercent()).isEqualTo(100);
    assertThat(read.examPassed()).isTrue();
  }

  @Test
  void aNameTooLongIsOneProblemInTheCertificatesWordsWhereverItIs() {
    ObjectNode body = completion().put("prakerjaName", "B".repeat(201));
    body.with("learner").put("name", "B".repeat(201));

    assertThat(problemsOf(body)).extracting(FieldProblem::field, FieldProblem::message)
        .containsExactly(
            tuple("learner.name", "must be at most 200 characters"),
            tuple("prakerjaName", "must be at most 200 characters"));
  }

  @Test
  void takesARedemptionCodeTypedInLowerCaseOrWithSpacesAsTheCardPrintsIt() {
    ObjectNode body = completion().put("redemptionCode", "  pk7h2k9q4m ");
    assertThat(read(body).completion().redemptionCode()).isEqualTo("PK7H2K9Q4M");
  }

  @Test
  void aReviewLeftOutIsAReviewNotSubmitted() {
    ObjectNode body = completion();
    body.remove("reviewSubmitted");
    assertThat(read(body).completion().reviewSubmitted()).isFalse();
  }

  @Test
  void namesEveryBadFieldAtOnceByItsPath() {
    ObjectNode body = completion();
    body.put("completionId", "lms 7f3a91").put("redemptionCode", "PK-1").put("platform", "SHOPEE")
        .put("progressPercent", 100.5).put("examPassed", "yes").put("completedAt", "kemarin");
    ((ObjectNode) body.get("learner")).put("email", "budi@example").remove("id");
    ((ObjectNode) body.get("course")).put("title", "");
    body.remove("certificateNumber");

    assertThat(problemsOf(body)).containsExactly(
        new FieldProblem("completionId",
            "must be 1 to 64 characters of A-Z, a-z, 0-9, '.', '_', ':' or '-'"),
        new FieldProblem("redemptionCode", "must be 6 to 32 letters A-Z or digits"),
        new FieldProblem("platform", "must be one of BUKALAPAK, PINTARIA, TOKOPEDIA, PIJAR_MAHIR, KARIERMU"),
        new FieldProblem("learner.id", "is required"),
        new FieldProblem("learner.email", "must be an e-mail address"),
        new FieldProblem("course.title", "must not be blank"),
        new FieldProblem("progressPercent", "must be a whole number from 0 to 100"),
        new FieldProblem("examPassed", "must be true or false"),
        new FieldProblem("certificateNumber", "is required"),
        new FieldProblem("completedAt",
            "must be an ISO-8601 timestamp with an offset, such as 2026-11-27T15:30:00+07:00"));
  }

  @Test
  void aMissingLearnerOrCourseIsOneProblemNotOneForEachOfItsFields() {
    ObjectNode body = completion();
    body.remove("learner");
    body.put("course", "c-77");
    assertThat(problemsOf(body)).containsExactly(new FieldProblem("learner", "is required"),
        new FieldProblem("course", "must be an object"));
  }

  @Test
  void takesThePlatformOnlyAsTheApiWritesIt() {
    assertThat(read(completion().put("platform", "PIJAR_MAHIR")).completion()
        .platform()).isEqualTo(Platform.PIJAR_MAHIR);
    // the spelling of the settings and callback paths is not the API's
    for (String spelling : List.of("pijar-mahir", "tokopedia", "Tokopedia", "TOKO PEDIA")) {
      assertThat(fieldsRefused(completion().put("platform", spelling))).as(spelling)
          .containsExactly("platform");
    }
  }

  @Test
  void takesAPlainEmailAddressAndNothingThatIsNotOne() {
    for (String good : List.of("budi@example.com", "budi.santoso+kelas@mail.example.co.id")) {
      assertThat(read(email(good)).completion().learnerEmail()).isEqualTo(good);
    }
    for (String bad : List.of("budi@example", "budi santoso@example.com", "budi@@example.com",
        "@example.com", "budi@example.", "budi")) {
      assertThat(fieldsRefused(email(bad))).as(bad).containsExactly("learner.email");
    }
  }

  private static ObjectNode email(String address) {
    ObjectNode body = completion();
    ((ObjectNode) body.get("learner")).put("email", address);
    return body;
  }

  @Test
  void refusesACompletionTimeWithoutItsOffset() {
    assertThat(fieldsRefused(completion().put("completedAt", "2026-11-27T15:30:00")))
        .containsExactly("completedAt");
  }

  @Test
  void refusesNamesLongerThanAPersonsNameAndIdsWithControlCharacters() {
    ObjectNode body = completion().put("prakerjaName", "B".repeat(201))
        .put("certificateNumber", "SA-2026\u0000-000123");
    ((ObjectNode) body.get("learner")).put("name", "Budi\u0085Santoso");
    assertThat(problemsOf(body)).containsExactly(
        new FieldProblem("learner.name", "must not contain control characters"),
        new FieldProblem("prakerjaName", "must be at most 200 characters"),
        new FieldProblem("certificateNumber", "must not contain control characters"));
  }

  @Test
  void refusesABodyThatIsNotAJsonObject() {
    for (Object body : List.of(List.of(completion()), "completion", 42)) {
      assertThat(problemsOf(body)).as("%s", body)
          .containsExactly(new FieldProblem("", "must be a JSON object"));
    }
  }
}
