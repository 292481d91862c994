package id.sertiflow.api;

import com.fasterxml.jackson.databind.JsonNode;
import id.sertiflow.api.ApiProblem.FieldProblem;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads request values and notes a problem for every bad one, so that one answer names every bad
 * field at once. Each reader returns {@code null} for a bad value; {@link #check()} then refuses the
 * request. The one place that words what is wrong with a field.
 */
public final class InputCheck {

  // a tab may slip into a pasted name; no other control character (C0, DEL or C1: \p{Cc}, not the
  // ASCII-only \p{Cntrl}) belongs in a name or an id
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\t]]");
  // free text (a platform's explanation of a rejection) may also break lines
  private static final Pattern FREE_TEXT_CONTROL = Pattern.compile("[\\p{Cc}&&[^\\t\\n\\r]]");

  private final List<FieldProblem> problems = new ArrayList<>();

  public List<FieldProblem> problems() {
    return List.copyOf(problems);
  }

  public boolean hasProblems() {
    return !problems.isEmpty();
  }

  public void add(String field, String message) {
    problems.add(new FieldProblem(field, message));
  }

  /** Refuses the request with 422 when any value was bad. */
  public void check() {
    if (!problems.isEmpty()) {
      throw ApiProblem.invalid(problems);
    }
  }

  /** A required, non-blank JSON string of at most {@code max} characters. */
  public String text(JsonNode parent, String field, String name, int max) {
    JsonNode node = parent.get(name);
    if (node == null || node.isNull()) {
      add(field, "is required");
      return null;
    }
    if (!node.isTextual()) {
      add(field, "must be a string");
      return null;
    }
    return text(field, node.textValue(), max);
  }

  /** As {@link #text(JsonNode, String, String, int)}, but absent is fine. */
  public String optionalText(JsonNode parent, String field, String name, int max) {
    JsonNode node = parent.get(name);
    return node == null || node.isNull() ? null : text(parent, field, name, max);
  }

  /** Optional free text: as {@link #optionalText}, but line breaks are allowed. */
  public String optionalFreeText(JsonNode parent, String field, String name, int max) {
    JsonNode node = parent.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      add(field, "must be a string");
      return null;
    }
    return text(field, node.textValue(), max, FREE_TEXT_CONTROL);
  }

  /** A required, non-blank string of at most {@code max} characters, without control characters. */
  public String text(String field, String value, int max) {
    return text(field, value, max, CONTROL);
  }

  private String text(String field, String value, int max, Pattern control) {
    if (value == null) {
      add(field, "is required");
      return null;
    }
    if (value.isBlank()) {
      add(field, "must not be blank");
      return null;
    }
    if (value.length() > max) {
      add(field, "must be at most " + max + " characters");
      return null;
    }
    if (control.matcher(value).find()) {
      add(field, "must not contain control characters");
      return null;
    }
    return value;
  }

  /** {@code value} if it matches, else a problem saying {@code message}. */
  public String matching(String field, String value, Pattern pattern, String message) {
    if (value != null && !pattern.matcher(value).matches()) {
      add(field, message);
      return null;
    }
    return value;
  }

  /** A required JSON object. */
  public JsonNode object(JsonNode parent, String field) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      add(field, "is required");
      return null;
    }
    if (!node.isObject()) {
      add(field, "must be an object");
      return null;
    }
    return node;
  }

  /** A required JSON whole number from {@code min} to {@code max}. */
  public Integer wholeNumber(JsonNode parent, String field, int min, int max) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      add(field, "is required");
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < min
        || node.intValue() > max) {
      add(field, "must be a whole number from " + min + " to " + max);
      return null;
    }
    return node.intValue();
  }

  /**
   * A whole number from {@code min} to {@code max} given as text (a query parameter); absent gives
   * {@code absent}.
   */
  public Integer wholeNumber(String field, String value, int absent, int min, int max) {
    if (value == null) {
      return absent;
    }
    try {
      int number = Integer.parseInt(value.strip());
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // worded below, as for a number out of range
    }
    add(field, "must be a whole number from " + min + " to " + max);
    return null;
  }

  /**
   * A whole number from {@code min} to {@code max} given as a typed value (a process variable, a
   * form field): an integral {@link Number}, whatever its width; absent gives {@code absent}.
   * Text and fractions are refused, as the engine's forms refuse them.
   */
  public Integer wholeNumberValue(String field, Object value, int absent, int min, int max) {
    if (value == null) {
      return absent;
    }
    if ((value instanceof Long || value instanceof Integer || value instanceof Short
        || value instanceof Byte) && ((Number) value).longValue() >= min
        && ((Number) value).longValue() <= max) {
      return ((Number) value).intValue();
    }
    add(field, "must be a whole number from " + min + " to " + max);
    return null;
  }

  /** A required text value that is one of {@code allowed}, named in the problem in their order. */
  public String oneOf(String field, Object value, Collection<String> allowed) {
    if (value == null) {
      add(field, "is required");
      return null;
    }
    if (!(value instanceof String text) || !allowed.contains(text)) {
      add(field, "must be one of " + String.join(", ", allowed));
      return null;
    }
    return text;
  }

  /** A JSON boolean; absent gives {@code null}, and a problem only when required. */
  public Boolean bool(JsonNode parent, String field, boolean required) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      if (required) {
        add(field, "is required");
      }
      return null;
    }
    if (!node.isBoolean()) {
      add(field, "must be true or false");
      return null;
    }
    return node.booleanValue();
  }

  /** An ISO-8601 timestamp with an offset. */
  public OffsetDateTime timestamp(String field, String value) {
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value.strip());
    } catch (DateTimeParseException e) {
      add(field, "must be an ISO-8601 timestamp with an offset, such as 2026-11-27T15:30:00+07:00");
      return null;
    }
  }
}
