package id.sertiflow.callback;

import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The inbox's backlog, for the operators' metrics: platform events stored but not yet applied.
 * How late the inbox is counts only events that their certificate could take now ({@link
 * ApplicablePending}): those of a certificate waiting for the learner or an operator wait by
 * design, and an alert on them would never clear.
 */
@Component
public class InboxBacklog {

  /**
   * Every pending event, and when the oldest one a certificate could take was received (null
   * when there is none).
   */
  public record Backlog(long pending, Instant oldestApplicableReceivedAt) {}

  private final JdbcTemplate jdbc;
  private final ApplicablePending applicable;

  InboxBacklog(JdbcTemplate jdbc, ApplicablePending applicable) {
    this.jdbc = jdbc;
    this.applicable = applicable;
  }

  public Backlog at(Instant now) {
    long pending = jdbc.queryForObject(
        "select count(*) from platform_event where status = 'PENDING'", Long.class);
    Instant oldest = pending == 0 ? null : applicable.longestWaiting(now.plusSeconds(1), 1).stream()
        .findFirst().map(PlatformEventInbox.Waiting::getWaitingSince).orElse(null);
    return new Backlog(pending, oldest);
  }
}
