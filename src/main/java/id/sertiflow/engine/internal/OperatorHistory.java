package id.sertiflow.engine.internal;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.springframework.stereotype.Component;

/**
 * Makes {@link OperatorHistoryLevel} known to the engine, so that {@code camunda.bpm.history-level}
 * can name it; Camunda's own levels stay available (the camunda-defaults profile names "full").
 *
 * <p>In {@code engine}: custom history levels are registered on Camunda's internal configuration,
 * from a process engine plugin (an internal type).
 */
@Component
class OperatorHistory extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<HistoryLevel> levels = configuration.getCustomHistoryLevels() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomHistoryLevels());
    levels.add(new OperatorHistoryLevel());
    configuration.setCustomHistoryLevels(levels);
  }
}
