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
  private final Long retryAfterSeconds;

  public ApiProblem(HttpStatus status, String title, String detail, List<FieldProblem> errors) {
    this(status, title, detail, errors, null);
  }

  /**
   * @param retryAfterSeconds when the client may try again, sent as the {@code Retry-After}
   *     header (RFC 9110); {@code null} for none
   */
  public ApiProblem(HttpStatus status, String title, String detail, List<FieldProblem> errors,
      Long retryAfterSeconds) {
    super(detail, null, false, false);
    this.status = status;
    this.title = title;
    this.errors = errors == null ? List.of() : List.copyOf(errors);
    this.retryAfterSeconds = retryAfterSeconds == null ? null : Math.max(1, retryAfterSeconds);
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

  /** 429: too many requests; try again in {@code retryAfterSeconds} (at least 1). */
  public static ApiProblem tooManyRequests(String detail, long retryAfterSeconds) {
    return new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, "Too many requests", detail, null,
        retryAfterSeconds);
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

  /** Seconds until the client may try again ({@code Retry-After}), or {@code null}. */
  public Long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
