package id.sertiflow.certificate;

import id.sertiflow.calendar.ServiceClock;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The learner corrected the name on the training account. A certificate waiting for that
 * correction has its names checked again at once, in the same transaction.
 */
@Service
public class LearnerNameCorrections {

  private final Certificates certificates;
  private final RuntimeService runtime;
  private final ServiceClock clock;

  LearnerNameCorrections(Certificates certificates, RuntimeService runtime, ServiceClock clock) {
    this.certificates = certificates;
    this.runtime = runtime;
    this.clock = clock;
  }

  /** The certificate after the correction, or empty when there is no such certificate. */
  @Transactional
  public Optional<Certificate> correct(UUID certificateId, String name) {
    Optional<Certificate> found = certificates.findById(certificateId);
    found.ifPresent(certificate -> {
      certificate.correctLearnerName(name, clock.now());
      // only a process waiting in "Await name correction" has this subscription
      runtime.createMessageCorrelation(CertificateProcess.MESSAGE_LEARNER_NAME_CORRECTED)
          .processInstanceBusinessKey(certificate.redemptionCode())
          .correlateAll();
    });
    return found;
  }
}
