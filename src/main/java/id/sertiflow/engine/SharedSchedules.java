package id.sertiflow.engine;

import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Work that one node of many does per period: a {@code @Scheduled} method that also carries
 * ShedLock's {@code @SchedulerLock(name = ...)} runs on whichever node takes that name's row of
 * the {@code shedlock} table first, and on no other until the lock ends. Locks are taken on the
 * database's clock, not the nodes', so two nodes whose clocks drift apart still agree; a node
 * killed holding a lock lets go when {@code lockAtMostFor} ends.
 *
 * <p>Use it where running twice costs more than time (a snapshot the nodes share, a daily job);
 * where every node may run and locking already makes a second run harmless (the inbox sweep), it
 * is not needed.
 */
@Configuration(proxyBeanMethods = false)
@EnableSchedulerLock(defaultLockAtMostFor = "PT10M")
class SharedSchedules {

  @Bean
  LockProvider sharedScheduleLocks(DataSource dataSource) {
    return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
        .withJdbcTemplate(new JdbcTemplate(dataSource))
        .usingDbTime()
        .build());
  }
}
