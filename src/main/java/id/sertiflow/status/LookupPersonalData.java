package id.sertiflow.status;

import id.sertiflow.certificate.Certificate;
import id.sertiflow.certificate.LearnerDataStore;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The learner's redemption code in the look-ups' rate limit ({@code lookup_limit}): only its
 * SHA-256 is kept ({@link LookupRateLimit#codeBucket}), for two windows at most in any case, and
 * even that goes at once on erasure.
 */
@Component
class LookupPersonalData implements LearnerDataStore {

  private final JdbcTemplate jdbc;

  LookupPersonalData(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public List<Held> heldFor(List<Certificate> certificates) {
    List<Held> held = new ArrayList<>();
    for (Certificate c : certificates) {
      jdbc.queryForList("select bucket from lookup_limit where bucket = ?", String.class,
          bucketOf(c)).forEach(b -> held.add(new Held("lookup_limit.bucket", c.id(), b)));
    }
    return held;
  }

  @Override
  public void erase(List<Certificate> certificates) {
    if (certificates.isEmpty()) {
      return;
    }
    jdbc.update("delete from lookup_limit where bucket in ("
        + String.join(",", java.util.Collections.nCopies(certificates.size(), "?")) + ")",
        certificates.stream().map(LookupPersonalData::bucketOf).toArray());
  }

  private static String bucketOf(Certificate c) {
    return LookupRateLimit.codeBucket(c.redemptionCode());
  }
}
