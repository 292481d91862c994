package id.sertiflow.simulator;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sertiflow.simulator.*}: how the stand-in platforms and PMO behave. Shares are
 * probabilities between 0 and 1; delays are ISO-8601 durations ({@code PT20S}).
 *
 * @param enabled the whole simulator; off unless a profile (demo) turns it on
 * @param tick how often due callbacks are sent and the feeder runs
 * @param callbackBaseUrl where SertiFlow's doors are; empty means this node itself,
 *     {@code http://localhost:<local.server.port>}, resolved when sending
 * @param platformRejectionShare reports a platform rejects ({@code INVALID_CERTIFICATE_NUMBER})
 * @param pmoReportDelay how long after acceptance the platform reports to the PMO
 * @param lateShare PMO reports that come only after {@code lateDelay}
 * @param lateDelay the delay of a late PMO report
 * @param verificationDelay how long after the PMO report the PMO verifies or rejects
 * @param pmoRejectionShare PMO answers that are rejections
 * @param nameMismatchRejectionShare of those, the ones for {@code NAME_MISMATCH}; the rest are
 *     {@code DATA_INCOMPLETE}
 * @param callbackBatchSize callbacks per request (SertiFlow takes up to 1,000)
 * @param maxEventsPerTick callbacks one node claims per tick
 * @param claimTimeout after this a claimed but unsent callback (a node died) is claimed again
 * @param connectTimeout outbound HTTP connect timeout
 * @param readTimeout outbound HTTP read timeout
 * @param feeder the demo's stream of finished classes
 * @param pmoEnabled the simulated PMO behind the platforms: accepted reports get their PMO
 *     callbacks scheduled and sent; off when something else (the benchmark) sends the callbacks
 */
@ConditionalOnSimulator
@ConfigurationProperties("sertiflow.simulator")
record SimulatorProperties(
    @DefaultValue("false") boolean enabled,
    @DefaultValue("PT5S") Duration tick,
    String callbackBaseUrl,
    @DefaultValue("0.03") double platformRejectionShare,
    @DefaultValue("PT20S") Duration pmoReportDelay,
    @DefaultValue("0.1") double lateShare,
    @DefaultValue("PT3M") Duration lateDelay,
    @DefaultValue("PT40S") Duration verificationDelay,
    @DefaultValue("0.05") double pmoRejectionShare,
    @DefaultValue("0.5") double nameMismatchRejectionShare,
    @DefaultValue("500") int callbackBatchSize,
    @DefaultValue("5000") int maxEventsPerTick,
    @DefaultValue("PT5M") Duration claimTimeout,
    @DefaultValue("PT2S") Duration connectTimeout,
    @DefaultValue("PT10S") Duration readTimeout,
    @DefaultValue Feeder feeder,
    @DefaultValue("true") boolean pmoEnabled) {

  /**
   * @param enabled post completions at all (only the demo profile turns it on)
   * @param completionsPerMinute the rate, for the whole cluster (one node feeds at a time)
   * @param nameMismatchShare completions whose Prakerja name lacks the middle name
   * @param reviewMissingShare completions with {@code reviewSubmitted: false}
   * @param backdatedShare completions finished 3 working days ago: overdue at once
   */
  record Feeder(
      @DefaultValue("false") boolean enabled,
      @DefaultValue("12") double completionsPerMinute,
      @DefaultValue("0.1") double nameMismatchShare,
      @DefaultValue("0.2") double reviewMissingShare,
      @DefaultValue("0.1") double backdatedShare) {}

  SimulatorProperties {
    requireShare("platform-rejection-share", platformRejectionShare);
    requireShare("late-share", lateShare);
    requireShare("pmo-rejection-share", pmoRejectionShare);
    requireShare("name-mismatch-rejection-share", nameMismatchRejectionShare);
    requireShare("feeder.name-mismatch-share", feeder.nameMismatchShare());
    requireShare("feeder.review-missing-share", feeder.reviewMissingShare());
    requireShare("feeder.backdated-share", feeder.backdatedShare());
    requirePositive("tick", tick);
    requireNotNegative("pmo-report-delay", pmoReportDelay);
    requireNotNegative("late-delay", lateDelay);
    requireNotNegative("verification-delay", verificationDelay);
    requirePositive("claim-timeout", claimTimeout);
    requirePositive("connect-timeout", connectTimeout);
    requirePositive("read-timeout", readTimeout);
    if (callbackBatchSize < 1 || callbackBatchSize > 1000) {
      throw new IllegalArgumentException(
          "sertiflow.simulator.callback-batch-size must be 1 to 1000: " + callbackBatchSize);
    }
    if (maxEventsPerTick < 1) {
      throw new IllegalArgumentException(
          "sertiflow.simulator.max-events-per-tick must be positive: " + maxEventsPerTick);
    }
    if (feeder.completionsPerMinute() < 0) {
      throw new IllegalArgumentException(
          "sertiflow.simulator.feeder.completions-per-minute must not be negative");
    }
  }

  private static void requireShare(String name, double share) {
    if (!(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException("sertiflow.simulator." + name
          + " must be between 0 and 1: " + share);
    }
  }

  private static void requirePositive(String name, Duration duration) {
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("sertiflow.simulator." + name + " must be positive");
    }
  }

  private static void requireNotNegative(String name, Duration duration) {
    if (duration == null || duration.isNegative()) {
      throw new IllegalArgumentException("sertiflow.simulator." + name + " must not be negative");
    }
  }
}
