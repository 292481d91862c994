package id.sertiflow.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import id.sertiflow.api.ApiProblem.FieldProblem;
import java.util.List;
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
    assertThat(LearnerNames.problemWith(" Budi Santoso ")).isNull();
    assertThat(LearnerNames.problemWith("Budi\tSantoso")).isNull();
    assertThat(LearnerNames.problemWith("B".repeat(LearnerNames.MAX_LENGTH))).isNull();
  }

  @Test
  void refusesACorrectedNameThatIsNoNameAndSaysWhy() {
    assertThat(LearnerNames.problemWith(null)).isEqualTo("is required");
    assertThat(LearnerNames.problemWith(42)).isEqualTo("must be a string");
    assertThat(LearnerNames.problemWith("   ")).isEqualTo("must not be blank");
    assertThat(LearnerNames.problemWith("B".repeat(LearnerNames.MAX_LENGTH + 1)))
        .isEqualTo("must be at most 200 characters");
    for (String controlled : List.of("Budi\u0000Santoso", "Budi\u0085Santoso", "Budi\nSantoso")) {
      assertThat(LearnerNames.problemWith(controlled)).as(controlled)
          .isEqualTo("must not contain control characters");
    }
  }
}
