package id.sertiflow.security;

import static id.sertiflow.security.OperatorGroups.CALENDAR_ADMIN;
import static id.sertiflow.security.OperatorGroups.CAMUNDA_ADMIN;
import static id.sertiflow.security.OperatorGroups.OPERATIONS;

import com.fasterxml.jackson.databind.ObjectMapper;
import id.sertiflow.api.ApiProblem;
import id.sertiflow.api.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * SertiFlow's own operator endpoints (calendar, escalations): HTTP Basic credentials of a Camunda
 * user, checked by Camunda's IdentityService (its login throttling included), and the groups
 * that {@link #RULES} ask for. No or wrong credentials: 401 with a Basic challenge; a user without
 * the group: 403.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class OperatorFilter extends OncePerRequestFilter {

  static final String REALM = "SertiFlow";
  static final List<String> GUARDED = List.of("/api/v1/calendar", "/api/v1/escalations");

  /**
   * Who may do what, first match wins. {@code method} null: any method; {@code groups} empty: any
   * authenticated operator.
   */
  record Rule(String method, String pathPrefix, Set<String> groups) {

    boolean matches(String requestMethod, String path) {
      return (method == null || method.equals(requestMethod)) && under(path, pathPrefix);
    }
  }

  static final List<Rule> RULES = List.of(
      new Rule("GET", "/api/v1/calendar/deadline", Set.of()),
      new Rule("GET", "/api/v1/calendar/holidays", Set.of()),
      new Rule("GET", "/api/v1/calendar/years", Set.of()),
      new Rule("PUT", "/api/v1/calendar/", Set.of(CALENDAR_ADMIN, CAMUNDA_ADMIN)),
      new Rule("DELETE", "/api/v1/calendar/", Set.of(CALENDAR_ADMIN, CAMUNDA_ADMIN)),
      new Rule(null, "/api/v1/escalations", Set.of(OPERATIONS, CAMUNDA_ADMIN)));

  /** A guarded path no rule names (a new endpoint, another method): administrators only. */
  static final Set<String> UNLISTED = Set.of(CAMUNDA_ADMIN);

  private final IdentityService identity;
  private final ObjectMapper json;

  OperatorFilter(IdentityService identity, ObjectMapper json) {
    this.identity = identity;
    this.json = json;
  }

  /** The groups a request needs, empty for any authenticated operator. */
  static Set<String> groupsFor(String method, String path) {
    return RULES.stream().filter(rule -> rule.matches(method, path)).findFirst()
        .map(Rule::groups).orElse(UNLISTED);
  }

  /** {@code path} is {@code prefix} or below it. */
  static boolean under(String path, String prefix) {
    return prefix.endsWith("/") ? path.startsWith(prefix)
        : path.equals(prefix) || path.startsWith(prefix + "/");
  }

  /** The path as Spring MVC matches it: decoded and normalised by the container. */
  static String pathOf(HttpServletRequest request) {
    String pathInfo = request.getPathInfo();
    return request.getServletPath() + (pathInfo == null ? "" : pathInfo);
  }

  static boolean guarded(HttpServletRequest request) {
    String path = pathOf(request);
    String uri = request.getRequestURI().substring(request.getContextPath().length());
    return GUARDED.stream().anyMatch(prefix -> under(path, prefix) || under(uri, prefix));
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !guarded(request);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    String[] credentials = basicCredentials(request.getHeader(HttpHeaders.AUTHORIZATION));
    if (credentials == null) {
      challenge(response, "Send the credentials of a SertiFlow operator (HTTP Basic).");
      return;
    }
    String user = credentials[0];
    if (!identity.checkPassword(user, credentials[1])) {
      challenge(response, "The user name or password is not valid.");
      return;
    }
    Set<String> needed = groupsFor(request.getMethod(), pathOf(request));
    List<String> groups = identity.createGroupQuery().groupMember(user).list().stream()
        .map(Group::getId).toList();
    if (!needed.isEmpty() && Collections.disjoint(needed, groups)) {
      ProblemResponses.write(response, json, new ApiProblem(HttpStatus.FORBIDDEN, "Forbidden",
          "This needs membership of one of the groups " + String.join(", ", needed.stream().sorted()
              .toList()) + ".", null));
      return;
    }
    // Camunda's audit (user operation log) names the operator
    identity.setAuthentication(user, groups);
    try {
      chain.doFilter(request, response);
    } finally {
      identity.clearAuthentication();
    }
  }

  /** {user, password} from a Basic header, or null when there is none or it is malformed. */
  static String[] basicCredentials(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()),
          StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0 || colon == decoded.length() - 1) {
      return null;
    }
    return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
  }

  private void challenge(HttpServletResponse response, String detail) throws IOException {
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\"");
    ProblemResponses.write(response, json, ApiProblem.unauthorized(detail));
  }
}
