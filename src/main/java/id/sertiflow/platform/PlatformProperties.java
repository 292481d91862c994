package id.sertiflow.platform;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code sertiflow.platforms.<code>.*}: each platform's callback secret, report endpoint and
 * timeouts. What differs between platforms lives here, never in copies of code.
 */
@ConfigurationProperties(prefix = "sertiflow")
public record PlatformProperties(Map<String, Settings> platforms) {

  /**
   * @param connectTimeout how long to wait for a connection to the platform (default 5 s)
   * @param readTimeout how long to wait for its answer to one chunk of reports (default 60 s)
   */
  public record Settings(String secret, String baseUrl, Duration connectTimeout,
      Duration readTimeout) {

    public Settings {
      connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
      readTimeout = readTimeout == null ? Duration.ofSeconds(60) : readTimeout;
    }
  }

  public PlatformProperties {
    platforms = platforms == null ? Map.of() : Map.copyOf(platforms);
  }

  public Optional<Settings> of(Platform platform) {
    return Optional.ofNullable(platforms.get(platform.configKey()));
  }
}
