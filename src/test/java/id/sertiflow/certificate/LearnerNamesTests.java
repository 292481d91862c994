package id.sertiflow.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import id.sertiflow.api.ApiProblem.FieldProblem;
import id.sertiflow.api.InputCheck;
import org.junit.jupiter.api.Test;

/**
 * The name check that decides whether a report goes out or the learner is asked to fix the name
 * first: the PMO forgives case, spacing and punctuation, nothing else. And what SertiFlow takes
 * as a corrected name. A plain test: the rule needs neither Spring nor the engine.
 */
class LearnerNamesTests {

  @Test
  void namesThatDifferOnlyInCaseSpacingOrPunctuationMatch() {
    assertThat(LearnerNames.match("Budi Santoso", "BUDI SANTOSO")).isTrue();
    assertThat(LearnerNames.match("  Budi   Santoso ", "BUDI SANTOSO")).isTrue();
    assertThat(LearnerNames.match("Muh. Rizky Al-Fatih", "MUH RIZKY AL FATIH")).isTrue();
    assertThat(LearnerNames.match("Siti Nur'aini", "SITI NURAINI")).isTrue();
    // a tab pasted in from a spreadsheet, a no-break space from a web form
    assertThat(LearnerNames.match("Budi\tSantoso", "BUDI SANTOSO")).isTrue();
    assertThat(LearnerNames.match("Budi\u00A0Santoso", "BUDI SANTOSO")).isTrue();
    // Unicode punctuation, not only ASCII: a typographic apostrophe and an en dash
    assertThat(LearnerNames.match("Siti Nur\u2019aini \u2013 Putri", "SITI NURAINI PUTRI")).isTrue();
  }

  @Test
  void fullWidthLettersFromAnAsianKeyboardMatchTheirPlainForm() {
    assertThat(LearnerNames.match("\uFF22\uFF55\uFF44\uFF49 Santoso", "BUDI SANTOSO")).isTrue();
  }

  @Test
  void aDifferentLetterAnotherOrderOrAnExtraNameIsAMismatch() {
    assertThat(LearnerNames.match("Budiman Santoso", "BUDI SANTOSO")).isFalse();
    assertThat(LearnerNames.match("Budi Santosa", "BUDI SANTOSO")).isFalse();
    assertThat(LearnerNames.match("Santoso Budi", "BUDI SANTOSO")).isFalse();
    assertThat(LearnerNames.match("Budi", "BUDI SANTOSO")).isFalse();
    // an accent is a letter of its own to the PMO's check
    assertThat(LearnerNames.match("José Santoso", "JOSE SANTOSO")).isFalse();
  }

  @Test
  void takesACorrectedNameAsTheLearnerTypedIt() {
    InputCheck in = new InputCheck();
    assertThat(LearnerNames.read(in, "name", " Budi Santoso ")).isEqualTo(" Budi Santoso ");
    assertThat(LearnerNames.read(in, "name", "Budi\tSantoso")).isEqualTo("Budi\tSantoso");
    assertThat(LearnerNames.read(in, "name", "B".repeat(LearnerNames.MAX_LENGTH)))
        .hasSize(LearnerNames.MAX_LENGTH);
    assertThat(in.problems()).isEmpty();
  }

  @Test
  void refusesACorrectedNameThatIsNoNameAndSaysWhy() {
    InputCheck in = new InputCheck();
    assertThat(LearnerNames.read(in, "missing", null)).isNull();
    assertThat(LearnerNames.read(in, "number", 42)).isNull();
    assertThat(LearnerNames.read(in, "blank", "   ")).isNull();
    assertThat(LearnerNames.read(in, "long", "B".repeat(LearnerNames.MAX_LENGTH + 1))).isNull();
    assertThat(LearnerNames.read(in, "nul", "Budi\u0000Santoso")).isNull();
    assertThat(LearnerNames.read(in, "c1", "Budi\u0085Santoso")).isNull();
    assertThat(LearnerNames.read(in, "newline", "Budi\nSantoso")).isNull();
    assertThat(in.problems()).containsExactly(
        new FieldProblem("missing", "is required"),
        new FieldProblem("number", "must be a string"),
        new FieldProblem("blank", "must not be blank"),
        new FieldProblem("long", "must be at most 200 characters"),
        new FieldProblem("nul", "must not contain control characters"),
        new FieldProblem("c1", "must not contain control characters"),
        new FieldProblem("newline", "must not contain control characters"));
  }
}
