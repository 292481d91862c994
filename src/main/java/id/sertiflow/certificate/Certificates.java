package id.sertiflow.certificate;

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

  /** The certificates of several redemption codes in one query. */
  List<Certificate> findByRedemptionCodeIn(Collection<String> redemptionCodes);

  /** The certificate, locked until the transaction ends: one writer of its progress at a time. */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select c from Certificate c where c.id = :id")
  Optional<Certificate> lockById(@Param("id") UUID id);
}
