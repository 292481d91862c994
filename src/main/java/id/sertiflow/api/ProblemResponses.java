package id.sertiflow.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Writes every error of SertiFlow's own API as {@code application/problem+json}: type, title,
 * status, detail and, for invalid input, {@code errors[]}. Nothing internal (stack traces, SQL,
 * class names) ever reaches a response; the unexpected is logged here and answered with a 500
 * that says only that.
 *
 * <p>First among the advices: Spring Boot's own problem-details handler (order 0) would otherwise
 * answer the standard MVC exceptions of SertiFlow's controllers before these handlers are asked.
 * Errors raised before a controller is chosen (no such path, unsupported content type) are still
 * Spring Boot's, written as problems too.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProblemResponses {

  private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);
  public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

  /** The problem document of an {@link ApiProblem}; also used by servlet filters. */
  public static ProblemDetail toProblemDetail(ApiProblem problem) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(problem.status(), problem.detail());
    body.setTitle(problem.title());
    body.setType(URI.create("urn:sertiflow:problem:"
        + problem.title().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")));
    if (!problem.errors().isEmpty()) {
      body.setProperty("errors", problem.errors());
    }
    return body;
  }

  /** For filters that answer before any controller runs (size limit, credentials). */
  public static void write(HttpServletResponse response, ObjectMapper json, ApiProblem problem)
      throws IOException {
    response.setStatus(problem.status().value());
    if (problem.retryAfterSeconds() != null) {
      response.setHeader(HttpHeaders.RETRY_AFTER, problem.retryAfterSeconds().toString());
    }
    response.setContentType(PROBLEM_JSON.toString());
    response.setCharacterEncoding("UTF-8");
    json.writeValue(response.getOutputStream(), toProblemDetail(problem));
  }

  public static ResponseEntity<ProblemDetail> respond(ApiProblem problem) {
    ResponseEntity.BodyBuilder response = ResponseEntity.status(problem.status()).contentType(PROBLEM_JSON);
    if (problem.retryAfterSeconds() != null) {
      response.header(HttpHeaders.RETRY_AFTER, problem.retryAfterSeconds().toString());
    }
    return response.body(toProblemDetail(problem));
  }

  @ExceptionHandler(ApiProblem.class)
  ResponseEntity<ProblemDetail> apiProblem(ApiProblem problem) {
    return respond(problem);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
    ApiProblem refusedBody = RequestSizeLimit.refusalIn(e);
    if (refusedBody != null) {
      return respond(refusedBody);
    }
    // a JSON value of the wrong type names its field; broken JSON is a plain 400
    if (e.getCause() instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()
        && !(e.getCause() instanceof com.fasterxml.jackson.core.JsonParseException)) {
      String field = mismatch.getPath().stream()
          .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
          .collect(Collectors.joining(".")).replace(".[", "[");
      String message = mismatch instanceof InvalidFormatException
          ? "has the wrong format" : "has the wrong type";
      return respond(ApiProblem.invalid(List.of(new ApiProblem.FieldProblem(field, message))));
    }
    return respond(ApiProblem.badRequest("The request body is not well-formed JSON."));
  }

  /**
   * A request record checked by Spring ({@code @Valid}) rather than by {@link TypedInput}: the same
   * words for the same problems.
   */
  @ExceptionHandler(MethodArgumentNotValidException.class)
  ResponseEntity<ProblemDetail> invalidArgument(MethodArgumentNotValidException e) {
    List<ConstraintViolation<?>> violations = new ArrayList<>();
    List<ApiProblem.FieldProblem> other = new ArrayList<>();
    for (FieldError error : e.getBindingResult().getFieldErrors()) {
      if (error.contains(ConstraintViolation.class)) {
        violations.add(error.unwrap(ConstraintViolation.class));
      } else {
        other.add(new ApiProblem.FieldProblem(error.getField(), "has the wrong type"));
      }
    }
    List<ApiProblem.FieldProblem> problems = new ArrayList<>(TypedInput.problemsOf(violations));
    problems.addAll(other);
    return respond(ApiProblem.invalid(problems));
  }

  @ExceptionHandler(ConstraintViolationException.class)
  ResponseEntity<ProblemDetail> constraintViolated(ConstraintViolationException e) {
    return respond(ApiProblem.invalid(TypedInput.problemsOf(e.getConstraintViolations())));
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ProblemDetail> unsupportedMediaType(HttpMediaTypeNotSupportedException e) {
    return respond(new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
        "Send application/json" + (e.getSupportedMediaTypes().stream()
            .anyMatch(t -> t.isCompatibleWith(MediaType.parseMediaType("text/csv"))) ? " or text/csv." : "."),
        null));
  }

  @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
  ResponseEntity<ProblemDetail> notAcceptable() {
    return respond(new ApiProblem(HttpStatus.NOT_ACCEPTABLE, "Not acceptable",
        "This resource is served as application/json.", null));
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<ProblemDetail> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
    return respond(new ApiProblem(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed",
        "This resource does not take " + e.getMethod() + ".", null));
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<ProblemDetail> missingParameter(MissingServletRequestParameterException e) {
    return respond(ApiProblem.invalid(List.of(
        new ApiProblem.FieldProblem(e.getParameterName(), "is required"))));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ProblemDetail> badParameter(MethodArgumentTypeMismatchException e) {
    return respond(ApiProblem.invalid(List.of(
        new ApiProblem.FieldProblem(e.getName(), "has the wrong format"))));
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<ProblemDetail> noSuchPath() {
    return respond(ApiProblem.notFound("There is nothing at this address."));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e) {
    // a body past its limits, met by a controller that reads the request itself
    ApiProblem refusedBody = RequestSizeLimit.refusalIn(e);
    if (refusedBody != null) {
      return respond(refusedBody);
    }
    // Spring MVC's other request errors keep their own status (4xx) and plain detail
    if (e instanceof ErrorResponse standard && standard.getStatusCode().is4xxClientError()) {
      HttpStatus status = HttpStatus.valueOf(standard.getStatusCode().value());
      return respond(new ApiProblem(status, status.getReasonPhrase(),
          standard.getBody().getDetail() != null ? standard.getBody().getDetail() : status.getReasonPhrase(),
          null));
    }
    log.error("Unexpected error while answering a request", e);
    return respond(new ApiProblem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
        "Something went wrong on our side; nothing was changed. Please try again.", null));
  }
}
