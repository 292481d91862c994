package id.sertiflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The prod profile refuses to start with demo credentials: the real main class in a JVM of its
 * own, as an operator would start it, must exit non-zero and say what to set.
 */
class ProdProfileTests {

  @Test
  void refusesToStartWithDemoValuesAndNamesWhatToSet() throws Exception {
    Path output = Files.createTempFile("sertiflow-prod", ".log");
    Process node = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        "id.sertiflow.SertiflowApplication",
        "--spring.profiles.active=prod",
        "--server.port=0",
        "--spring.datasource.url=jdbc:h2:mem:prod-check",
        "--camunda.bpm.job-execution.enabled=false"))
        .redirectErrorStream(true).redirectOutput(output.toFile()).start();
    boolean exited = node.waitFor(120, TimeUnit.SECONDS);
    if (!exited) {
      node.destroyForcibly();
    }
    String log = Files.readString(output, StandardCharsets.UTF_8);
    new File(output.toString()).delete();

    assertThat(exited).as("the prod node exits by itself").isTrue();
    assertThat(node.exitValue()).isNotZero();
    assertThat(log).contains("The prod profile refuses demo credentials")
        .contains("camunda.bpm.admin-user.password", "sertiflow.api-keys",
            "sertiflow.platforms.tokopedia.secret");
  }
}
