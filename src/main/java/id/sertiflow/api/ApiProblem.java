package id.sertiflow.api;

import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * The one error type of SertiFlow's API. Thrown anywhere, written by {@link ProblemResponses}
 * as {@code application/problem+json} (RFC 9457).
 */
public class ApiProblem extends RuntimeException {

  /** One bad input field, named by its JSON path ({@code learner.email}). */
  public record FieldProblem(String field, String message) {}

  private final HttpStatus status;
  private final String title;
  private final List<FieldProblem> errors;

  public ApiProblem(HttpStatus status, String title, String detail, List<FieldProblem> errors) {
    super(detail, null, false, false);
    this.status = status;
    this.title = title;
    this.errors = errors == null ? List.of() : List.copyOf(errors);
  }

  public static ApiProblem invalid(List<FieldProblem> errors) {
    return new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "Invalid input",
        errors.size() == 1 ? "1 field is invalid." : errors.size() + " fields are invalid.", errors);
  }

  public static ApiProblem notFound(String detail) {
    return new ApiProblem(HttpStatus.NOT_FOUND, "Not found", detail, null);
  }

  public static ApiProblem conflict(String detail) {
    return new ApiProblem(HttpStatus.CONFLICT, "Conflict", detail, null);
  }

  public static ApiProblem badRequest(String detail) {
    return new ApiProblem(HttpStatus.BAD_REQUEST, "Bad request", detail, null);
  }

  public static ApiProblem unauthorized(String detail) {
    return new ApiProblem(HttpStatus.UNAUTHORIZED, "Unauthorized", detail, null);
  }

  public HttpStatus status() {
    return status;
  }

  public String title() {
    return title;
  }

  public String detail() {
    return getMessage();
  }

  public List<FieldProblem> errors() {
    return errors;
  }
}
