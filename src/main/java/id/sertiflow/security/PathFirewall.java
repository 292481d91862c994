package id.sertiflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Spring Security's {@link StrictHttpFirewall} (encoded or doubled separators, dot segments,
 * {@code ;} parameters, odd methods and characters), plus one rule of SertiFlow's: a path holding a
 * percent-encoded letter, digit, {@code -}, {@code _} or {@code ~} is refused too. No client
 * encodes those (RFC 3986, 2.3), and such a path is read two ways: Tomcat maps it to Camunda's
 * REST servlet by its decoded form while Spring's path parsing compares the raw one, and fails.
 *
 * <p>It runs as the very first filter ({@link #asFirstFilter}), so that no filter (Spring's own
 * path parsing included) ever sees a path that can be read two ways, and again inside Spring
 * Security's filter chain proxy, which applies it to every request it serves.
 */
final class PathFirewall extends StrictHttpFirewall {

  private static final Pattern ENCODED_UNRESERVED =
      Pattern.compile("%(3[0-9]|4[1-9a-fA-F]|5[0-9aA]|6[1-9a-fA-F]|7[0-9aA]|2[dD]|5[fF]|7[eE])");

  @Override
  public FirewalledRequest getFirewalledRequest(HttpServletRequest request) {
    String uri = request.getRequestURI();
    if (uri != null && ENCODED_UNRESERVED.matcher(uri).find()) {
      throw new RequestRejectedException("The request was rejected because the URL encodes a "
          + "character that needs no encoding");
    }
    return super.getFirewalledRequest(request);
  }

  /** The firewall in front of every other filter; a refused request is answered by {@code refusal}. */
  OncePerRequestFilter asFirstFilter(RequestRejectedHandler refusal) {
    return new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
          FilterChain chain) throws ServletException, IOException {
        try {
          getFirewalledRequest(request);
        } catch (RequestRejectedException rejected) {
          refusal.handle(request, response, rejected);
          return;
        }
        chain.doFilter(request, response);
      }
    };
  }
}
