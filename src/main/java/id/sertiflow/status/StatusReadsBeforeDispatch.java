package id.sertiflow.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * The two reads the provider's apps send most, a certificate's status by id and by redemption
 * code, answered by the last servlet filter instead of Spring MVC's dispatch: at 1,000 reads a
 * second the dispatch (handler look-up, argument binding, content negotiation, the message
 * converter) was about a third of the service's CPU per read, and the status p99 depends on the
 * headroom it leaves (docs/benchmarks.md, "The status reads' p99 from day to day").
 *
 * <p>Only the plain request is answered here: {@code GET} of the path spelled as the client is
 * meant to spell it, a well-formed id without a query, or a redemption code as the only parameter,
 * an {@code Accept} that takes JSON, and a certificate that exists. Everything else (a miss, a
 * {@code HEAD}, an odd {@code Accept}, another parameter, a read that failed) goes on to
 * {@link StatusController}, which answers it as before, with the same error format. Every door,
 * the firewall and the HTTP observation have run before this filter; the observation gets the
 * route the controller would have named, so that the metrics do not tell the two apart.
 */
@Component
class StatusReadsBeforeDispatch extends OncePerRequestFilter implements Ordered {

  private static final Logger log = LoggerFactory.getLogger(StatusReadsBeforeDispatch.class);

  static final String BY_CODE = "/api/v1/certificates";
  static final String BY_ID = "/api/v1/certificates/{certificateId}";
  private static final String BY_ID_PREFIX = "/api/v1/certificates/";

  private final StatusController reads;
  private final ObjectWriter writer;

  StatusReadsBeforeDispatch(StatusController reads, ObjectMapper json) {
    this.reads = reads;
    this.writer = json.writerFor(StatusDocument.class);
  }

  /** Last among the servlet filters: after the firewall, the body's bound and every door. */
  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    String route = plainRead(request);
    byte[] body = null;
    if (route != null && takesJson(request)) {
      try {
        Optional<StatusDocument> document = route.equals(BY_CODE)
            ? onlyRedemptionCode(request).flatMap(reads::documentByCode)
            : reads.documentById(request.getRequestURI().substring(BY_ID_PREFIX.length()));
        body = document.isEmpty() ? null : writer.writeValueAsBytes(document.get());
      } catch (RuntimeException | IOException failed) {
        // the controller reads it again and answers the failure in SertiFlow's error format
        log.debug("A status read failed before the dispatch; the controller answers it", failed);
      }
    }
    if (body == null) {
      chain.doFilter(request, response);
      return;
    }
    ServerHttpObservationFilter.findObservationContext(request)
        .ifPresent(context -> context.setPathPattern(route));
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  /** The route of a plain status read by its path alone, or null for any other request. */
  private static String plainRead(HttpServletRequest request) {
    if (!"GET".equals(request.getMethod()) || !request.getContextPath().isEmpty()) {
      return null;
    }
    String path = request.getRequestURI();
    if (path.equals(BY_CODE)) {
      return BY_CODE;
    }
    return path.startsWith(BY_ID_PREFIX) && request.getQueryString() == null ? BY_ID : null;
  }

  /** The redemption code when it is the request's one parameter, given once. */
  private static Optional<String> onlyRedemptionCode(HttpServletRequest request) {
    Map<String, String[]> parameters = request.getParameterMap();
    String[] codes = parameters.get("redemptionCode");
    return parameters.size() == 1 && codes != null && codes.length == 1
        ? Optional.of(codes[0]) : Optional.empty();
  }

  /** No {@code Accept}, or one that takes {@code application/json}, which the controller produces. */
  private static boolean takesJson(HttpServletRequest request) {
    try {
      List<MediaType> types = MediaType.parseMediaTypes(
          Collections.list(request.getHeaders(HttpHeaders.ACCEPT)));
      return types.isEmpty() || types.stream()
          .anyMatch(t -> t.includes(MediaType.APPLICATION_JSON) && t.getQualityValue() > 0);
    } catch (InvalidMediaTypeException unreadable) {
      return false;
    }
  }
}
