package id.sertiflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The real main class in a JVM of its own, as an operator would start it: with demo credentials
 * under the prod profile it must exit non-zero and say what to change, and with real settings it
 * must start and show anonymous callers no more than production should. What else the prod profile
 * refuses (weak settings, a database demo mode used) {@link ProdProfileRefusalTests} asks of nodes
 * in the test JVM, which start in a tenth of the time.
 *
 * <p>Each node here is a JVM of its own, sharing nothing with the test JVM: the class runs beside
 * the others (junit-platform.properties) while its nodes start and stop, one node at a time (each
 * test in the class's thread), so that on two cores the suite and one node share the machine.
 */
@Execution(ExecutionMode.CONCURRENT)
class ProdProfileTests {

  /** Settings ({@code name=value}) a production node could run with: none of them a demo value. */
  static final List<String> STRONG = List.of(
      "camunda.bpm.admin-user.id=opslead",
      "camunda.bpm.admin-user.password=Kunci-Rahasia-Produksi-2026!",
      "sertiflow.api-keys=lms-key-0123456789abcdefghijklmnopqrstuv",
      "sertiflow.platforms.bukalapak.secret=secret-bukalapak-0123456789",
      "sertiflow.platforms.pintaria.secret=secret-pintaria-0123456789",
      "sertiflow.platforms.tokopedia.secret=secret-tokopedia-0123456789",
      "sertiflow.platforms.pijar-mahir.secret=secret-pijar-mahir-0123456789",
      "sertiflow.platforms.kariermu.secret=secret-kariermu-0123456789",
      "sertiflow.notifications.opt-out-secret=secret-opt-out-links-0123456789");

  static final Path NICE = Path.of("/usr/bin/nice");

  @TempDir Path dir;

  /**
   * A node of the real main class with {@code settings} ({@code name=value}, given as its
   * command-line arguments, as {@code NodeInThisJvm} gives them); its output goes to {@code log}.
   */
  Process start(Path log, List<String> settings) throws IOException {
    List<String> command = new ArrayList<>();
    // at the lowest CPU priority where the machine has nice: the node takes what the suite's one
    // thread leaves, instead of slowing it (the shared context's start above all) by as much
    if (Files.isExecutable(NICE)) {
      command.addAll(List.of(NICE.toString(), "-n", "19"));
    }
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // a node that lives for seconds starts as the test JVM does (surefire's argLine in pom.xml: the
    // quick compiler alone, the small collector, no full collection for metaspace's growth), and
    // leaves the other core to the rest of the suite (nothing here measures speed)
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(option -> option.startsWith("-XX:"))
        .forEach(command::add);
    command.addAll(List.of(
        "-cp", System.getProperty("java.class.path"),
        "id.sertiflow.SertiflowApplication",
        "--server.port=0",
        "--camunda.bpm.job-execution.enabled=false",
        // the test run's class path may hold the models twice (classes and a copy); one is enough
        "--camunda.bpm.deployment-resource-pattern=classpath:processes/*.bpmn"));
    settings.forEach(setting -> command.add("--" + setting));
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** Starts a node that must refuse to start, and returns what it said. */
  String refusedStart(List<String> settings) throws Exception {
    Path log = dir.resolve("refused-" + System.nanoTime() + ".log");
    Process node = start(log, settings);
    boolean exited = node.waitFor(120, TimeUnit.SECONDS);
    if (!exited) {
      node.destroyForcibly();
    }
    String said = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(exited).as("the prod node exits by itself: " + said).isTrue();
    assertThat(node.exitValue()).as(said).isNotZero();
    return said;
  }

  @Test
  @Execution(ExecutionMode.SAME_THREAD)
  void refusesToStartWithDemoValuesAndNamesWhatToSet() throws Exception {
    assertThat(refusedStart(List.of("spring.profiles.active=prod",
        "spring.datasource.url=jdbc:h2:mem:prod-check")))
        .contains("The prod profile refuses demo credentials")
        .contains("camunda.bpm.admin-user.password", "sertiflow.api-keys",
            "sertiflow.platforms.tokopedia.secret", "sertiflow.notifications.opt-out-secret");
  }

  @Test
  @Execution(ExecutionMode.SAME_THREAD)
  void startsWithRealSettingsAndShowsAnonymousCallersNeitherSwaggerUiNorHealthDetails()
      throws Exception {
    Path log = dir.resolve("prod.log");
    List<String> settings = new ArrayList<>(STRONG);
    settings.addAll(List.of("spring.profiles.active=prod",
        "spring.datasource.url=jdbc:h2:mem:prod-real"));
    Process node = start(log, settings);
    try {
      Pattern started = Pattern.compile("Tomcat started on port (\\d+)");
      Awaitility.await().atMost(120, TimeUnit.SECONDS).pollInterval(200, TimeUnit.MILLISECONDS)
          .until(() -> started.matcher(Files.readString(log, StandardCharsets.UTF_8)).find()
              || !node.isAlive());
      Matcher port = started.matcher(Files.readString(log, StandardCharsets.UTF_8));
      assertThat(port.find()).as(Files.readString(log, StandardCharsets.UTF_8)).isTrue();
      String base = "http://127.0.0.1:" + port.group(1);
      Awaitility.await().atMost(60, TimeUnit.SECONDS).pollInterval(200, TimeUnit.MILLISECONDS)
          .until(() -> get(base + "/actuator/health").statusCode() == 200);
      assertThat(get(base + "/actuator/health").body()).isEqualTo("{\"status\":\"UP\"}");
      assertThat(get(base + "/swagger-ui.html").statusCode()).isEqualTo(404);
      assertThat(get(base + "/swagger-ui/index.html").statusCode()).isEqualTo(404);
      assertThat(get(base + "/v3/api-docs").statusCode()).isEqualTo(200);
    } finally {
      node.destroy();
      node.waitFor(60, TimeUnit.SECONDS);
    }
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
