package id.sertiflow.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * When the daily report runs, how it retries and how many reports go in one request, as a node
 * started without settings of its own has them (application.yml) and as README's configuration
 * table says. The tests' own profile reports in smaller chunks; production's size is held here.
 */
class ReportingSettingsTests {

  static ReportingProperties bound(String resource) throws Exception {
    List<PropertySource<?>> yaml = new YamlPropertySourceLoader()
        .load(resource, new ClassPathResource(resource));
    return new Binder(ConfigurationPropertySources.from(yaml))
        .bindOrCreate("sertiflow.reporting", ReportingProperties.class);
  }

  @Test
  void aNodeReportsAtTenOnWorkingDaysInChunksOfFiveHundredAndRetriesFiveTimes() throws Exception {
    ReportingProperties production = bound("application.yml");
    assertThat(production.cron()).isEqualTo("0 0 10 ? * MON-FRI");
    assertThat(production.workingDaysOnly()).isTrue();
    assertThat(production.chunkSize()).isEqualTo(500);
    assertThat(production.retryCycle()).isEqualTo("R5/PT10M");
  }

  @Test
  void settingsLeftOutOrNonsensicalFallBackToTheSameDefaults() {
    ReportingProperties none = new ReportingProperties(null, " ", 0, null);
    assertThat(none.cron()).isEqualTo("0 0 10 ? * MON-FRI");
    assertThat(none.retryCycle()).isEqualTo("R5/PT10M");
    assertThat(none.chunkSize()).isEqualTo(500);
    assertThat(none.workingDaysOnly()).isTrue();
  }
}
