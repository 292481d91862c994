package id.sertiflow.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import id.sertiflow.SertiflowTest;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * On PostgreSQL the service starts with the index that keeps the job executor's acquisition from
 * reading all of {@code ACT_RU_JOB}, holding only the locked exclusive jobs.
 */
@SertiflowTest
class LockedJobsIndexTests {

  @Autowired JdbcTemplate jdbc;
  @Autowired ProcessEngineConfigurationImpl engine;

  @Test
  void theStartedServiceHasTheIndexOfLockedExclusiveJobs() {
    assumeTrue("postgres".equals(engine.getDatabaseType()), "PostgreSQL only");

    String definition = jdbc.queryForObject(
        "select indexdef from pg_indexes where tablename = 'act_ru_job'"
            + " and indexname = 'sf_idx_job_locked_exclusive'", String.class);

    assertThat(definition)
        .contains("(lock_exp_time_)")
        .contains("WHERE (exclusive_ AND (lock_owner_ IS NOT NULL))");
  }
}
