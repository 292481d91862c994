package id.sertiflow;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.ibatis.exceptions.ExceptionFactory;
import org.apache.ibatis.executor.ErrorContext;
import org.apache.ibatis.executor.Executor;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.TransactionIsolationLevel;
import org.apache.ibatis.session.defaults.DefaultSqlSession;
import org.apache.ibatis.session.defaults.DefaultSqlSessionFactory;
import org.apache.ibatis.transaction.Transaction;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

/**
 * Camunda's SQL mappings read once per test JVM instead of once per engine. Building an engine
 * parses some sixty MyBatis mapping files, through the JDK's XPath over DOM, which takes about
 * three seconds on two cores whatever the JIT has warmed: the suite builds an engine for the
 * shared node, for the simulator's context and for each second node, all on its one thread.
 *
 * <p>The first engine of each kind (database type, table prefix, JDBC batching, statement
 * timeout: everything the parse depends on) parses as Camunda does and leaves the result here;
 * each later engine of that kind opens its sessions with the same parsed statements on its own
 * data source and transactions, as {@link DefaultSqlSessionFactory} does with its environment.
 * The mappings hold no caches (no {@code <cache>} in Camunda's mapping files), so nothing read
 * through one engine is seen by another. Tests only: a production node builds one engine.
 * Camunda's own switch for this ({@code useSharedSqlSessionFactory}) shares the first engine's
 * data source as well, which a node on a database of its own must not use.
 */
public final class MappingsParsedOnce extends AbstractProcessEnginePlugin {

  private static final Map<String, Configuration> PARSED = new ConcurrentHashMap<>();

  @Override
  public void preInit(ProcessEngineConfigurationImpl engine) {
    if (engine.getSqlSessionFactory() != null || engine.getDataSource() == null) {
      return;
    }
    if (engine.getDatabaseType() == null) {
      // what Camunda's init would find first; it is the first part of the kind
      engine.initDatabaseType();
    }
    Configuration parsed = PARSED.get(kind(engine));
    if (parsed != null) {
      engine.setSqlSessionFactory(new ParsedStatements(parsed, engine));
    }
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl engine) {
    if (engine.getSqlSessionFactory() instanceof DefaultSqlSessionFactory parsedByCamunda) {
      PARSED.putIfAbsent(kind(engine), parsedByCamunda.getConfiguration());
    }
  }

  private static String kind(ProcessEngineConfigurationImpl engine) {
    return engine.getDatabaseType() + "|" + engine.getDatabaseTablePrefix() + "|"
        + engine.isJdbcBatchProcessing() + "|" + engine.getJdbcStatementTimeout();
  }

  /** Sessions over statements parsed for another engine, on this engine's connections. */
  private record ParsedStatements(Configuration parsed, ProcessEngineConfigurationImpl engine)
      implements SqlSessionFactory {

    @Override
    public SqlSession openSession() {
      return openSession(parsed.getDefaultExecutorType(), null, false);
    }

    @Override
    public SqlSession openSession(boolean autoCommit) {
      return openSession(parsed.getDefaultExecutorType(), null, autoCommit);
    }

    @Override
    public SqlSession openSession(Connection connection) {
      return openSession(parsed.getDefaultExecutorType(), connection);
    }

    @Override
    public SqlSession openSession(TransactionIsolationLevel level) {
      return openSession(parsed.getDefaultExecutorType(), level, false);
    }

    @Override
    public SqlSession openSession(ExecutorType execType) {
      return openSession(execType, null, false);
    }

    @Override
    public SqlSession openSession(ExecutorType execType, boolean autoCommit) {
      return openSession(execType, null, autoCommit);
    }

    @Override
    public SqlSession openSession(ExecutorType execType, TransactionIsolationLevel level) {
      return openSession(execType, level, false);
    }

    // as DefaultSqlSessionFactory opens them, with this engine's transactions and data source
    // where it takes those of the configuration's environment

    @Override
    public SqlSession openSession(ExecutorType execType, Connection connection) {
      boolean autoCommit;
      try {
        autoCommit = connection.getAutoCommit();
      } catch (SQLException e) {
        autoCommit = true;
      }
      try {
        return session(engine.getTransactionFactory().newTransaction(connection), execType,
            autoCommit);
      } finally {
        ErrorContext.instance().reset();
      }
    }

    private SqlSession openSession(ExecutorType execType, TransactionIsolationLevel level,
        boolean autoCommit) {
      Transaction transaction = null;
      try {
        transaction = engine.getTransactionFactory()
            .newTransaction(engine.getDataSource(), level, autoCommit);
        return session(transaction, execType, autoCommit);
      } catch (RuntimeException e) {
        if (transaction != null) {
          try {
            transaction.close();
          } catch (SQLException ignored) {
            // the session's own failure is the one to report
          }
        }
        throw ExceptionFactory.wrapException("Error opening session.  Cause: " + e, e);
      } finally {
        ErrorContext.instance().reset();
      }
    }

    private SqlSession session(Transaction transaction, ExecutorType execType, boolean autoCommit) {
      Executor executor = parsed.newExecutor(transaction, execType);
      return new DefaultSqlSession(parsed, executor, autoCommit);
    }

    @Override
    public Configuration getConfiguration() {
      return parsed;
    }
  }
}
