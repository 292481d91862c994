package id.sertiflow.migration;

import org.camunda.bpm.engine.migration.MigrationPlanBuilder;

/**
 * What one version of {@code certificate-reporting} needs, beyond mapping each activity to the one
 * of the same id, to move its running instances to the next: the instructions for the ids it
 * renamed, moved or removed. A step is named by the version tags ({@code camunda:versionTag}) of
 * its two ends; a model without a tag is version 1.
 */
interface VersionStep {

  /** The version tag of the source model; "1" for a model without one. */
  String from();

  /** The version tag of the target model. */
  String to();

  /** Adds the explicit instructions to a plan that already maps equal activities. */
  MigrationPlanBuilder instructions(MigrationPlanBuilder plan);

  /**
   * A step whose target renamed, moved and removed nothing: mapping equal activities moves every
   * wait as it is, and there is nothing to add.
   */
  static VersionStep sameIds(String from, String to) {
    record SameIds(String from, String to) implements VersionStep {
      @Override
      public MigrationPlanBuilder instructions(MigrationPlanBuilder plan) {
        return plan;
      }
    }
    return new SameIds(from, to);
  }
}
