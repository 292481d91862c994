package id.sertiflow.engine.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * An index of the exclusive jobs that are locked (being run), added on PostgreSQL to Camunda's
 * {@code ACT_RU_JOB} once the engine has made its schema.
 *
 * <p>Why: each time the job executor acquires jobs, its query leaves out exclusive jobs of a
 * process instance that has one running ({@code not exists (... J2.LOCK_OWNER_ is not null ...)}).
 * PostgreSQL answers that part by hashing every row of {@code ACT_RU_JOB} that is locked, and
 * without an index it reads the whole table to find them: 24 ms an acquisition of 3 jobs with
 * 79,200 timers due, which held 100,000 breached deadlines to 105 escalations a second. With the
 * index it reads the few locked rows: 0.4 ms, and the escalations went to 330 a second in the same
 * run (docs/benchmarks.md). Camunda's own schema has no index PostgreSQL can use for it.
 *
 * <p>Partial, so it holds only the handful of jobs running at a time. {@code if not exists}: every
 * node runs it at start; the first one builds it (a brief lock of the table while it reads it).
 *
 * <p>In {@code engine}: the engine's data source and database type are on its internal
 * configuration, and the moment the schema exists is a plugin's (an internal type).
 */
@Component
class LockedJobsIndex extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(LockedJobsIndex.class);

  private static final String CREATE = "create index if not exists SF_IDX_JOB_LOCKED_EXCLUSIVE"
      + " on ACT_RU_JOB (LOCK_EXP_TIME_) where EXCLUSIVE_ and LOCK_OWNER_ is not null";

  private final boolean enabled;

  LockedJobsIndex(@Value("${sertiflow.jobs.locked-jobs-index:true}") boolean enabled) {
    this.enabled = enabled;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    if (!enabled || !"postgres".equals(configuration.getDatabaseType())) {
      return; // H2 plans the acquisition without it
    }
    try (Connection connection = configuration.getDataSource().getConnection();
        Statement statement = connection.createStatement()) {
      connection.setAutoCommit(true);
      statement.execute(CREATE);
    } catch (SQLException e) {
      // the engine works without it, only slower to acquire jobs when many are due
      log.warn("Could not create the index of locked jobs ({}); job acquisition reads ACT_RU_JOB"
          + " whole while many jobs are due", e.getMessage());
    }
  }
}
