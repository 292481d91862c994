package id.sertiflow.simulator;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Simulator settings as Spring would bind them, with the defaults and some overrides. */
final class SimulatorSettings {

  private SimulatorSettings() {}

  /** {@code overrides} as property names below {@code sertiflow.simulator.}, then values. */
  static SimulatorProperties with(String... overrides) {
    Map<String, Object> values = new HashMap<>();
    for (int i = 0; i < overrides.length; i += 2) {
      values.put("sertiflow.simulator." + overrides[i], overrides[i + 1]);
    }
    return new Binder(new MapConfigurationPropertySource(values))
        .bindOrCreate("sertiflow.simulator", SimulatorProperties.class);
  }
}
