package id.sertiflow.certificate;

import id.sertiflow.api.InputCheck;
import java.text.Normalizer;
import java.util.Locale;

/**
 * Compares the learner's name on the training account with the name on the Kartu Prakerja
 * account the way the PMO's check forgives: case, spacing and punctuation do not count.
 */
public final class LearnerNames {

  /** The longest name SertiFlow takes, from the learning platform or from learner support. */
  public static final int MAX_LENGTH = 200;

  private LearnerNames() {}

  /**
   * A learner's name as SertiFlow takes it, from a correction through the API or from learner
   * support in Tasklist: a string, not blank, at most {@value #MAX_LENGTH} characters, without
   * control characters; {@code null}, with the problem noted in {@code in}, when it is not.
   */
  public static String read(InputCheck in, String field, Object name) {
    if (name != null && !(name instanceof String)) {
      in.add(field, "must be a string");
      return null;
    }
    return in.text(field, (String) name, MAX_LENGTH);
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
