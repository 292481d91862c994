package id.sertiflow.notification;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * E-mails go out when {@code sertiflow.notifications.enabled} says so, and by default when an
 * SMTP server is configured ({@code spring.mail.host}). Without one (demo mode as it starts), each
 * notification is written to the log instead ({@link Notifications}).
 */
final class NotificationsEnabled implements Condition {

  static boolean in(Environment environment) {
    Boolean enabled = environment.getProperty("sertiflow.notifications.enabled", Boolean.class);
    if (enabled != null) {
      return enabled;
    }
    String host = environment.getProperty("spring.mail.host");
    return host != null && !host.isBlank();
  }

  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    return in(context.getEnvironment());
  }
}
