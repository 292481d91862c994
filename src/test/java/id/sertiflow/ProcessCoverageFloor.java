package id.sertiflow;

import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Marks a test class as a walk of the BPMN files: register it with
 * {@code @TestExecutionListeners(..., mergeMode = MERGE_WITH_DEFAULTS)} and the class fails when
 * its flow-node coverage stays under {@link CoverageSettings#CLASS_COVERAGE_FLOOR}.
 *
 * <p>The coverage listener itself runs for every test class: the library registers it through
 * {@code spring.factories}, and the shared engine's coverage parse listener fails every process
 * step of a class it was not initialised for. Without this opt-in, an API test class that only
 * starts a certificate's process would be held to the process tests' floor.
 */
public final class ProcessCoverageFloor extends AbstractTestExecutionListener {

  private static volatile boolean applies;

  static boolean applies() {
    return applies;
  }

  /** Just before the coverage listener, so that its class assertion runs while this applies. */
  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE - 1;
  }

  @Override
  public void beforeTestClass(TestContext testContext) {
    applies = true;
  }

  @Override
  public void afterTestClass(TestContext testContext) {
    applies = false;
  }
}
