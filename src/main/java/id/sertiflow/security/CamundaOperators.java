package id.sertiflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Operators are Camunda users: HTTP Basic credentials are checked by Camunda's IdentityService, so
 * its login throttling holds at SertiFlow's doors as at Cockpit's, and an operator's authorities
 * are the ids of the Camunda groups the user is a member of.
 */
@Component
class CamundaOperators implements AuthenticationProvider {

  private final IdentityService identity;

  CamundaOperators(IdentityService identity) {
    this.identity = identity;
  }

  @Override
  public Authentication authenticate(Authentication presented) {
    String user = presented.getName();
    Object password = presented.getCredentials();
    // a user locked by the throttling is refused here too, even with the right password
    if (user == null || user.isEmpty() || !(password instanceof String p)
        || !identity.checkPassword(user, p)) {
      throw new BadCredentialsException("The user name or password is not valid.");
    }
    List<GrantedAuthority> groups = AuthorityUtils.createAuthorityList(identity.createGroupQuery()
        .groupMember(user).list().stream().map(Group::getId).toArray(String[]::new));
    return UsernamePasswordAuthenticationToken.authenticated(user, null, groups);
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }

  /**
   * The operator's name and groups on Camunda's engine for the rest of the request, so that the
   * engine's audit log (user operation log) names who did what.
   */
  OncePerRequestFilter inTheEnginesName() {
    return new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
          FilterChain chain) throws ServletException, IOException {
        Authentication operator = SecurityContextHolder.getContext().getAuthentication();
        if (!(operator instanceof UsernamePasswordAuthenticationToken) || !operator.isAuthenticated()) {
          chain.doFilter(request, response);
          return;
        }
        identity.setAuthentication(operator.getName(),
            AuthorityUtils.authorityListToSet(operator.getAuthorities()).stream().toList());
        try {
          chain.doFilter(request, response);
        } finally {
          identity.clearAuthentication();
        }
      }
    };
  }
}
