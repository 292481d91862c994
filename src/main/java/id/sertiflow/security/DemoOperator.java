package id.sertiflow.security;

import id.sertiflow.engine.AfterEngineBuild;
import id.sertiflow.engine.OperatorPasswords;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.spring.boot.starter.property.AdminUserProperty;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * Demo mode's operator demo/demo, which API.md fixes, under the password policy that no such
 * password passes. Camunda's starter creates the first operator ({@code camunda.bpm.admin-user})
 * through the policy, so a demo password would stop the engine from starting; this runs just
 * before the starter's plugin ({@link AfterEngineBuild}) and creates that one user past the
 * policy, and only while its password is the demo value (which the prod profile refuses before the engine exists, see
 * {@link DemoValues}). Any other first-operator password is left to the starter and must pass. The
 * groups, memberships and grants the starter would have made come from {@link OperatorGroups}.
 *
 * <p>A database first used in demo mode keeps its demo operator (a {@code camunda-admin}: it could
 * deploy a model whose expressions reach every learner's data). Under the {@code prod} profile the
 * node therefore refuses to start, naming each user, while any operator still has the demo
 * password or was created by demo mode (marked so in Camunda's user info when it was), whatever
 * password it has since: it was open to anyone who knew the demo. The password is compared with
 * the stored hash directly, never through a login, so the check trips no login throttling.
 */
@Component
class DemoOperator implements AfterEngineBuild {

  private static final Logger log = LoggerFactory.getLogger(DemoOperator.class);

  /** The user info key that marks an operator demo mode created. */
  static final String CREATED_IN_DEMO_MODE = "sertiflow.created-in-demo-mode";

  private final CamundaBpmProperties camunda;
  private final Environment environment;

  DemoOperator(CamundaBpmProperties camunda, Environment environment) {
    this.camunda = camunda;
    this.environment = environment;
  }

  @Override
  public void engineBuilt(ProcessEngine engine) {
    if (environment.acceptsProfiles(Profiles.of(DemoValues.PROD))) {
      List<String> left = leftFromDemoMode(engine);
      if (!left.isEmpty()) {
        throw new IllegalStateException("The prod profile refuses operators left from demo mode: "
            + String.join(", ", left) + ". Delete them in Camunda Admin (Users), or over "
            + "/engine-rest/user/{id}, from a node started without the prod profile (README, "
            + "\"From demo to production\").");
      }
      return;
    }
    createDemoOperator(engine);
  }

  /** Each operator with the demo password or made by demo mode, with why. */
  static List<String> leftFromDemoMode(ProcessEngine engine) {
    IdentityService identity = engine.getIdentityService();
    List<String> left = new ArrayList<>();
    for (User user : identity.createUserQuery().list()) {
      List<String> why = new ArrayList<>();
      if (OperatorPasswords.is(engine, user, DemoValues.DEMO_PASSWORD)) {
        why.add("the demo password");
      }
      if (identity.getUserInfo(user.getId(), CREATED_IN_DEMO_MODE) != null) {
        why.add("created by demo mode");
      }
      if (!why.isEmpty()) {
        left.add(user.getId() + " (" + String.join(", ", why) + ")");
      }
    }
    return left;
  }

  private void createDemoOperator(ProcessEngine engine) {
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
      OperatorPasswords.savePastPolicy(identity, user);
      identity.setUserInfo(first.getId(), CREATED_IN_DEMO_MODE, "true");
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
