package id.sertiflow;

import java.util.List;
import org.assertj.core.api.Condition;
import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A process test class (one that registers {@link ProcessCoverageFloor}) fails when it walks less
 * than 90% of its processes' flow nodes. Other classes are measured too, but not held to it.
 */
@TestConfiguration
class CoverageSettings {

  static final double CLASS_COVERAGE_FLOOR = 0.9;

  @Bean
  @Primary
  ProcessEngineCoverageProperties processEngineCoverageProperties() {
    ProcessEngineCoverageProperties defaults = ProcessEngineCoverageProperties.Companion.builder()
        .withDetailedCoverageLogging()
        .build();
    Condition<Double> floor = new Condition<>(
        coverage -> !ProcessCoverageFloor.applies() || coverage >= CLASS_COVERAGE_FLOOR,
        "at least " + CLASS_COVERAGE_FLOOR + " in a class that registers ProcessCoverageFloor");
    return new ProcessEngineCoverageProperties(defaults.getDetailedCoverageLogging(),
        defaults.getHandleTestMethodCoverage(), defaults.getExcludedProcessDefinitionKeys(),
        List.of(floor), defaults.getTestMethodCoverageConditions(),
        defaults.getInclusionPatternsForTestClasses(), defaults.getReportDirectory());
  }
}
