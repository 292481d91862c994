package id.sertiflow.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.sertiflow.api.ApiProblem.FieldProblem;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Reads a request into its typed request record and validates it with Bean Validation, once, at
 * the door: one answer names every bad field. The record is the schema: its components are the
 * JSON fields, its constraints what a value may be, and springdoc publishes the same annotations in
 * the OpenAPI document.
 *
 * <p>Each field is read on its own, so that a value of the wrong JSON type is named with the
 * problems of the other fields instead of failing the whole body as data binding would; a value
 * of the wrong type is never coerced (a number is no completion id, {@code "100"} no percentage).
 * Unknown fields are ignored. A request record holds text, whole numbers, booleans, enums,
 * timestamps with an offset, dates, lists and nested records; absent is {@code null} (or a
 * primitive's default).
 */
@Component
public class TypedInput {

  private static final String TIMESTAMP =
      "must be an ISO-8601 timestamp with an offset, such as 2026-11-27T15:30:00+07:00";

  /**
   * Which problem a field is named with when several constraints refuse it, first first: the one
   * a client fixes first (present, then not too long, then well-formed).
   */
  private static final List<Class<? extends Annotation>> FIRST_PROBLEM_FIRST = List.of(
      NotNull.class, NotBlank.class, NotEmpty.class, Size.class, NoControlCharacters.class,
      Pattern.class, Email.class, Min.class, Max.class);

  /** A request read: the typed value, or every problem with it. */
  public record Checked<T>(T value, List<FieldProblem> problems) {

    public boolean isValid() {
      return problems.isEmpty();
    }

    /** The value, or the request refused with 422 naming every bad field. */
    public T orRefuse() {
      if (!problems.isEmpty()) {
        throw ApiProblem.invalid(problems);
      }
      return value;
    }
  }

  private final Validator validator;

  /**
   * A raw request body as JSON, for a door that must read the bytes itself (a signature over them):
   * empty, malformed or unreadable is a 400 problem, as the container's own reading answers it.
   */
  public static JsonNode parse(ObjectMapper json, byte[] body) {
    try {
      JsonNode node = body == null || body.length == 0 ? null : json.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw ApiProblem.badRequest("The request body is empty.");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw ApiProblem.badRequest("The request body is not well-formed JSON.");
    } catch (IOException e) {
      throw ApiProblem.badRequest("The request body could not be read.");
    }
  }

  public TypedInput(Validator validator) {
    this.validator = validator;
  }

  /** A JSON body as {@code type}, or refused (422) naming every bad field. */
  public <T> T read(JsonNode body, Class<T> type) {
    return check(body, type).orRefuse();
  }

  /**
   * Path and query parameters (or CSV cells) as {@code type}: as {@link #read}, but each value is
   * text, so whole numbers and booleans are read from it.
   */
  public <T> T readText(JsonNode values, Class<T> type) {
    return checkText(values, type).orRefuse();
  }

  /** A JSON body (one item of a batch, say) as {@code type}, with every problem it has. */
  public <T> Checked<T> check(JsonNode body, Class<T> type) {
    return check(body, type, false);
  }

  /** As {@link #check}, for values given as text (CSV cells, parameters). */
  public <T> Checked<T> checkText(JsonNode values, Class<T> type) {
    return check(values, type, true);
  }

  /**
   * Path and query parameters as {@code type}, given as name, value, name, value...; an absent one
   * as {@code null}. Each value is text, as with {@link #checkText}.
   */
  public <T> Checked<T> checkParameters(Class<T> type, String... namesAndValues) {
    ObjectNode values = JsonNodeFactory.instance.objectNode();
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
      if (namesAndValues[i + 1] != null) {
        values.put(namesAndValues[i], namesAndValues[i + 1]);
      }
    }
    return checkText(values, type);
  }

  /**
   * Refuses the request (422) naming every bad field of its parts (path, query, body) in their
   * order, when any part has one.
   */
  public static void refuseUnlessValid(Checked<?>... parts) {
    List<FieldProblem> problems = Arrays.stream(parts).flatMap(p -> p.problems().stream()).toList();
    if (!problems.isEmpty()) {
      throw ApiProblem.invalid(problems);
    }
  }

  /**
   * The problem document's list of bad fields for Bean Validation's violations: the field by its
   * JSON path ({@code learner.email}, {@code reports[3].redemptionCode}), one problem per field, a
   * missing value as "is required". The one mapping of violations to {@code errors[]}.
   */
  public static List<FieldProblem> problemsOf(Collection<? extends ConstraintViolation<?>> violations) {
    Map<String, ConstraintViolation<?>> first = new LinkedHashMap<>();
    violations.stream()
        .sorted(Comparator.comparing((ConstraintViolation<?> v) -> v.getPropertyPath().toString())
            .thenComparing(TypedInput::rank))
        .forEach(v -> first.putIfAbsent(v.getPropertyPath().toString(), v));
    return first.entrySet().stream()
        .map(e -> new FieldProblem(e.getKey(), e.getValue().getInvalidValue() == null
            ? "is required" : e.getValue().getMessage()))
        .toList();
  }

  private static int rank(ConstraintViolation<?> violation) {
    int rank = FIRST_PROBLEM_FIRST.indexOf(
        violation.getConstraintDescriptor().getAnnotation().annotationType());
    return rank < 0 ? FIRST_PROBLEM_FIRST.size() : rank;
  }

  private <T> Checked<T> check(JsonNode body, Class<T> type, boolean text) {
    if (body == null || !body.isObject()) {
      return new Checked<>(null, List.of(new FieldProblem("", "must be a JSON object")));
    }
    Reading reading = new Reading(text);
    T value = type.cast(reading.record(body, type, ""));
    Map<String, FieldProblem> problems = new HashMap<>(reading.problems);
    for (FieldProblem violation : problemsOf(validator.validate(value))) {
      // a value of the wrong type was read as absent: its type is its problem
      problems.putIfAbsent(violation.field(), violation);
    }
    List<FieldProblem> inOrder = problems.values().stream()
        .sorted(Comparator.comparingInt(p -> reading.order.getOrDefault(p.field(), Integer.MAX_VALUE)))
        .toList();
    return new Checked<>(inOrder.isEmpty() ? value : null, inOrder);
  }

  /** One request being read: the problems of its values, and its fields in the record's order. */
  private static final class Reading {
    private final boolean text;
    private final Map<String, FieldProblem> problems = new HashMap<>();
    private final Map<String, Integer> order = new HashMap<>();

    Reading(boolean text) {
      this.text = text;
    }

    private Object problem(String path, String message) {
      problems.put(path, new FieldProblem(path, message));
      return null;
    }

    Object record(JsonNode node, Class<?> type, String prefix) {
      RecordComponent[] components = type.getRecordComponents();
      Object[] values = new Object[components.length];
      for (int i = 0; i < components.length; i++) {
        RecordComponent component = components[i];
        String path = prefix + component.getName();
        order.putIfAbsent(path, order.size());
        Object value = value(node.get(component.getName()), component.getGenericType(), path,
            field(type, component));
        // a value of the wrong type is read as absent, which a primitive cannot hold
        values[i] = value == null ? absent(component.getType()) : value;
      }
      try {
        Constructor<?> canonical = type.getDeclaredConstructor(Arrays.stream(components)
            .map(RecordComponent::getType).toArray(Class<?>[]::new));
        canonical.setAccessible(true);
        return canonical.newInstance(values);
      } catch (InvocationTargetException e) {
        throw new IllegalStateException("The request record " + type.getName()
            + " refused its values", e.getCause());
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("Not a request record: " + type.getName(), e);
      }
    }

    private Object value(JsonNode node, Type type, String path, Field field) {
      Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
      if (node == null || node.isNull() || node.isMissingNode()) {
        return absent(raw);
      }
      if (raw == String.class) {
        return node.isTextual() ? node.textValue() : problem(path, "must be a string");
      }
      if (raw == Integer.class || raw == int.class) {
        return wholeNumber(node, path, field);
      }
      if (raw == Boolean.class || raw == boolean.class) {
        if (node.isBoolean()) {
          return node.booleanValue();
        }
        if (text && node.isTextual() && (node.textValue().strip().equalsIgnoreCase("true")
            || node.textValue().strip().equalsIgnoreCase("false"))) {
          return Boolean.parseBoolean(node.textValue().strip());
        }
        return problem(path, "must be true or false");
      }
      if (raw.isEnum()) {
        for (Object constant : raw.getEnumConstants()) {
          if (node.isTextual() && ((Enum<?>) constant).name().equals(node.textValue().strip())) {
            return constant;
          }
        }
        return problem(path, "must be one of " + Arrays.stream(raw.getEnumConstants())
            .map(c -> ((Enum<?>) c).name()).collect(Collectors.joining(", ")));
      }
      if (raw == OffsetDateTime.class) {
        try {
          return node.isTextual() ? OffsetDateTime.parse(node.textValue().strip()) : problem(path, TIMESTAMP);
        } catch (DateTimeParseException e) {
          return problem(path, TIMESTAMP);
        }
      }
      if (raw == LocalDate.class) {
        try {
          return node.isTextual() ? LocalDate.parse(node.textValue().strip())
              : problem(path, "must be a date written YYYY-MM-DD");
        } catch (DateTimeParseException e) {
          return problem(path, "must be a date written YYYY-MM-DD");
        }
      }
      if (raw.isRecord()) {
        return node.isObject() ? record(node, raw, path + ".") : problem(path, "must be an object");
      }
      if (raw == List.class && type instanceof ParameterizedType p) {
        if (!node.isArray()) {
          return problem(path, "must be an array");
        }
        List<Object> items = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
          String at = path + "[" + i + "]";
          order.putIfAbsent(at, order.size());
          Type item = p.getActualTypeArguments()[0];
          if (item instanceof Class<?> c && c.isRecord() && !node.get(i).isObject()) {
            items.add(problem(at, "must be a JSON object"));
          } else {
            items.add(value(node.get(i), item, at, null));
          }
        }
        return items;
      }
      throw new IllegalArgumentException("A request record cannot hold a " + type.getTypeName()
          + " (" + path + ")");
    }

    private Object wholeNumber(JsonNode node, String path, Field field) {
      if (node.isIntegralNumber() && node.canConvertToInt()) {
        return node.intValue();
      }
      if (text && node.isTextual()) {
        try {
          return Integer.parseInt(node.textValue().strip());
        } catch (NumberFormatException e) {
          // worded below, as a number of the wrong type
        }
      }
      // worded with the field's range, as the range's own constraints word it
      Min min = field == null ? null : field.getAnnotation(Min.class);
      Max max = field == null ? null : field.getAnnotation(Max.class);
      return problem(path, min != null && max != null
          ? "must be a whole number from " + min.value() + " to " + max.value()
          : "must be a whole number");
    }

    private static Object absent(Class<?> raw) {
      if (raw == boolean.class) {
        return false;
      }
      if (raw == int.class) {
        return 0;
      }
      return null;
    }

    private static Field field(Class<?> type, RecordComponent component) {
      try {
        return type.getDeclaredField(component.getName());
      } catch (NoSuchFieldException e) {
        throw new IllegalStateException("A record component without its field", e);
      }
    }
  }
}
