package id.sertiflow.engine.internal;

import id.sertiflow.engine.AfterEngineBuild;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.spring.boot.starter.configuration.Ordering;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Calls each {@link AfterEngineBuild} once the engine is built, just before the starter's own
 * plugins (which create the first operator).
 *
 * <p>In {@code engine}: the only hook between the engine's build and the starter's admin user is a
 * process engine plugin, and Camunda's plugin types are internal.
 */
@Component
@Order(Ordering.DEFAULT_ORDER - 1)
class AfterEngineBuildHooks extends AbstractProcessEnginePlugin {

  private final ObjectProvider<AfterEngineBuild> hooks;

  AfterEngineBuildHooks(ObjectProvider<AfterEngineBuild> hooks) {
    this.hooks = hooks;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    hooks.orderedStream().forEach(hook -> hook.engineBuilt(engine));
  }
}
