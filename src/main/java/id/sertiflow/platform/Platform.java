package id.sertiflow.platform;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The digital platforms where Kartu Prakerja classes are bought. */
public enum Platform {
  BUKALAPAK("Bukalapak"),
  PINTARIA("Pintaria"),
  TOKOPEDIA("Tokopedia"),
  PIJAR_MAHIR("Pijar Mahir"),
  KARIERMU("Kariermu");

  private final String displayName;

  Platform(String displayName) {
    this.displayName = displayName;
  }

  /** The name learners know the platform by. */
  public String displayName() {
    return displayName;
  }

  /** The key under {@code sertiflow.platforms.*} and in callback paths: {@code pijar-mahir}. */
  public String configKey() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Accepts the API code ({@code PIJAR_MAHIR}) or the config key ({@code pijar-mahir}). */
  public static Optional<Platform> fromCode(String code) {
    if (code == null) {
      return Optional.empty();
    }
    String normalized = code.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    return Arrays.stream(values()).filter(p -> p.name().equals(normalized)).findFirst();
  }
}
