package id.sertiflow.operations;

import org.springframework.context.ApplicationContext;

/**
 * For tests of other packages: the metrics' snapshot taken now, on the engine's clock, as the
 * shared schedule would take it (the test profile leaves the schedule off).
 */
public final class Snapshots {

  private Snapshots() {}

  public static void takeNow(ApplicationContext context) {
    context.getBean(SharedSnapshot.class).takeAndShare();
  }
}
