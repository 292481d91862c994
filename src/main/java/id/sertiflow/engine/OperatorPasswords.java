package id.sertiflow.engine;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.IdentityServiceImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.impl.util.EncryptionUtil;

/**
 * What demo mode and the prod profile need of operators' passwords beyond Camunda's public API.
 *
 * <p>In {@code engine}: the stored hash and salt are on Camunda's internal {@code UserEntity}, the
 * hashing on its internal password manager, and saving a user past the password policy on its
 * internal {@code IdentityServiceImpl}. {@code IdentityService.checkPassword} would do a login,
 * with its throttling, which a check at start must not trip.
 */
public final class OperatorPasswords {

  /** Whether {@code user}'s stored password is {@code password}, compared with the stored hash. */
  public static boolean is(ProcessEngine engine, User user, String password) {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    return user instanceof UserEntity stored && stored.getPassword() != null
        && configuration.getPasswordManager().check(
            EncryptionUtil.saltPassword(password, stored.getSalt()), stored.getPassword());
  }

  /** Saves a new user without holding its password to the password policy. */
  public static void savePastPolicy(IdentityService identity, User user) {
    ((IdentityServiceImpl) identity).saveUser(user, true);
  }

  private OperatorPasswords() {}
}
