package id.sertiflow.certificate;

import id.sertiflow.platform.Platform;
import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface Certificates extends JpaRepository<Certificate, UUID> {

  Optional<Certificate> findByCompletionId(String completionId);

  Optional<Certificate> findByRedemptionCode(String redemptionCode);

  /** The certificates of several completions in one query. */
  List<Certificate> findByCompletionIdIn(Collection<String> completionIds);

  /** Whose a redemption code is: the certificate's id and platform, nothing else loaded. */
  interface CodeOwner {
    String getRedemptionCode();
    UUID getId();
    Platform getPlatform();
  }

  /** The owners of several redemption codes in one query, without loading the certificates. */
  @Query("select c.redemptionCode as redemptionCode, c.id as id, c.platform as platform"
      + " from Certificate c where c.redemptionCode in :codes")
  List<CodeOwner> ownersOf(@Param("codes") Collection<String> redemptionCodes);

  /** The redemption codes of several certificates in one query, without loading them. */
  @Query("select c.redemptionCode as redemptionCode, c.id as id, c.platform as platform"
      + " from Certificate c where c.id in :ids")
  List<CodeOwner> codesOf(@Param("ids") Collection<UUID> ids);

  /**
   * Which of these certificates wait for the learner or an operator (ACTION_REQUIRED): platform
   * events for them wait by design.
   */
  @Query("select c.id from Certificate c where c.id in :ids"
      + " and c.state = id.sertiflow.certificate.CertificateState.ACTION_REQUIRED")
  List<UUID> awaitingActionAmong(@Param("ids") Collection<UUID> ids);

  /** The certificates of several redemption codes in one query. */
  List<Certificate> findByRedemptionCodeIn(Collection<String> redemptionCodes);

  /**
   * The certificates, locked in id order until the transaction ends: one writer of each one's
   * progress at a time, and two writers of overlapping sets cannot deadlock.
   */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select c from Certificate c where c.id in :ids order by c.id")
  List<Certificate> lockAllById(@Param("ids") Collection<UUID> ids);

  /** The certificate, locked until the transaction ends: one writer of its progress at a time. */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select c from Certificate c where c.id = :id")
  Optional<Certificate> lockById(@Param("id") UUID id);
}
