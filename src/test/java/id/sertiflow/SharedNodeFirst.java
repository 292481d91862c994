package id.sertiflow;

import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.springframework.test.context.TestContextManager;

/**
 * Starts the shared node ({@link SertiflowTest}) before the first test class, when the run holds
 * any class that uses it. Its start is the suite's largest piece of work on one thread; started
 * by the first such class, it shared two cores with the classes that run beside the one thread
 * ({@code ModulesTests} and the nodes of {@code ProdProfileTests}), and took 17–19 s instead of
 * 14. Those classes now start once it is up, while the one thread runs the tests.
 *
 * <p>The node goes into Spring's cache of test contexts, where every {@code @SertiflowTest} class
 * finds it. A start that fails is logged here and tried again by the first class that needs it,
 * which then fails with the cause (the test profile lets a context fail twice before Spring stops
 * trying: {@code spring.properties}). Registered in
 * {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}.
 */
public final class SharedNodeFirst implements TestExecutionListener {

  /** Loads the same context as every test class annotated {@code @SertiflowTest}. */
  @SertiflowTest
  static final class SharedNode {
  }

  @Override
  public void testPlanExecutionStarted(TestPlan plan) {
    if (usesSharedNode(plan)) {
      try {
        new TestContextManager(SharedNode.class).getTestContext().getApplicationContext();
      } catch (RuntimeException failed) {
        System.err.println("The shared node did not start before the tests; the first class that "
            + "needs it starts it again: " + failed);
      }
    }
  }

  private static boolean usesSharedNode(TestPlan plan) {
    Deque<TestIdentifier> open = new ArrayDeque<>(plan.getRoots());
    while (!open.isEmpty()) {
      TestIdentifier test = open.pop();
      if (test.getSource().orElse(null) instanceof ClassSource source
          && source.getJavaClass().isAnnotationPresent(SertiflowTest.class)) {
        return true;
      }
      open.addAll(plan.getChildren(test));
    }
    return false;
  }
}
