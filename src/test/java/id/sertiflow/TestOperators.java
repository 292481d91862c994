package id.sertiflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;

/** Operators the tests make: Camunda users in the groups asked for, deleted again after. */
public final class TestOperators {

  /** Every test operator's password; it passes Camunda's password policy. */
  public static final String PASSWORD = "Kunci-Rahasia-2026!";

  private final IdentityService identity;
  private final List<String> made = new ArrayList<>();

  public TestOperators(IdentityService identity) {
    this.identity = identity;
  }

  /** A new operator, a member of {@code groups}, with {@link #PASSWORD}; returns its id. */
  public String create(String... groups) {
    String id = "op" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50), 36)
        .toLowerCase(Locale.ROOT);
    User user = identity.newUser(id);
    user.setFirstName("Test");
    user.setLastName("Operator");
    user.setPassword(PASSWORD);
    identity.saveUser(user);
    made.add(id);
    for (String group : groups) {
      identity.createMembership(id, group);
    }
    return id;
  }

  /** The operator's {@code Authorization} header. */
  public static String credentialsOf(String user) {
    return TestApi.basic(user, PASSWORD);
  }

  public void deleteAll() {
    made.forEach(identity::deleteUser);
    made.clear();
  }
}
