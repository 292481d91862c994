package id.sertiflow.platform;

import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code sertiflow.platforms.<code>.secret} and {@code .base-url}, as API.md names them. */
@ConfigurationProperties(prefix = "sertiflow")
public record PlatformProperties(Map<String, Settings> platforms) {

  public record Settings(String secret, String baseUrl) {}

  public PlatformProperties {
    platforms = platforms == null ? Map.of() : Map.copyOf(platforms);
  }

  public Optional<Settings> of(Platform platform) {
    return Optional.ofNullable(platforms.get(platform.configKey()));
  }
}
