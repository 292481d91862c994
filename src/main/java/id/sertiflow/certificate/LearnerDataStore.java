package id.sertiflow.certificate;

import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * A module's own store that keeps learners' personal data beside the read model (the callbacks'
 * inbox, the report bodies, the look-ups' rate limit): it tells what it holds of some certificates'
 * learner, and erases it. {@link PersonalData} asks every such store for an access request and an
 * erasure; docs/personal-data.md lists each one.
 */
public interface LearnerDataStore {

  /**
   * One piece of personal data held: where (the table and column, as docs/personal-data.md names
   * it), for which certificate, and the value as stored.
   */
  record Held(String place, UUID certificateId, Object value) {}

  /** What this store holds of these certificates' learner. */
  List<Held> heldFor(List<Certificate> certificates);

  /**
   * Erases what it holds of these certificates, in the erasure's transaction, with the
   * certificates locked and still carrying the personal data (their codes, names) to find it by.
   */
  void erase(List<Certificate> certificates);

  /** {@code ?, ?, ?}: one parameter for each certificate, for a store's {@code in (…)}. */
  static String inList(List<Certificate> certificates) {
    return String.join(",", Collections.nCopies(certificates.size(), "?"));
  }

  /** The certificates' ids, the parameters of {@link #inList}. */
  static Object[] ids(List<Certificate> certificates) {
    return certificates.stream().map(Certificate::id).toArray();
  }
}
