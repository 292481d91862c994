package id.sertiflow.engine;

import java.util.function.Supplier;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.springframework.stereotype.Component;

/**
 * Several engine calls (process starts, message correlations) as one Camunda command, in the
 * caller's transaction. Each call to {@code RuntimeService} is otherwise a command of its own and
 * flushes its rows alone; inside one command the engine reuses the command context, so the rows
 * of a whole chunk of certificates are written at its end in one JDBC batch per table and
 * statement. Intake's chunks and the callbacks' chunks run this way (docs/benchmarks.md).
 *
 * <p>In {@code engine}: Camunda's public API has no way to run several service calls as one
 * command; its command executor is on the internal configuration type.
 */
@Component
public class EngineBatch {

  private final CommandExecutor commands;

  EngineBatch(ProcessEngineConfigurationImpl engine) {
    this.commands = engine.getCommandExecutorTxRequired();
  }

  /** Runs {@code work} as one command; what it throws rolls the whole command back. */
  public <T> T call(Supplier<T> work) {
    return commands.execute(context -> work.get());
  }

  public void run(Runnable work) {
    call(() -> {
      work.run();
      return null;
    });
  }
}
