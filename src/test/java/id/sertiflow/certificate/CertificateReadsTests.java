package id.sertiflow.certificate;

import static id.sertiflow.TestApi.wib;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.sertiflow.EngineClock;
import id.sertiflow.SertiflowTest;
import id.sertiflow.TestApi;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A certificate read for showing it ({@link CertificateReads}) is the same certificate, not a new
 * one: handed back to {@link Certificates#save} by mistake, it stays one certificate as it was.
 */
@SertiflowTest
class CertificateReadsTests {

  static final OffsetDateTime COMPLETED = wib("2026-11-27T15:30:00");

  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired CertificateReads reads;
  @Autowired Certificates certificates;
  @Autowired TransactionTemplate transaction;

  @RegisterExtension final EngineClock clock = EngineClock.at(COMPLETED.plusMinutes(1));

  @Test
  void aCertificateReadForShowingIsNeverSavedAsASecondOne() throws Exception {
    TestApi api = new TestApi(mvc, json);
    String code = TestApi.newRedemptionCode();
    String id = api.complete(api.completion(code, COMPLETED)).path("certificateId").asText();
    JsonNode shown = api.status(id);
    long before = certificates.count();

    Certificate read = reads.byId(UUID.fromString(id)).orElseThrow();
    transaction.executeWithoutResult(tx -> certificates.saveAndFlush(read));

    assertThat(certificates.count()).isEqualTo(before);
    assertThat(api.status(id)).isEqualTo(shown);
  }
}
