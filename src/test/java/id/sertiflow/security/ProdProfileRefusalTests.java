package id.sertiflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.sertiflow.NodeInThisJvm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the prod profile refuses beyond the demo values: weak settings, and a database that demo
 * mode used. Each node here is the real application class in the test JVM ({@link NodeInThisJvm}),
 * which starts in a second or two; that the main class in a JVM of its own exits non-zero and says
 * what to set, and starts with real settings, {@link ProdProfileTests} shows.
 */
class ProdProfileRefusalTests {

  @TempDir Path dir;

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

  @Test
  void refusesADatabaseDemoModeLeftItsOperatorIn() {
    String database = "jdbc:h2:file:" + dir.resolve("demo-then-prod");
    // first a demo node, as a new user would start it, on the database kept afterwards
    try (ConfigurableApplicationContext demo = NodeInThisJvm.start("demoFirst", List.of(
        "spring.profiles.active=demo", "spring.datasource.url=" + database,
        "sertiflow.simulator.enabled=false", "camunda.bpm.job-execution.enabled=false"))) {
      assertThat(DemoOperator.leftFromDemoMode(
          demo.getBean(ProcessEngine.class))).isNotEmpty();
      // in its own database file: the engine wrote there through SQL mappings another engine of
      // the test JVM parsed (MappingsParsedOnce), on its own connections
      assertThat(demo.getBean(JdbcTemplate.class)
          .queryForList("select ID_ from ACT_ID_USER", String.class)).containsExactly("demo");
    }
    // then the same database in production, every setting real
    assertThatThrownBy(() -> NodeInThisJvm.start("prodAfterDemo", prod(database)).close())
        .hasStackTraceContaining("The prod profile refuses operators left from demo mode: "
            + "demo (the demo password, created by demo mode)");
    // neither node is left in Camunda's registry, where the shared node's REST API finds its engine
    assertThat(ProcessEngines.getProcessEngines()).doesNotContainKeys("demoFirst", "prodAfterDemo");
  }
}
