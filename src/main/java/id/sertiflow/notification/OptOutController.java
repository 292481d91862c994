package id.sertiflow.notification;

import id.sertiflow.api.ApiProblem;
import id.sertiflow.calendar.ServiceClock;
import id.sertiflow.certificate.Certificates;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The link in every e-mail ({@link OptOutLinks}): opening it shows a page in the status page's
 * style with one button, and changes nothing (mail scanners open links); the button, or a mail
 * client's one-click {@code POST} of {@code List-Unsubscribe=One-Click} (RFC 8058) to the same
 * address, stops further e-mails for the certificate. The door lets only a signed link through.
 */
@RestController
@Hidden
class OptOutController {

  /** The form field, and its one value, of RFC 8058's one-click unsubscription. */
  static final String ONE_CLICK_FIELD = "List-Unsubscribe";
  static final String ONE_CLICK = "One-Click";

  private static final String PAGE = page();

  private final Outbox outbox;
  private final Certificates certificates;
  private final ServiceClock clock;

  OptOutController(Outbox outbox, Certificates certificates, ServiceClock clock) {
    this.outbox = outbox;
    this.certificates = certificates;
    this.clock = clock;
  }

  @GetMapping(value = OptOutLinks.PATH, produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> page(@PathVariable UUID certificateId) {
    known(certificateId);
    if (outbox.isOptedOut(certificateId)) {
      return stopped();
    }
    return html(fill("Berhenti menerima e-mail?", "Stop the e-mails?",
        "<p>Kami mengirim e-mail saat Anda perlu bertindak atau ada kabar tentang sertifikat ini. "
            + "Tekan tombol di bawah untuk berhenti menerima e-mail tentang sertifikat ini. Status "
            + "sertifikat tetap bisa Anda cek di halaman Cek Status Sertifikat.</p>"
            + "<p lang=\"en\">We e-mail you when you need to act or there is news about this "
            + "certificate. Press the button to stop the e-mails about it; you can still check its "
            + "status on the status page.</p>"
            + "<form method=\"post\"><input type=\"hidden\" name=\"" + ONE_CLICK_FIELD
            + "\" value=\"" + ONE_CLICK + "\"><button type=\"submit\" class=\"button\">"
            + "Berhenti menerima e-mail · Stop the e-mails</button></form>"));
  }

  @PostMapping(value = OptOutLinks.PATH, produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> stop(@PathVariable UUID certificateId,
      @RequestParam(name = ONE_CLICK_FIELD, required = false) String oneClick) {
    if (!ONE_CLICK.equals(oneClick)) {
      throw ApiProblem.invalid(List.of(new ApiProblem.FieldProblem(ONE_CLICK_FIELD,
          "must be " + ONE_CLICK + " (RFC 8058)")));
    }
    known(certificateId);
    outbox.optOut(certificateId, clock.now());
    return stopped();
  }

  /** A signed link of a certificate that is gone (its data erased) finds nothing to stop. */
  private void known(UUID certificateId) {
    if (!certificates.existsById(certificateId)) {
      throw ApiProblem.notFound("No certificate " + certificateId + ".");
    }
  }

  private ResponseEntity<String> stopped() {
    return html(fill("E-mail sudah dihentikan", "The e-mails are stopped",
        "<p>Anda tidak akan menerima e-mail lagi tentang sertifikat ini. Statusnya tetap bisa Anda "
            + "cek di halaman Cek Status Sertifikat.</p>"
            + "<p lang=\"en\">You will get no more e-mails about this certificate. You can still "
            + "check its status on the status page.</p>"));
  }

  private static String fill(String headingId, String headingEn, String content) {
    return PAGE.replace("{{headingId}}", headingId).replace("{{headingEn}}", headingEn)
        .replace("{{content}}", content);
  }

  private static ResponseEntity<String> html(String body) {
    return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
        .header("Cache-Control", "no-store").body(body);
  }

  private static String page() {
    try {
      return new ClassPathResource("notification/email-stop.html")
          .getContentAsString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
