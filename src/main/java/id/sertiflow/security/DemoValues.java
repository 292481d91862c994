package id.sertiflow.security;

import id.sertiflow.platform.Platform;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * With no configuration SertiFlow runs in demo mode: operator demo/demo, API key demo-key and
 * demo platform secrets. That is said loudly at start-up, and the {@code prod} profile refuses to
 * start at all while any of them is left, naming each setting to change.
 */
@Component
class DemoValues implements BeanFactoryPostProcessor, EnvironmentAware {

  private static final Logger log = LoggerFactory.getLogger(DemoValues.class);
  static final String DEMO_PASSWORD = "demo";
  static final String DEMO_API_KEY = "demo-key";
  static final String DEMO_SECRET_PREFIX = "demo-secret-";

  private Environment environment;

  @Override
  public void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  /** The settings still at their demo value, by the names an operator sets. */
  List<String> leftAtDemoValues() {
    List<String> left = new ArrayList<>();
    if (DEMO_PASSWORD.equals(environment.getProperty("camunda.bpm.admin-user.password"))) {
      left.add("camunda.bpm.admin-user.password");
    }
    String keys = environment.getProperty("sertiflow.api-keys", "");
    if (Arrays.stream(keys.split(",")).map(String::trim).anyMatch(DEMO_API_KEY::equals)) {
      left.add("sertiflow.api-keys");
    }
    for (Platform platform : Platform.values()) {
      String name = "sertiflow.platforms." + platform.configKey() + ".secret";
      String secret = environment.getProperty(name, "");
      if (secret.isBlank() || secret.startsWith(DEMO_SECRET_PREFIX)) {
        left.add(name);
      }
    }
    return left;
  }

  /** Runs before any other bean exists: a refused start touches neither the database nor the engine. */
  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    List<String> left = leftAtDemoValues();
    if (left.isEmpty()) {
      return;
    }
    if (environment.acceptsProfiles(Profiles.of("prod"))) {
      throw new IllegalStateException("The prod profile refuses demo credentials. Set: "
          + String.join(", ", left));
    }
    log.warn("DEMO MODE: {} still at demo values (operator demo/demo, API key demo-key, demo "
        + "platform secrets). Never expose this instance; run with the prod profile in production.",
        String.join(", ", left));
  }
}
