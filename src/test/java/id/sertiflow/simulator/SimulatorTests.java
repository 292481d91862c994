package id.sertiflow.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import id.sertiflow.SertiflowTest;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** The simulator in the ordinary test context, where it is switched off. */
@SertiflowTest
class SimulatorTests {

  @Autowired ApplicationContext context;
  @Autowired MockMvc mvc;

  @Test
  void isAbsentWhenDisabled() throws Exception {
    for (Class<?> type : new Class<?>[] {SimulatorProperties.class, SimulatedPlatforms.class,
        SimulatedPlatformController.class, SimulatorEvents.class, SimulatorHttp.class,
        CallbackSender.class, CompletionFeeder.class}) {
      assertThat(context.getBeanNamesForType(type)).as(type.getSimpleName()).isEmpty();
    }
    int status = mvc.perform(post("/simulator/tokopedia/completion-reports")
            .header("Idempotency-Key", "k-1").contentType(MediaType.APPLICATION_JSON)
            .content("{\"batchId\":\"k-1\",\"provider\":\"LP\",\"reports\":[]}"))
        .andReturn().getResponse().getStatus();
    assertThat(status).isEqualTo(404);
  }

  @Test
  void hasTheDocumentedDefaults() {
    SimulatorProperties defaults = SimulatorSettings.with();
    assertThat(defaults.enabled()).isFalse();
    assertThat(defaults.tick()).isEqualTo(Duration.ofSeconds(5));
    assertThat(defaults.callbackBaseUrl()).isNull();
    assertThat(defaults.platformRejectionShare()).isEqualTo(0.03);
    assertThat(defaults.pmoReportDelay()).isEqualTo(Duration.ofSeconds(20));
    assertThat(defaults.verificationDelay()).isEqualTo(Duration.ofSeconds(40));
    assertThat(defaults.pmoRejectionShare()).isEqualTo(0.05);
    assertThat(defaults.nameMismatchRejectionShare()).isEqualTo(0.5);
    assertThat(defaults.lateShare()).isEqualTo(0.1);
    assertThat(defaults.lateDelay()).isEqualTo(Duration.ofMinutes(3));
    assertThat(defaults.callbackBatchSize()).isEqualTo(500);
    assertThat(defaults.feeder().enabled()).isFalse();
    assertThat(defaults.feeder().completionsPerMinute()).isEqualTo(12);
    assertThat(defaults.feeder().nameMismatchShare()).isEqualTo(0.1);
    assertThat(defaults.feeder().reviewMissingShare()).isEqualTo(0.2);
    assertThat(defaults.feeder().backdatedShare()).isEqualTo(0.1);
    assertThat(defaults.pmoEnabled()).isTrue();
  }

  @Test
  void theBenchProfileKeepsOnlyThePlatformsWhichAcceptEveryReport() throws Exception {
    List<PropertySource<?>> bench = new YamlPropertySourceLoader()
        .load("bench", new ClassPathResource("application-bench.yml"));
    SimulatorProperties settings = new Binder(ConfigurationPropertySources.from(bench))
        .bindOrCreate("sertiflow.simulator", SimulatorProperties.class);
    assertThat(settings.enabled()).isTrue();
    assertThat(settings.platformRejectionShare()).isZero();
    assertThat(settings.feeder().enabled()).isFalse();
    assertThat(settings.pmoEnabled()).isFalse();
  }

  @Test
  void theDemoProfileTurnsItAllOn() throws Exception {
    List<PropertySource<?>> demo = new YamlPropertySourceLoader()
        .load("demo", new ClassPathResource("application-demo.yml"));
    SimulatorProperties settings = new Binder(ConfigurationPropertySources.from(demo))
        .bindOrCreate("sertiflow.simulator", SimulatorProperties.class);
    assertThat(settings.enabled()).isTrue();
    assertThat(settings.feeder().enabled()).isTrue();
    assertThat(settings.callbackBaseUrl()).isNullOrEmpty();
    assertThat(settings.pmoReportDelay()).isEqualTo(Duration.ofSeconds(20));
    assertThat(settings.verificationDelay()).isEqualTo(Duration.ofSeconds(40));
    assertThat(settings.lateDelay()).isEqualTo(Duration.ofMinutes(3));
    assertThat(settings.feeder().completionsPerMinute()).isEqualTo(12);
  }

  @Test
  void refusesAShareOutsideZeroToOne() {
    assertThatThrownBy(() -> SimulatorSettings.with("late-share", "1.5"))
        .hasStackTraceContaining("late-share must be between 0 and 1");
    assertThatThrownBy(() -> SimulatorSettings.with("callback-batch-size", "5000"))
        .hasStackTraceContaining("callback-batch-size must be 1 to 1000");
  }
}
