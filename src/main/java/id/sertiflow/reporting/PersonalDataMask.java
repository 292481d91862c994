package id.sertiflow.reporting;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What an incident may quote of a platform's answer to a report: a short excerpt, on one line,
 * with every e-mail address and the names and redemption codes of the report's participants
 * masked. A platform's error page may echo the report it did not take, and Camunda keeps a failed
 * job's message as the incident's, in Cockpit and in its tables, and every cause's message in the
 * job's stack trace. The one place that masks what a platform said.
 */
final class PersonalDataMask {

  /** The longest excerpt an incident quotes: enough to tell one error page from another. */
  static final int MAX_EXCERPT = 200;
  static final String NAME = "[name]";
  static final String EMAIL = "[e-mail]";
  static final String CODE = "[code]";

  /**
   * How much of the answer is masked before the excerpt is cut from it: a name or address at the
   * excerpt's end is then masked whole, not cut first into a piece no pattern knows.
   */
  private static final int MASKED_PREFIX = 4 * MAX_EXCERPT;
  private static final Pattern EMAIL_ADDRESS =
      Pattern.compile("[\\p{L}\\p{N}._%+'-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*");
  /** A name's words, as a platform may echo them in any order or case; initials say too little. */
  private static final Pattern NAME_WORD = Pattern.compile("[\\p{L}\\p{M}]{2,}");
  private static final Pattern LINE_BREAKS_AND_CONTROLS = Pattern.compile("[\\p{Cc}\\s]+");

  /** The report's redemption codes and the words of its names, or null for none. */
  private final Pattern codes;
  private final Pattern nameWords;

  /** A mask for the answer to a report of {@code reports}. */
  PersonalDataMask(List<ReportChunks.Report> reports) {
    Set<String> codes = new LinkedHashSet<>();
    Set<String> words = new LinkedHashSet<>();
    for (ReportChunks.Report report : reports) {
      if (report.redemptionCode() != null) {
        codes.add(report.redemptionCode());
      }
      if (report.participantName() != null) {
        Matcher word = NAME_WORD.matcher(report.participantName());
        while (word.find()) {
          words.add(word.group());
        }
      }
    }
    this.codes = anyAsAWholeWord(codes);
    this.nameWords = anyAsAWholeWord(words);
  }

  /** At most {@value #MAX_EXCERPT} characters of {@code answer}, masked; empty for none. */
  String excerpt(String answer) {
    if (answer == null || answer.isBlank()) {
      return "";
    }
    String text = answer.length() > MASKED_PREFIX ? answer.substring(0, MASKED_PREFIX) : answer;
    // addresses first: their local part may hold a participant's name
    text = EMAIL_ADDRESS.matcher(text).replaceAll(EMAIL);
    if (codes != null) {
      text = codes.matcher(text).replaceAll(CODE);
    }
    if (nameWords != null) {
      text = nameWords.matcher(text).replaceAll(NAME);
    }
    text = LINE_BREAKS_AND_CONTROLS.matcher(text).replaceAll(" ").strip();
    return text.length() > MAX_EXCERPT ? text.substring(0, MAX_EXCERPT) + "…" : text;
  }

  /** Any of {@code values} as a whole word, ignoring case; null for none. */
  private static Pattern anyAsAWholeWord(Set<String> values) {
    if (values.isEmpty()) {
      return null;
    }
    String any = values.stream().sorted(Comparator.comparingInt(String::length).reversed())
        .map(Pattern::quote).collect(Collectors.joining("|"));
    return Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + any + ")(?![\\p{L}\\p{N}])",
        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }
}
