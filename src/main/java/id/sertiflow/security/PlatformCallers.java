package id.sertiflow.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import id.sertiflow.api.ApiProblem;
import id.sertiflow.api.ProblemResponses;
import id.sertiflow.api.RequestSizeLimit;
import id.sertiflow.platform.CallbackSignature;
import id.sertiflow.platform.Platform;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher.MatchResult;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The digital platforms at their callback door: the platform named in the path, proven by the
 * HMAC of {@link CallbackSignature}. The headers are checked before the body is read, so an
 * unsigned caller never makes the service read a body; then the body is read once, within the
 * limits, and the signature checked over those exact bytes, which the controller then gets.
 */
@Component
class PlatformCallers {

  /** The one path a platform may call; {@code platform} is its code. */
  static final PathPatternRequestMatcher EVENTS =
      PathPatternRequestMatcher.withDefaults().matcher("/api/v1/platforms/{platform}/events");

  private final CallbackSignature signature;
  private final ObjectMapper json;

  PlatformCallers(CallbackSignature signature, ObjectMapper json) {
    this.signature = signature;
    this.json = json;
  }

  /** Authenticates the platform of a signed call; answers any other call itself. */
  OncePerRequestFilter signatureCheck() {
    return new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
          FilterChain chain) throws ServletException, IOException {
        MatchResult match = EVENTS.matcher(request);
        if (!match.isMatch() || !"POST".equals(request.getMethod())) {
          chain.doFilter(request, response);
          return;
        }
        String code = match.getVariables().get("platform");
        Optional<Platform> platform = Platform.fromCode(code);
        if (platform.isEmpty()) {
          ProblemResponses.write(response, json, ApiProblem.notFound("There is no platform " + code + "."));
          return;
        }
        String timestamp = request.getHeader(CallbackSignature.TIMESTAMP_HEADER);
        String signed = request.getHeader(CallbackSignature.SIGNATURE_HEADER);
        try {
          signature.checkHeaders(platform.get(), timestamp, signed);
          byte[] body = RequestSizeLimit.readAllOrRefuse(request, response, json);
          if (body == null) {
            return;
          }
          signature.verify(platform.get(), timestamp, signed, body);
        } catch (ApiProblem refused) {
          ProblemResponses.write(response, json, refused);
          return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new Caller(platform.get()));
        SecurityContextHolder.setContext(context);
        chain.doFilter(request, response);
      }
    };
  }

  /** A platform may post events only to its own path. */
  static AuthorizationDecision toItsOwnPath(Supplier<Authentication> caller,
      RequestAuthorizationContext request) {
    Optional<Platform> path = Platform.fromCode(request.getVariables().get("platform"));
    return new AuthorizationDecision(caller.get() instanceof Caller platform
        && path.isPresent() && path.get() == platform.platform);
  }

  /** A platform whose signature matched. */
  static final class Caller extends AbstractAuthenticationToken {
    private final Platform platform;

    Caller(Platform platform) {
      super(List.of());
      this.platform = platform;
      setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
      return null;
    }

    @Override
    public Object getPrincipal() {
      return platform.name();
    }
  }
}
