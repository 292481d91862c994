package id.sertiflow.status;

import id.sertiflow.calendar.WorkingDayCalendar;
import id.sertiflow.certificate.ActionReason;
import id.sertiflow.certificate.Certificate;
import id.sertiflow.certificate.CertificateState;
import id.sertiflow.certificate.Stage;
import id.sertiflow.status.StatusDocument.Message;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * What a learner is told about a certificate, in Bahasa Indonesia first and English second: on the
 * status page, and in the e-mails that tell the learner first (the notification module).
 */
public final class LearnerMessages {

  /** Said of a stage past its deadline. */
  public static final Message LATE = new Message("Tahap ini terlambat; kami sudah menindaklanjutinya.",
      "This step is late; we are following it up.");

  /** Said while the learner has not reviewed and rated the class. */
  public static final Message REVIEW_REMINDER = new Message(
      "Jangan lupa beri ulasan dan rating kelas agar insentif Anda cair.",
      "Remember to review and rate the class so that your incentive is paid.");

  private static final DateTimeFormatter ID_TIME = WorkingDayCalendar.WIB_IN_BAHASA;
  private static final DateTimeFormatter EN_TIME = WorkingDayCalendar.WIB_IN_ENGLISH;

  private LearnerMessages() {}

  public static Message forAction(ActionReason reason) {
    return switch (reason) {
      case NAME_MISMATCH -> new Message(
          "Nama di akun pelatihan Anda berbeda dengan nama di akun Kartu Prakerja. Ubah nama di akun "
              + "pelatihan agar sama persis, huruf demi huruf, dengan nama di Kartu Prakerja.",
          "The name on your training account differs from the name on your Kartu Prakerja account. "
              + "Change the name on your training account to match your Kartu Prakerja name letter for letter.");
      case PLATFORM_REJECTED -> new Message(
          "Platform digital menolak laporan sertifikat Anda. Tim kami sedang menanganinya; Anda tidak perlu berbuat apa-apa.",
          "The digital platform rejected your certificate report. Our team is handling it; you need not do anything.");
      case PMO_REJECTED -> new Message(
          "PMO Prakerja menolak sertifikat Anda. Tim kami sedang menanganinya dan akan menghubungi Anda bila perlu.",
          "The Prakerja PMO rejected your certificate. Our team is handling it and will contact you if needed.");
    };
  }

  public static Message forCertificate(Certificate certificate, Instant now) {
    if (certificate.state() == CertificateState.VERIFIED) {
      return new Message(
          "Sertifikat Anda sudah diverifikasi PMO dan tampil di dasbor Prakerja.",
          "Your certificate has been verified by the PMO and shows on your Prakerja dashboard.");
    }
    if (certificate.state() == CertificateState.REJECTED) {
      return new Message(
          "Sertifikat ini ditutup tanpa verifikasi PMO. Silakan hubungi lembaga pelatihan.",
          "This certificate was closed without PMO verification. Please contact the training provider.");
    }
    if (certificate.actionReason() != null) {
      return forAction(certificate.actionReason());
    }
    Stage stage = certificate.currentStage();
    Instant due = certificate.stage(stage).dueAt();
    String platform = certificate.platform().displayName();
    String dueId = WorkingDayCalendar.inJakarta(due).format(ID_TIME);
    String dueEn = WorkingDayCalendar.inJakarta(due).format(EN_TIME);
    boolean late = certificate.stage(stage).isLate(now);
    Message base = switch (stage) {
      case REPORTED_TO_PLATFORM -> new Message(
          "Kelas Anda selesai. Kami melaporkannya ke " + platform + " paling lambat " + dueId + ".",
          "You finished the class. We report it to " + platform + " by " + dueEn + ".");
      case REPORTED_TO_PMO -> new Message(
          platform + " sudah menerima laporan kami dan melaporkannya ke Prakerja paling lambat " + dueId + ".",
          platform + " has our report and passes it to Prakerja by " + dueEn + ".");
      case VERIFIED_BY_PMO -> new Message(
          "Laporan sudah di Prakerja. PMO memverifikasi sertifikat Anda paling lambat " + dueId + ".",
          "The report is with Prakerja. The PMO verifies your certificate by " + dueEn + ".");
      case CLASS_COMPLETED -> throw new IllegalStateException("a class completion is never awaited");
    };
    if (late) {
      base = new Message(base.id() + " " + LATE.id(), base.en() + " " + LATE.en());
    }
    if (!certificate.reviewSubmitted()) {
      base = new Message(base.id() + " " + REVIEW_REMINDER.id(), base.en() + " " + REVIEW_REMINDER.en());
    }
    return base;
  }
}
