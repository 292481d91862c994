package id.sertiflow.engine;

import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;

/**
 * How Camunda's engine REST API checks its callers' credentials: HTTP Basic, against Camunda's
 * users, with its login throttling.
 *
 * <p>In {@code engine}: the provider that {@code ProcessEngineAuthenticationFilter} is given by
 * class name is in the REST API's {@code impl} package; there is no public constant for it.
 */
public final class EngineRestLogin {

  /** The value of the filter's {@code authentication-provider} parameter. */
  public static final String HTTP_BASIC = HttpBasicAuthenticationProvider.class.getName();

  private EngineRestLogin() {}
}
