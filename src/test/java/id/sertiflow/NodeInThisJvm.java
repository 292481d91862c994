package id.sertiflow;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Another SertiFlow node started in the test JVM: an application context and an engine of its own,
 * without a web server. It shares the JVM's loaded classes and compiled code, and Camunda's SQL
 * mappings as the first engine parsed them ({@link MappingsParsedOnce}), so it starts in a second
 * or two where a JVM of its own takes twenty on two cores.
 *
 * <p>Start one from the suite's one thread, not from a class running beside the others: while it
 * runs, Camunda's static registry of engines (not thread-safe) holds its engine too.
 */
public final class NodeInThisJvm {

  private NodeInThisJvm() {
  }

  /**
   * Starts the real application class with engine {@code engineName} and {@code settings}
   * ({@code name=value}), given as command-line arguments so that they win over the test profile's
   * files and the test JVM's system properties ({@code spring.profiles.active} among them).
   * A node that fails to start leaves no engine behind in Camunda's registry.
   *
   * @param engineName letters and digits: Camunda's starter ignores a name with a hyphen and builds
   *     an engine named {@code default}, which would take the shared node's place in the registry
   *     (its REST API would then answer from this node's engine, and nothing once it closed)
   */
  public static ConfigurableApplicationContext start(String engineName, List<String> settings) {
    if (!engineName.matches("[A-Za-z][A-Za-z0-9]*") || engineName.equals(ProcessEngines.NAME_DEFAULT)) {
      throw new IllegalArgumentException("not a name of an engine of its own: " + engineName);
    }
    List<String> args = new ArrayList<>(List.of(
        "camunda.bpm.process-engine-name=" + engineName,
        // without web apps: Camunda's web-app filters keep the application context in a static
        // field, and this node's (closed after the test) would replace the shared node's; and
        // without a web server at all, which no such node is asked anything through
        "camunda.bpm.webapp.enabled=false",
        "spring.main.web-application-type=none",
        // the engine's REST API is a servlet, and asks for one even without a web server
        "spring.autoconfigure.exclude="
            + "org.camunda.bpm.spring.boot.starter.rest.CamundaBpmRestJerseyAutoConfiguration",
        "spring.main.banner-mode=off"));
    args.addAll(settings);
    try {
      return new SpringApplicationBuilder(SertiflowApplication.class, MappingsParsedOnce.class)
          .run(args.stream().map(setting -> "--" + setting).toArray(String[]::new));
    } catch (RuntimeException failed) {
      // an engine built before the start failed (a refusal after the engine exists) is still
      // registered; closing it would run commands on the failed context's closed transaction
      // manager, so it is only taken out of the registry (its job executor never started)
      ProcessEngine left = ProcessEngines.getProcessEngines().get(engineName);
      if (left != null) {
        ProcessEngines.unregister(left);
      }
      throw failed;
    }
  }
}
