package id.sertiflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.sertiflow.NodeInThisJvm;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the prod profile refuses beyond the demo values before any engine exists: weak settings.
 * The node is the real application class in the test JVM ({@link NodeInThisJvm}), refused in a
 * fraction of a second; that the main class in a JVM of its own exits non-zero and says what to
 * set, refuses a database demo mode used, and starts with real settings, {@link ProdProfileTests}
 * shows.
 */
class ProdProfileRefusalTests {

  /** The settings of a prod node on {@code database}, every credential real, and {@code more}. */
  static List<String> prod(String database, String... more) {
    List<String> settings = new ArrayList<>(ProdProfileTests.STRONG);
    settings.addAll(List.of("spring.profiles.active=prod", "spring.datasource.url=" + database,
        "camunda.bpm.job-execution.enabled=false"));
    settings.addAll(List.of(more));
    return settings;
  }

  @Test
  void refusesAShortApiKeyAndAPlatformReachedWithoutTls() {
    assertThatThrownBy(() -> NodeInThisJvm.start("prodWeak", prod("jdbc:h2:mem:prod-weak",
        "sertiflow.api-keys=lms-key-0123456789abcdefghijklmnopqrstuv,short-key",
        "sertiflow.platforms.tokopedia.base-url=http://tokopedia.example/reports",
        "sertiflow.platforms.kariermu.base-url=https://kariermu.example/reports")).close())
        .hasMessageContaining("The prod profile refuses demo credentials and weak settings")
        .hasMessageContaining("sertiflow.api-keys (every key at least 32 characters)")
        .hasMessageContaining("sertiflow.platforms.tokopedia.base-url (https")
        .satisfies(refusal -> assertThat(refusal.getMessage())
            .doesNotContain("sertiflow.platforms.kariermu.base-url")
            .doesNotContain("sertiflow.platforms.bukalapak.base-url")
            .doesNotContain("camunda.bpm.admin-user.password"));
  }
}
