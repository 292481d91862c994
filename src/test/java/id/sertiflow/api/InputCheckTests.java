package id.sertiflow.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.sertiflow.api.ApiProblem.FieldProblem;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/**
 * The one reader of request values: what a caller is told about each bad field, and that one
 * answer names them all. A plain test: no Spring, no HTTP.
 */
class InputCheckTests {

  static final ObjectMapper JSON = new ObjectMapper();

  final InputCheck in = new InputCheck();

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  @Test
  void oneRefusalNamesEveryBadFieldInTheOrderTheyWereRead() {
    JsonNode body = json("""
        {"name": "", "email": 7, "progress": 101, "passed": "yes", "at": "27/11/2026"}""");
    in.text(body, "name", "name", 200);
    in.text(body, "email", "email", 254);
    in.wholeNumber(body, "progress", 0, 100);
    in.bool(body, "passed", true);
    in.timestamp("at", body.get("at").asText());
    in.object(body, "course");

    ApiProblem refused = catchThrowableOfType(ApiProblem.class, in::check);
    assertThat(refused.status()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(refused.detail()).isEqualTo("6 fields are invalid.");
    assertThat(refused.errors()).containsExactly(
        new FieldProblem("name", "must not be blank"),
        new FieldProblem("email", "must be a string"),
        new FieldProblem("progress", "must be a whole number from 0 to 100"),
        new FieldProblem("passed", "must be true or false"),
        new FieldProblem("at",
            "must be an ISO-8601 timestamp with an offset, such as 2026-11-27T15:30:00+07:00"),
        new FieldProblem("course", "is required"));
  }

  @Test
  void goodValuesPassUnchangedAndTheCheckLetsTheRequestThrough() {
    JsonNode body = json("""
        {"name": "Budi Santoso", "progress": 100, "passed": false, "course": {"id": "c-77"}}""");
    assertThat(in.text(body, "name", "name", 200)).isEqualTo("Budi Santoso");
    assertThat(in.wholeNumber(body, "progress", 0, 100)).isEqualTo(100);
    assertThat(in.bool(body, "passed", true)).isFalse();
    assertThat(in.object(body, "course").get("id").asText()).isEqualTo("c-77");
    assertThat(in.timestamp("at", " 2026-11-27T15:30:00+07:00 "))
        .isEqualTo(OffsetDateTime.parse("2026-11-27T15:30:00+07:00"));
    assertThat(in.hasProblems()).isFalse();
    in.check();
  }

  @Test
  void aSingleBadFieldIsCountedInTheSingular() {
    in.add("year", "must be a year from 1 to 9999");
    assertThat(catchThrowableOfType(ApiProblem.class, in::check).detail())
        .isEqualTo("1 field is invalid.");
  }

  @Test
  void aTabMaySlipIntoANameButNoOtherControlCharacter() {
    assertThat(in.text("name", "Budi\tSantoso", 200)).isEqualTo("Budi\tSantoso");
    assertThat(in.problems()).isEmpty();
    for (String bad : List.of("Budi\nSantoso", "Budi\rSantoso", "Budi\u0000", "Budi\u001B[31m",
        "Budi\u007F", "Budi\u0085", "Budi\u009B")) {
      InputCheck check = new InputCheck();
      assertThat(check.text("name", bad, 200)).as(bad).isNull();
      assertThat(check.problems()).as(bad)
          .containsExactly(new FieldProblem("name", "must not contain control characters"));
    }
  }

  @Test
  void freeTextMayBreakLinesButCarriesNoOtherControlCharacter() {
    JsonNode body = json("""
        {"ok": "Nomor sertifikat salah.\\r\\nMohon kirim ulang.", "bad": "salah\\u0007", "absent": null}""");
    assertThat(in.optionalFreeText(body, "ok", "ok", 500)).contains("\r\n");
    assertThat(in.optionalFreeText(body, "absent", "absent", 500)).isNull();
    assertThat(in.optionalFreeText(body, "missing", "missing", 500)).isNull();
    assertThat(in.problems()).isEmpty();
    assertThat(in.optionalFreeText(body, "bad", "bad", 500)).isNull();
    assertThat(in.problems()).containsExactly(
        new FieldProblem("bad", "must not contain control characters"));
  }

  @Test
  void anOptionalTextMayBeLeftOutButNotSentEmptyOrTooLong() {
    JsonNode body = json("""
        {"empty": " ", "long": "%s", "none": null}""".formatted("x".repeat(65)));
    assertThat(in.optionalText(body, "missing", "missing", 64)).isNull();
    assertThat(in.optionalText(body, "none", "none", 64)).isNull();
    assertThat(in.problems()).isEmpty();
    in.optionalText(body, "empty", "empty", 64);
    in.optionalText(body, "long", "long", 64);
    assertThat(in.problems()).containsExactly(new FieldProblem("empty", "must not be blank"),
        new FieldProblem("long", "must be at most 64 characters"));
  }

  @Test
  void aWholeNumberInJsonIsAnIntegerInRangeAndNothingElse() {
    JsonNode body = json("""
        {"zero": 0, "hundred": 100, "fraction": 99.5, "round": 100.0, "text": "100", "huge": 12345678901,
         "negative": -1}""");
    assertThat(in.wholeNumber(body, "zero", 0, 100)).isZero();
    assertThat(in.wholeNumber(body, "hundred", 0, 100)).isEqualTo(100);
    assertThat(in.problems()).isEmpty();
    for (String field : List.of("fraction", "round", "text", "huge", "negative")) {
      assertThat(in.wholeNumber(body, field, 0, 100)).as(field).isNull();
    }
    assertThat(in.wholeNumber(body, "missing", 0, 100)).isNull();
    assertThat(in.problems()).extracting(FieldProblem::message).containsExactly(
        "must be a whole number from 0 to 100", "must be a whole number from 0 to 100",
        "must be a whole number from 0 to 100", "must be a whole number from 0 to 100",
        "must be a whole number from 0 to 100", "is required");
  }

  @Test
  void aWholeNumberInAQueryParameterMayBeLeftOutOrPaddedButNotSpelledOrTooLarge() {
    assertThat(in.wholeNumber("maxResults", null, 50, 1, 1000)).isEqualTo(50);
    assertThat(in.wholeNumber("maxResults", " 20 ", 50, 1, 1000)).isEqualTo(20);
    assertThat(in.problems()).isEmpty();
    assertThat(in.wholeNumber("maxResults", "twenty", 50, 1, 1000)).isNull();
    assertThat(in.wholeNumber("maxResults", "99999999999", 50, 1, 1000)).isNull();
    assertThat(in.wholeNumber("maxResults", "0", 50, 1, 1000)).isNull();
    assertThat(in.problems()).hasSize(3).extracting(FieldProblem::message)
        .containsOnly("must be a whole number from 1 to 1000");
  }

  @Test
  void aWholeNumberFromAFormIsAnIntegralNumberOfAnyWidthButNotTextOrAFraction() {
    assertThat(in.wholeNumberValue("followUpWorkingDays", null, 3, 1, 20)).isEqualTo(3);
    assertThat(in.wholeNumberValue("followUpWorkingDays", 5L, 3, 1, 20)).isEqualTo(5);
    assertThat(in.wholeNumberValue("followUpWorkingDays", 5, 3, 1, 20)).isEqualTo(5);
    assertThat(in.wholeNumberValue("followUpWorkingDays", (short) 5, 3, 1, 20)).isEqualTo(5);
    assertThat(in.problems()).isEmpty();
    for (Object bad : List.<Object>of(5.0, "5", 21L, 0, Long.MAX_VALUE)) {
      InputCheck check = new InputCheck();
      assertThat(check.wholeNumberValue("followUpWorkingDays", bad, 3, 1, 20)).as("%s", bad).isNull();
      assertThat(check.problems()).as("%s", bad).containsExactly(
          new FieldProblem("followUpWorkingDays", "must be a whole number from 1 to 20"));
    }
  }

  @Test
  void aChoiceNamesTheAllowedValuesInTheirOrder() {
    List<String> outcomes = List.of("RESEND", "WAIT", "CLOSE_FAILED");
    assertThat(in.oneOf("escalationOutcome", "WAIT", outcomes)).isEqualTo("WAIT");
    assertThat(in.oneOf("escalationOutcome", "wait", outcomes)).isNull();
    assertThat(in.oneOf("escalationOutcome", 1, outcomes)).isNull();
    assertThat(in.oneOf("escalationOutcome", null, outcomes)).isNull();
    assertThat(in.problems()).extracting(FieldProblem::message).containsExactly(
        "must be one of RESEND, WAIT, CLOSE_FAILED", "must be one of RESEND, WAIT, CLOSE_FAILED",
        "is required");
  }

  @Test
  void anOptionalBooleanMayBeLeftOutButARequiredOneMayNot() {
    JsonNode body = json("""
        {"text": "true", "number": 1}""");
    assertThat(in.bool(body, "reviewSubmitted", false)).isNull();
    assertThat(in.problems()).isEmpty();
    in.bool(body, "examPassed", true);
    in.bool(body, "text", false);
    in.bool(body, "number", false);
    assertThat(in.problems()).containsExactly(new FieldProblem("examPassed", "is required"),
        new FieldProblem("text", "must be true or false"),
        new FieldProblem("number", "must be true or false"));
  }

  @Test
  void aTimestampNeedsItsOffset() {
    assertThat(in.timestamp("from", null)).isNull();
    assertThat(in.problems()).as("absent is for the caller to judge").isEmpty();
    assertThat(in.timestamp("from", "2026-11-27T15:30:00")).isNull();
    assertThat(in.timestamp("from", "2026-11-27")).isNull();
    assertThat(in.problems()).hasSize(2);
    assertThat(in.timestamp("to", "2026-11-27T08:30:00Z")).isEqualTo(
        OffsetDateTime.parse("2026-11-27T15:30:00+07:00").withOffsetSameInstant(java.time.ZoneOffset.UTC));
  }

  @Test
  void aPatternIsCheckedOnlyOnAValueThatWasRead() {
    Pattern code = Pattern.compile("[A-Z0-9]{6,32}");
    assertThat(in.matching("redemptionCode", "PK7H2K9Q4M", code, "must be 6 to 32 letters")).isEqualTo("PK7H2K9Q4M");
    // a missing value was reported when it was read: it is not reported twice
    assertThat(in.matching("redemptionCode", null, code, "must be 6 to 32 letters")).isNull();
    assertThat(in.problems()).isEmpty();
    assertThat(in.matching("redemptionCode", "pk-1", code, "must be 6 to 32 letters")).isNull();
    assertThat(in.problems()).containsExactly(new FieldProblem("redemptionCode", "must be 6 to 32 letters"));
  }

  @Test
  void anObjectMustBeAnObject() {
    JsonNode body = json("""
        {"learner": ["Budi"], "course": "c-77"}""");
    assertThat(in.object(body, "learner")).isNull();
    assertThat(in.object(body, "course")).isNull();
    assertThat(in.problems()).containsExactly(new FieldProblem("learner", "must be an object"),
        new FieldProblem("course", "must be an object"));
  }
}
