package id.sertiflow.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.IdentityServiceImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.spring.boot.starter.configuration.Ordering;
import org.camunda.bpm.spring.boot.starter.property.AdminUserProperty;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demo mode's operator demo/demo, which API.md fixes, under the password policy that no such
 * password passes. Camunda's starter creates the first operator ({@code camunda.bpm.admin-user})
 * through the policy, so a demo password would stop the engine from starting; this plugin runs just
 * before the starter's and creates that one user past the policy, and only while its password is
 * the demo value (which the prod profile refuses before the engine exists, see
 * {@link DemoValues}). Any other first-operator password is left to the starter and must pass. The
 * groups, memberships and grants the starter would have made come from {@link OperatorGroups}.
 */
@Component
@Order(Ordering.DEFAULT_ORDER - 1)
class DemoOperator extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(DemoOperator.class);

  private final CamundaBpmProperties camunda;

  DemoOperator(CamundaBpmProperties camunda) {
    this.camunda = camunda;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    AdminUserProperty first = camunda.getAdminUser();
    if (first == null || first.getId() == null
        || !DemoValues.DEMO_PASSWORD.equals(first.getPassword())
        || !engine.getProcessEngineConfiguration().isEnablePasswordPolicy()) {
      return;
    }
    IdentityService identity = engine.getIdentityService();
    if (exists(identity, first.getId())) {
      return;
    }
    first.init();
    User user = identity.newUser(first.getId());
    user.setFirstName(first.getFirstName());
    user.setLastName(first.getLastName());
    user.setEmail(first.getEmail());
    user.setPassword(first.getPassword());
    try {
      // the only user ever saved past the policy: demo mode's own, at its demo password
      ((IdentityServiceImpl) identity).saveUser(user, true);
      log.warn("DEMO MODE: created the operator {} with the demo password, past the password "
          + "policy", first.getId());
    } catch (ProcessEngineException e) {
      if (!exists(identity, first.getId())) {
        throw e;
      }
      // another node created it first
    }
  }

  private static boolean exists(IdentityService identity, String userId) {
    return identity.createUserQuery().userId(userId).count() > 0;
  }
}
