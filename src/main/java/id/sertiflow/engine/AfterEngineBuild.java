package id.sertiflow.engine;

import org.camunda.bpm.engine.ProcessEngine;

/**
 * Work a feature does once the engine is built: before Camunda's starter creates the first
 * operator ({@code camunda.bpm.admin-user}), and before the node takes any request. A bean of this
 * type is called at that moment, in its {@code @Order}; what it throws stops the node.
 */
public interface AfterEngineBuild {

  void engineBuilt(ProcessEngine engine);
}
