package id.sertiflow.security;

import id.sertiflow.platform.Platform;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * start at all while any of them is left, naming each setting to change. Under {@code prod} it also
 * refuses what would make a real node weak: an API key shorter than {@link #MIN_API_KEY_LENGTH}
 * characters (guessable), and a platform report endpoint that is not {@code https} (reports carry
 * learners' names), a {@code localhost} one aside. Operators left from demo mode in the database
 * are refused by {@link DemoOperator}, once the engine can be asked.
 */
@Component
class DemoValues implements BeanFactoryPostProcessor, EnvironmentAware {

  private static final Logger log = LoggerFactory.getLogger(DemoValues.class);
  static final String DEMO_PASSWORD = "demo";
  static final String DEMO_API_KEY = "demo-key";
  static final String DEMO_SECRET_PREFIX = "demo-secret-";
  static final int MIN_API_KEY_LENGTH = 32;
  static final String PROD = "prod";
  static final String OPT_OUT_SECRET = "sertiflow.notifications.opt-out-secret";

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
    if (apiKeys().contains(DEMO_API_KEY)) {
      left.add("sertiflow.api-keys");
    }
    for (Platform platform : Platform.values()) {
      String name = "sertiflow.platforms." + platform.configKey() + ".secret";
      String secret = environment.getProperty(name, "");
      if (secret.isBlank() || secret.startsWith(DEMO_SECRET_PREFIX)) {
        left.add(name);
      }
    }
    // the key of the links that stop a learner's e-mails (notification.OptOutLinks)
    String optOutSecret = environment.getProperty(OPT_OUT_SECRET, "");
    if (optOutSecret.isBlank() || optOutSecret.startsWith(DEMO_SECRET_PREFIX)) {
      left.add(OPT_OUT_SECRET);
    }
    return left;
  }

  private List<String> apiKeys() {
    return ApiKeys.configured(environment.getProperty("sertiflow.api-keys", ""));
  }

  /** The settings a production node must not have, each with why. */
  List<String> weakForProduction() {
    List<String> weak = new ArrayList<>();
    if (apiKeys().stream().anyMatch(k -> k.length() < MIN_API_KEY_LENGTH)) {
      weak.add("sertiflow.api-keys (every key at least " + MIN_API_KEY_LENGTH + " characters)");
    }
    for (Platform platform : Platform.values()) {
      String name = "sertiflow.platforms." + platform.configKey() + ".base-url";
      String url = environment.getProperty(name, "");
      if (!url.isBlank() && !isHttpsOrLocal(url)) {
        weak.add(name + " (https, or a localhost address)");
      }
    }
    return weak;
  }

  private static boolean isHttpsOrLocal(String url) {
    try {
      URI uri = URI.create(url.trim());
      String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
      return "https".equalsIgnoreCase(uri.getScheme()) || ("http".equalsIgnoreCase(uri.getScheme())
          && (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]")));
    } catch (IllegalArgumentException notAUrl) {
      return false;
    }
  }

  /** Runs before any other bean exists: a refused start touches neither the database nor the engine. */
  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    List<String> left = leftAtDemoValues();
    if (environment.acceptsProfiles(Profiles.of(PROD))) {
      List<String> refused = new ArrayList<>(left);
      refused.addAll(weakForProduction());
      if (!refused.isEmpty()) {
        throw new IllegalStateException("The prod profile refuses demo credentials and weak "
            + "settings. Set: " + String.join(", ", refused));
      }
      return;
    }
    if (left.isEmpty()) {
      return;
    }
    log.warn("DEMO MODE: {} still at demo values (operator demo/demo, API key demo-key, demo "
        + "platform secrets). Never expose this instance; run with the prod profile in production.",
        String.join(", ", left));
  }
}
