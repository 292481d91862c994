package id.sertiflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The ways an attacker spells a path so that a door judging the raw bytes misses it: a letter
 * percent-encoded, {@code ;x} on a segment, doubled slashes, dot segments plain and encoded, an
 * encoded slash or backslash, a trailing slash, upper case. Shared by the door-matrix test and the
 * reliability run's hostile corpus.
 */
public final class PathSpellings {

  /** One spelling of a path; {@code ambiguous} ones the service must refuse with 400 outright. */
  public record Spelling(String name, String path, boolean ambiguous) {}

  private PathSpellings() {}

  /**
   * Every spelling of {@code path} (no query; starting with {@code /}), the plain one first and
   * not among them.
   */
  public static List<Spelling> of(String path) {
    String[] segments = path.substring(1).split("/");
    List<Spelling> spellings = new ArrayList<>();
    // not ambiguous: no door's path, or another door's, which must hold all the same
    spellings.add(new Spelling("trailing slash", path + "/", false));
    spellings.add(new Spelling("upper case", path.toUpperCase(Locale.ROOT), false));
    spellings.add(new Spelling("first segment upper case", "/" + segments[0].toUpperCase(Locale.ROOT)
        + path.substring(1 + segments[0].length()), false));
    // ambiguous: refused before any door is asked. An encoded letter decodes to the door's own
    // path, which a door judging raw bytes misses; no client encodes one, so it is refused outright
    spellings.add(new Spelling("first letter encoded", "/" + String.join("/",
        encodeFirstLetter(segments, 0)), true));
    spellings.add(new Spelling("a later letter encoded", "/" + String.join("/",
        encodeFirstLetter(segments, segments.length - 1)), true));
    for (int i = 0; i < segments.length; i++) {
      String[] withParameter = segments.clone();
      withParameter[i] = withParameter[i] + ";x";
      spellings.add(new Spelling(";x on segment " + (i + 1), "/" + String.join("/", withParameter), true));
    }
    spellings.add(new Spelling("leading //", "/" + path, true));
    spellings.add(new Spelling("// inside", "/" + segments[0] + "/" + path.substring(1 + segments[0].length()), true));
    spellings.add(new Spelling("/./", "/" + segments[0] + "/." + path.substring(1 + segments[0].length()), true));
    spellings.add(new Spelling("/../", "/" + segments[0] + "/x/.." + path.substring(1 + segments[0].length()), true));
    spellings.add(new Spelling("%2e", "/" + segments[0] + "/%2e" + path.substring(1 + segments[0].length()), true));
    spellings.add(new Spelling("%2e%2e", "/" + segments[0] + "/x/%2e%2e" + path.substring(1 + segments[0].length()), true));
    spellings.add(new Spelling("%2f", "/" + segments[0] + "%2f" + path.substring(2 + segments[0].length()), true));
    spellings.add(new Spelling("%5c", "/" + segments[0] + "%5c" + path.substring(2 + segments[0].length()), true));
    spellings.add(new Spelling("%3b", "/" + segments[0] + "%3bx" + path.substring(1 + segments[0].length()), true));
    spellings.add(new Spelling("%25", "/" + segments[0] + "%2561" + path.substring(1 + segments[0].length()), true));
    return spellings;
  }

  private static String[] encodeFirstLetter(String[] segments, int index) {
    String[] encoded = segments.clone();
    String segment = encoded[index];
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (Character.isLetterOrDigit(c) && c < 128) {
        encoded[index] = segment.substring(0, i) + String.format("%%%02x", (int) c) + segment.substring(i + 1);
        break;
      }
    }
    return encoded;
  }
}
