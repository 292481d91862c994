package id.sertiflow.certificate;

import id.sertiflow.api.NoControlCharacters;
import java.text.Normalizer;
import java.util.Locale;

/**
 * What a learner's name may be, and the comparison of the name on the training account with the
 * name on the Kartu Prakerja account the way the PMO's check forgives: case, spacing and
 * punctuation do not count. The web layer holds requests to the same rule ({@link LearnerName}).
 */
final class LearnerNames {

  /** The longest name SertiFlow takes, from the learning platform or from learner support. */
  public static final int MAX_LENGTH = 200;

  static final String TOO_LONG = "must be at most " + MAX_LENGTH + " characters";

  private LearnerNames() {}

  /**
   * What is wrong with {@code name} as a learner's name, in the words of a problem document, or
   * {@code null} when nothing is. A name comes from the learning platform, from a correction
   * through the API ({@link LearnerName} on the request) or from learner support in Tasklist (a
   * process variable, so any type): a string, not blank, at most {@value #MAX_LENGTH} characters,
   * without control characters (a tab aside).
   */
  public static String problemWith(Object name) {
    if (name == null) {
      return "is required";
    }
    if (!(name instanceof String text)) {
      return "must be a string";
    }
    if (text.isBlank()) {
      return "must not be blank";
    }
    if (text.length() > MAX_LENGTH) {
      return TOO_LONG;
    }
    if (NoControlCharacters.Check.holdsControlCharacters(text)) {
      return "must not contain control characters";
    }
    return null;
  }

  public static boolean match(String trainingAccountName, String prakerjaName) {
    return normalize(trainingAccountName).equals(normalize(prakerjaName));
  }

  static String normalize(String name) {
    if (name == null) {
      return "";
    }
    // NFKC folds look-alike forms (full-width letters) so they compare equal
    String folded = Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    return folded.replaceAll("[\\p{Punct}\\p{IsPunctuation}\\s\\p{Z}]+", "");
  }
}
