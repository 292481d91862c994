package id.sertiflow.certificate;

import java.util.List;

/**
 * The one place that knows the stages, their order and their SLA in working days: each stage is
 * due {@link #workingDays} working days after the previous one finished.
 */
public enum Stage {
  CLASS_COMPLETED(0),
  REPORTED_TO_PLATFORM(1),
  REPORTED_TO_PMO(1),
  VERIFIED_BY_PMO(7);

  public static final List<Stage> IN_ORDER = List.of(values());

  private final int workingDays;

  Stage(int workingDays) {
    this.workingDays = workingDays;
  }

  public int workingDays() {
    return workingDays;
  }

  /** The stages after this one, in order. */
  public List<Stage> later() {
    return IN_ORDER.subList(ordinal() + 1, IN_ORDER.size());
  }
}
