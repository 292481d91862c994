package id.sertiflow;

import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** A process test class fails when it walks less than 90% of its processes' flow nodes. */
@TestConfiguration
class CoverageSettings {

  @Bean
  @Primary
  ProcessEngineCoverageProperties processEngineCoverageProperties() {
    return ProcessEngineCoverageProperties.Companion.builder()
        .assertClassCoverageAtLeast(0.9)
        .withDetailedCoverageLogging()
        .build();
  }
}
