package id.sertiflow.security;

import static id.sertiflow.security.OperatorGroups.CALENDAR_ADMIN;
import static id.sertiflow.security.OperatorGroups.PRIVACY_OFFICER;
import static id.sertiflow.security.OperatorGroups.CAMUNDA_ADMIN;
import static id.sertiflow.security.OperatorGroups.OPERATIONS;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import com.fasterxml.jackson.databind.ObjectMapper;
import id.sertiflow.api.ApiProblem;
import id.sertiflow.api.ProblemResponses;
import id.sertiflow.api.RequestSizeLimit;
import id.sertiflow.api.Utf8RequestBody;
import id.sertiflow.engine.EngineRestLogin;
import id.sertiflow.notification.OptOutLinks;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.RequestPath;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.context.AbstractSecurityWebApplicationInitializer;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Every door of the service, in one place: who may call which path, and how the caller proves it.
 * One {@link SecurityFilterChain} per kind of caller, each matched on the path as the container
 * resolved it (percent-decoded, path parameters removed), each ending in "deny"; the first chain
 * whose paths match a request is the only one asked.
 *
 * <p>Before any chain, Spring Security's {@link StrictHttpFirewall} refuses with 400 every request
 * whose path could be read two ways (an encoded {@code /}, {@code \}, {@code .}, {@code %} or
 * {@code ;}, a {@code ;} parameter, a doubled slash, a dot segment): such a path never reaches a
 * door. The request body is bounded before anything else runs ({@link RequestSizeLimit}), and read
 * only after every door has checked its caller ({@link Utf8RequestBody}); {@link FilterOrder}
 * says the order of the servlet filters that do so.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class Doors {

  /**
   * The servlet filters in front of every request, in their order: the firewall, the body's
   * bound, every SertiFlow door (Spring Security), Camunda's engine REST API's own credentials,
   * then the one filter that reads a body whole before a controller does.
   */
  enum FilterOrder {
    FIREWALL(Ordered.HIGHEST_PRECEDENCE + 5),
    BODY_BOUND(Ordered.HIGHEST_PRECEDENCE + 10),
    /** Spring Boot's own place for Spring Security's filter chain proxy. */
    DOORS(SecurityProperties.DEFAULT_FILTER_ORDER),
    ENGINE_REST_CREDENTIALS(SecurityProperties.DEFAULT_FILTER_ORDER + 1),
    BODY_UTF8(SecurityProperties.DEFAULT_FILTER_ORDER + 2);

    final int order;

    FilterOrder(int order) {
      this.order = order;
    }

    /** {@code filter} registered in this place of the order. */
    <F extends Filter> FilterRegistrationBean<F> of(F filter) {
      FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
      registration.setName(name().toLowerCase(Locale.ROOT).replace('_', '-'));
      registration.setOrder(order);
      return registration;
    }
  }

  static final String REALM = "SertiFlow";
  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
      + "style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; "
      + "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

  private static final PathPatternRequestMatcher.Builder PATHS =
      PathPatternRequestMatcher.withDefaults();

  /**
   * An operator door: {@code groups} empty means any operator. A path under {@code /api/} that no
   * rule here (nor another chain) names is refused to everyone.
   */
  record OperatorRule(RequestMatcher matcher, Set<String> groups) {
    static OperatorRule of(HttpMethod method, String path, Set<String> groups) {
      return new OperatorRule(PATHS.matcher(method, path), groups);
    }
  }

  static final Set<String> ANY_OPERATOR = Set.of();
  static final Set<String> CALENDAR_CHANGERS = Set.of(CALENDAR_ADMIN, CAMUNDA_ADMIN);
  static final Set<String> OPERATORS_OF_ESCALATIONS = Set.of(OPERATIONS, CAMUNDA_ADMIN);
  /** A learner's personal data is the privacy officer's alone, administrators' neither. */
  static final Set<String> PRIVACY_OFFICERS = Set.of(PRIVACY_OFFICER);

  /** Moving running certificates to a new process version is the administrators' release work. */
  static final Set<String> PROCESS_MIGRATORS = Set.of(CAMUNDA_ADMIN);

  static final List<OperatorRule> OPERATOR_RULES = List.of(
      OperatorRule.of(GET, "/api/v1/calendar/deadline", ANY_OPERATOR),
      OperatorRule.of(GET, "/api/v1/calendar/holidays", ANY_OPERATOR),
      OperatorRule.of(GET, "/api/v1/calendar/years", ANY_OPERATOR),
      OperatorRule.of(PUT, "/api/v1/calendar/holidays/{date}", CALENDAR_CHANGERS),
      OperatorRule.of(DELETE, "/api/v1/calendar/holidays/{date}", CALENDAR_CHANGERS),
      OperatorRule.of(PUT, "/api/v1/calendar/years/{year}", CALENDAR_CHANGERS),
      OperatorRule.of(DELETE, "/api/v1/calendar/years/{year}", CALENDAR_CHANGERS),
      OperatorRule.of(GET, "/api/v1/escalations", OPERATORS_OF_ESCALATIONS),
      OperatorRule.of(GET, "/api/v1/reconciliation", OPERATORS_OF_ESCALATIONS),
      OperatorRule.of(GET, "/api/v1/learners/{learnerId}/personal-data", PRIVACY_OFFICERS),
      OperatorRule.of(POST, "/api/v1/erasures", PRIVACY_OFFICERS),
      OperatorRule.of(GET, "/api/v1/erasures", PRIVACY_OFFICERS),
      OperatorRule.of(GET, "/api/v1/process-migrations", PROCESS_MIGRATORS),
      OperatorRule.of(POST, "/api/v1/process-migrations", PROCESS_MIGRATORS),
      OperatorRule.of(GET, "/api/v1/process-migrations/{batchId}", PROCESS_MIGRATORS));

  /**
   * Operators who see the health details and the other actuator endpoints, {@code
   * /actuator/prometheus} among them (the operators' Prometheus scrapes with such a user).
   */
  static final Set<String> ACTUATOR_READERS = Set.of(OPERATIONS, CAMUNDA_ADMIN);

  private final ObjectMapper json;

  Doors(ObjectMapper json) {
    this.json = json;
  }

  // --- the chains, one per kind of caller ---------------------------------------------------

  /** Digital platforms: their signed callbacks, each to its own path. */
  @Bean
  @Order(1)
  SecurityFilterChain platformCallbacks(HttpSecurity http, PlatformCallers platforms)
      throws Exception {
    return stateless(http, PATHS.matcher("/api/v1/platforms/**"))
        .addFilterBefore(platforms.signatureCheck(), AuthorizationFilter.class)
        .authorizeHttpRequests(doors -> doors
            .requestMatchers(PATHS.matcher(POST, "/api/v1/platforms/{platform}/events"))
            .access(PlatformCallers::toItsOwnPath)
            .anyRequest().denyAll())
        .exceptionHandling(refusals -> refusals
            .authenticationEntryPoint(answer(ApiProblem.unauthorized("Send "
                + "X-Sertiflow-Timestamp and X-Sertiflow-Signature, signed with your platform's secret.")))
            .accessDeniedHandler(answer(forbidden("A platform may post only its own events."))))
        .build();
  }

  /** The learning platform's back end: intake, status and name corrections by API key. */
  @Bean
  @Order(2)
  SecurityFilterChain learningPlatform(HttpSecurity http, ApiKeys keys) throws Exception {
    AuthenticationFilter byKey = new AuthenticationFilter(new ProviderManager(keys),
        ApiKeys::presented);
    byKey.setSuccessHandler((request, response, key) -> { });
    byKey.setFailureHandler((request, response, refused) ->
        ProblemResponses.write(response, json, ApiProblem.unauthorized(refused.getMessage())));
    return stateless(http, PATHS.matcher("/api/v1/completions/**"),
            PATHS.matcher("/api/v1/certificates"), PATHS.matcher("/api/v1/certificates/**"))
        .addFilterBefore(byKey, AuthorizationFilter.class)
        .authorizeHttpRequests(doors -> doors
            .requestMatchers(PATHS.matcher(POST, "/api/v1/completions"),
                PATHS.matcher(POST, "/api/v1/completions/batch"),
                PATHS.matcher(GET, "/api/v1/certificates"),
                PATHS.matcher(GET, "/api/v1/certificates/{certificateId}"),
                PATHS.matcher(PATCH, "/api/v1/certificates/{certificateId}/learner"))
            .hasAuthority(ApiKeys.LEARNING_PLATFORM)
            .anyRequest().denyAll())
        .exceptionHandling(refusals -> refusals
            .authenticationEntryPoint(answer(ApiProblem.unauthorized(
                "Send your API key in " + ApiKeys.HEADER + ".")))
            .accessDeniedHandler(answer(forbidden("An API key opens intake and status only."))))
        .build();
  }

  /**
   * Learners: the status look-up by redemption code and e-mail, open to anyone, rate limited; and
   * the stages with their deadlines, which the status page explains before any look-up.
   */
  @Bean
  @Order(3)
  SecurityFilterChain learners(HttpSecurity http) throws Exception {
    return stateless(http, PATHS.matcher("/api/v1/status-lookups"), PATHS.matcher("/api/v1/stages"))
        .authorizeHttpRequests(doors -> doors
            .requestMatchers(PATHS.matcher(POST, "/api/v1/status-lookups"),
                PATHS.matcher(GET, "/api/v1/stages")).permitAll()
            .anyRequest().denyAll())
        .exceptionHandling(refusals -> refusals
            .authenticationEntryPoint(answer(methodNotAllowed())))
        .build();
  }

  /**
   * Learners from an e-mail: the page that stops further e-mails for a certificate, and RFC 8058's
   * one-click POST to it, open to anyone holding a link SertiFlow signed ({@link OptOutLinks}).
   */
  @Bean
  @Order(3)
  SecurityFilterChain emailRecipients(HttpSecurity http, OptOutLinks links) throws Exception {
    return stateless(http, PATHS.matcher("/email-stops/**"))
        .authorizeHttpRequests(doors -> doors
            .requestMatchers(PATHS.matcher(GET, OptOutLinks.PATH), PATHS.matcher(POST, OptOutLinks.PATH))
            .access((caller, request) -> new AuthorizationDecision(links.isSigned(
                request.getVariables().get("certificateId"), request.getVariables().get("signature"))))
            .anyRequest().denyAll())
        .exceptionHandling(refusals -> refusals
            .authenticationEntryPoint(answer(forbidden(
                "This link to stop e-mails is not one SertiFlow signed: open the one in your e-mail."))))
        .build();
  }

  /** Operators on SertiFlow's own APIs, and every other path under {@code /api/}: refused. */
  @Bean
  @Order(4)
  SecurityFilterChain operators(HttpSecurity http, CamundaOperators operators) throws Exception {
    return stateless(http, PATHS.matcher("/api/**"))
        .httpBasic(basic -> basic.authenticationEntryPoint(operatorChallenge()))
        .authenticationManager(new ProviderManager(operators))
        .addFilterAfter(operators.inTheEnginesName(), AuthorizationFilter.class)
        .authorizeHttpRequests(doors -> {
          for (OperatorRule rule : OPERATOR_RULES) {
            var door = doors.requestMatchers(rule.matcher());
            if (rule.groups().isEmpty()) {
              door.authenticated();
            } else {
              door.hasAnyAuthority(rule.groups().toArray(String[]::new));
            }
          }
          doors.anyRequest().denyAll();
        })
        .exceptionHandling(refusals -> refusals
            .authenticationEntryPoint(operatorChallenge())
            .accessDeniedHandler(operatorRefusal()))
        .build();
  }

  /** Health for anyone (its status only); its details and every other endpoint for operators. */
  @Bean
  @Order(5)
  SecurityFilterChain actuator(HttpSecurity http, CamundaOperators operators) throws Exception {
    String[] readers = ACTUATOR_READERS.toArray(String[]::new);
    return stateless(http, PATHS.matcher("/actuator/**"), PATHS.matcher("/actuator"))
        .httpBasic(basic -> basic.authenticationEntryPoint(operatorChallenge()))
        .authenticationManager(new ProviderManager(operators))
        .authorizeHttpRequests(doors -> doors
            .requestMatchers(PATHS.matcher(GET, "/actuator/health"),
                PATHS.matcher(GET, "/actuator/health/**")).permitAll()
            .anyRequest().hasAnyAuthority(readers))
        .exceptionHandling(refusals -> refusals
            .authenticationEntryPoint(operatorChallenge())
            .accessDeniedHandler(answer(forbidden("This needs membership of one of the groups "
                + String.join(", ", new TreeSet<>(ACTUATOR_READERS)) + "."))))
        .build();
  }

  /**
   * Camunda's web apps and engine REST API keep their own authentication (the web apps' login and
   * session, HTTP Basic on {@code /engine-rest}: {@link #engineRestCredentials}), their own CSRF
   * protection and their own security headers; this chain adds nothing but the firewall.
   */
  @Bean
  @Order(6)
  SecurityFilterChain camunda(HttpSecurity http) throws Exception {
    return http.securityMatcher(new OrRequestMatcher(PATHS.matcher("/camunda/**"),
            PATHS.matcher("/engine-rest/**")))
        .authorizeHttpRequests(doors -> doors.anyRequest().permitAll())
        .csrf(csrf -> csrf.disable())
        .headers(headers -> headers.disable())
        .requestCache(cache -> cache.disable())
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .build();
  }

  /** Swagger UI: its page needs inline styles, so it keeps every header but the content policy. */
  @Bean
  @Order(7)
  SecurityFilterChain swaggerUi(HttpSecurity http) throws Exception {
    return stateless(http, false, PATHS.matcher("/swagger-ui.html"), PATHS.matcher("/swagger-ui/**"))
        .authorizeHttpRequests(doors -> doors.requestMatchers(PATHS.matcher(GET, "/**")).permitAll()
            .anyRequest().denyAll())
        .exceptionHandling(refusals -> refusals.authenticationEntryPoint(answer(NOTHING_HERE)))
        .build();
  }

  /**
   * Everything else: the status page, the published contract, the demo simulator's platform
   * endpoint, Spring's error dispatch. Any other path is answered 404, whoever asks.
   */
  @Bean
  @Order(8)
  SecurityFilterChain publicPages(HttpSecurity http) throws Exception {
    return stateless(http, true, request -> true)
        .authorizeHttpRequests(doors -> doors
            .requestMatchers(PATHS.matcher(GET, "/"), PATHS.matcher(GET, "/index.html"),
                PATHS.matcher(GET, "/favicon.svg"), PATHS.matcher(GET, "/css/**"),
                PATHS.matcher(GET, "/js/**"), PATHS.matcher(GET, "/v3/api-docs"),
                PATHS.matcher(GET, "/v3/api-docs/**"),
                PATHS.matcher(POST, "/simulator/{platform}/completion-reports"),
                PATHS.matcher("/error")).permitAll()
            .anyRequest().denyAll())
        .exceptionHandling(refusals -> refusals
            .authenticationEntryPoint(answer(NOTHING_HERE))
            .accessDeniedHandler(answer(NOTHING_HERE)))
        .build();
  }

  /**
   * What every chain of SertiFlow's own shares: no session, no CSRF token (no cookie opens any of
   * these doors), no saved requests, and the security headers.
   */
  private static HttpSecurity stateless(HttpSecurity http, RequestMatcher... paths)
      throws Exception {
    return stateless(http, true, paths);
  }

  private static HttpSecurity stateless(HttpSecurity http, boolean contentPolicy,
      RequestMatcher... paths) throws Exception {
    return http.securityMatcher(paths.length == 1 ? paths[0] : new OrRequestMatcher(paths))
        .csrf(csrf -> csrf.disable())
        .requestCache(cache -> cache.disable())
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .headers(headers -> {
          headers.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
              .frameOptions(frames -> frames.deny());
          if (contentPolicy) {
            headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY));
          }
        });
  }

  // --- refusals, as problem documents --------------------------------------------------------

  private static final ApiProblem NOTHING_HERE =
      ApiProblem.notFound("There is nothing at this address.");

  private static ApiProblem forbidden(String detail) {
    return new ApiProblem(HttpStatus.FORBIDDEN, "Forbidden", detail, null);
  }

  private static ApiProblem methodNotAllowed() {
    return new ApiProblem(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed",
        "This resource takes POST only.", null);
  }

  /** Answers a refusal with {@code problem}; serves as entry point and as access-denied handler. */
  private Refusal answer(ApiProblem problem) {
    return (request, response, refused) -> ProblemResponses.write(response, json, problem);
  }

  /** 401 with a Basic challenge: the operators' doors. */
  private AuthenticationEntryPoint operatorChallenge() {
    return (request, response, refused) -> {
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\"");
      ProblemResponses.write(response, json, ApiProblem.unauthorized(request.getHeader(
          HttpHeaders.AUTHORIZATION) == null
          ? "Send the credentials of a SertiFlow operator (HTTP Basic)."
          : "The user name or password is not valid."));
    };
  }

  /** 403 naming the groups the operator's door asks for. */
  private AccessDeniedHandler operatorRefusal() {
    return (request, response, refused) -> ProblemResponses.write(response, json,
        forbidden(groupsFor(request)));
  }

  static String groupsFor(HttpServletRequest request) {
    return OPERATOR_RULES.stream().filter(rule -> rule.matcher().matches(request)).findFirst()
        .map(rule -> "This needs membership of one of the groups "
            + String.join(", ", new TreeSet<>(rule.groups())) + ".")
        .orElse("No group opens this path or method: it is not a door of SertiFlow.");
  }

  /** One lambda for both kinds of refusal. */
  private interface Refusal extends AuthenticationEntryPoint, AccessDeniedHandler {
    void refuse(HttpServletRequest request, HttpServletResponse response, Exception refused)
        throws IOException;

    @Override
    default void commence(HttpServletRequest request, HttpServletResponse response,
        AuthenticationException refused) throws IOException {
      refuse(request, response, refused);
    }

    @Override
    default void handle(HttpServletRequest request, HttpServletResponse response,
        AccessDeniedException refused) throws IOException {
      refuse(request, response, refused);
    }
  }

  /**
   * No Micrometer observation around each security filter, authentication and authorization:
   * with actuator's registry present Spring Security wraps every filter of a chain in one, a dozen
   * per request on the status read, which learners call on every page load. The request itself is
   * still observed once, by Spring's own server observation.
   */
  @Bean
  SecurityObservationSettings noObservationPerSecurityFilter() {
    return SecurityObservationSettings.noObservations();
  }

  // --- the firewall and the servlet filters around the chains --------------------------------

  /** One firewall, in front of every request and in the chains; it holds no state. */
  private static final PathFirewall FIREWALL = new PathFirewall();

  /** Ambiguous paths, methods and headers are refused with a problem document, not a bare 400. */
  private static RequestRejectedHandler refusedAsAmbiguous(ObjectMapper json) {
    return (request, response, rejected) -> ProblemResponses.write(response, json,
        ApiProblem.badRequest("This address cannot be read"
          + " one way only: it holds an encoded or doubled separator, a dot segment, a ';'"
          + " parameter, an encoded letter or digit, or a method or character this service does"
          + " not take."));
  }

  @Bean
  WebSecurityCustomizer firewallInTheChains() {
    return web -> web.httpFirewall(FIREWALL).requestRejectedHandler(refusedAsAmbiguous(json));
  }

  /**
   * The chains without the look-up of the Spring MVC handler that Spring Security puts in front of
   * them once Spring MVC is there: it finds the controller of every request ahead of the
   * dispatcher, for request matchers that ask Spring MVC and for CORS settings taken from it.
   * These doors match on the resolved path ({@code PathPatternRequestMatcher}) and take no CORS,
   * so nothing reads that look-up, and it cost about a tenth of a status read (a Java Flight
   * Recording of the status read under load, docs/benchmarks.md). The same chains, firewall and
   * refusal, in a {@link ChainsOnTheParsedPath}.
   */
  @Bean
  static BeanPostProcessor chainsWithoutSpringMvcLookUp(ObjectProvider<ObjectMapper> json) {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String name) {
        if (!AbstractSecurityWebApplicationInitializer.DEFAULT_FILTER_NAME.equals(name)
            || !(bean instanceof FilterChainProxy wrapped)
            || bean.getClass() == FilterChainProxy.class) {
          return bean;
        }
        FilterChainProxy plain = new ChainsOnTheParsedPath(wrapped.getFilterChains());
        plain.setFirewall(FIREWALL);
        plain.setRequestRejectedHandler(refusedAsAmbiguous(json.getObject()));
        plain.afterPropertiesSet();
        return plain;
      }
    };
  }

  /**
   * Spring Security's chains with the request's path parsed once for all their
   * {@code PathPatternRequestMatcher}s, as Spring Security's own wrapper does (each matcher would
   * otherwise parse it again), and put back as it was afterwards.
   */
  static final class ChainsOnTheParsedPath extends FilterChainProxy {

    ChainsOnTheParsedPath(List<SecurityFilterChain> chains) {
      super(chains);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
        throws IOException, ServletException {
      RequestPath before = ServletRequestPathUtils.hasParsedRequestPath(request)
          ? ServletRequestPathUtils.getParsedRequestPath(request) : null;
      ServletRequestPathUtils.parseAndCache((HttpServletRequest) request);
      try {
        super.doFilter(request, response, chain);
      } finally {
        ServletRequestPathUtils.setParsedRequestPath(before, request);
      }
    }
  }

  @Bean
  FilterRegistrationBean<?> firewallFirst() {
    return FilterOrder.FIREWALL.of(FIREWALL.asFirstFilter(refusedAsAmbiguous(json)));
  }

  /**
   * Tomcat would refuse an encoded {@code /} or {@code \} itself, before any filter, with an HTML
   * page of its own; passed through undecoded, they reach the firewall, which refuses them as every
   * other ambiguous path, with a problem document.
   */
  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> encodedSeparatorsReachTheFirewall() {
    return factory -> factory.addConnectorCustomizers(connector -> {
      connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
      connector.setEncodedReverseSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
    });
  }

  @Bean
  FilterRegistrationBean<RequestSizeLimit> bodyBound() {
    return FilterOrder.BODY_BOUND.of(new RequestSizeLimit(json));
  }

  @Bean
  FilterRegistrationBean<Utf8RequestBody> bodyUtf8() {
    return FilterOrder.BODY_UTF8.of(new Utf8RequestBody(json));
  }

  /**
   * Camunda's engine REST API is open to anyone by default; here it asks for HTTP Basic
   * credentials of a Camunda user on every call, checked by Camunda itself (login throttling and
   * authorization included).
   */
  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestCredentials() {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        FilterOrder.ENGINE_REST_CREDENTIALS.of(new ProcessEngineAuthenticationFilter());
    registration.addUrlPatterns("/engine-rest/*");
    registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        EngineRestLogin.HTTP_BASIC);
    return registration;
  }
}
