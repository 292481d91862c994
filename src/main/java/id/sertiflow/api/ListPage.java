package id.sertiflow.api;

import id.sertiflow.api.TypedInput.Checked;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A page of an operator's list ({@code firstResult}, {@code maxResults}, as Camunda's REST API
 * pages): 100 by default, at most 1,000, well within Camunda's {@code query-max-results-limit}
 * (application.yml) that an operator's engine query may not pass. One more than the page is read,
 * to know whether a {@code Link: <…>; rel="next"} header points at the next page.
 */
public record ListPage(int first, int max) {

  public static final int DEFAULT_SIZE = 100;
  public static final int MAX_SIZE = 1000;

  private static final String FIRST = "must be a whole number from 0 to " + (Integer.MAX_VALUE - MAX_SIZE);
  private static final String PAGE = "must be a whole number from 1 to " + MAX_SIZE;

  /** The paging parameters as given, and as the published contract describes them ({@link ParametersOf}). */
  public record Parameters(
      @Schema(description = "how many of the list to skip (default 0)")
      @Min(value = 0, message = FIRST) @Max(value = Integer.MAX_VALUE - MAX_SIZE, message = FIRST)
      Integer firstResult,
      @Schema(description = "how many to answer (default " + DEFAULT_SIZE + "); a"
          + " `Link: <…>; rel=\"next\"` header points at the next page when there is one")
      @Min(value = 1, message = PAGE) @Max(value = MAX_SIZE, message = PAGE) Integer maxResults) {}

  /** The page the parameters ask for (absent: the first page of the default size), or their problems. */
  public static Checked<ListPage> of(TypedInput input, String firstResult, String maxResults) {
    Checked<Parameters> checked = input.checkParameters(Parameters.class,
        "firstResult", firstResult, "maxResults", maxResults);
    if (!checked.isValid()) {
      return new Checked<>(null, checked.problems());
    }
    Parameters given = checked.value();
    return new Checked<>(new ListPage(given.firstResult() == null ? 0 : given.firstResult(),
        given.maxResults() == null ? DEFAULT_SIZE : given.maxResults()), List.of());
  }

  /** How many rows to read: one more than the page, to know whether there is a next one. */
  public int toRead() {
    return max + 1;
  }

  /**
   * The answer with the page of {@code read} (read with {@link #toRead}), and a link to the next
   * page, the request's own query with the paging moved on, when there is one.
   */
  public <T> ResponseEntity<List<T>> answer(List<T> read, HttpServletRequest request) {
    HttpHeaders headers = new HttpHeaders();
    linkNext(read.size(), request, headers);
    return ResponseEntity.ok().headers(headers).body(pageOf(read));
  }

  /** The page of {@code read} (read with {@link #toRead}): without the one read past it. */
  public <T> List<T> pageOf(List<T> read) {
    return read.subList(0, Math.min(read.size(), max));
  }

  /** Whether {@code read} (read with {@link #toRead}) runs past this page; the header for it, if so. */
  public void linkNext(int read, HttpServletRequest request, HttpHeaders headers) {
    if (read > max) {
      headers.add(HttpHeaders.LINK, "<" + nextPage(request) + ">; rel=\"next\"");
    }
  }

  private String nextPage(HttpServletRequest request) {
    return UriComponentsBuilder.fromPath(request.getRequestURI())
        .query(request.getQueryString())
        .replaceQueryParam("firstResult", first + max)
        .replaceQueryParam("maxResults", max)
        .build().toUriString();
  }
}
