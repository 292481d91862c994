package id.sertiflow.notification;

import id.sertiflow.calendar.WorkingDayCalendar;
import id.sertiflow.certificate.ActionReason;
import id.sertiflow.certificate.Certificate;
import id.sertiflow.certificate.LearnerNews;
import id.sertiflow.certificate.Stage;
import id.sertiflow.status.LearnerMessages;
import id.sertiflow.status.StatusDocument.Message;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.util.HtmlUtils;

/**
 * One e-mail to a learner: Bahasa Indonesia first, then the same in English, in the status page's
 * words ({@link LearnerMessages}, {@link Stage#learnerLabel}), as plain text and as HTML. Dates are
 * WIB; a new estimate is counted in working days by {@link WorkingDayCalendar}.
 */
record LearnerMail(String subject, String text, String html) {

  /** A paragraph in both languages; {@code lines} below it are name/value pairs in both too. */
  private record Part(Message paragraph, List<Message[]> lines) {
    Part(Message paragraph) {
      this(paragraph, List.of());
    }
  }

  static LearnerMail of(LearnerNews news, Instant now, WorkingDayCalendar calendar,
      String statusPageUrl, String optOutUrl) {
    Certificate c = news.certificate();
    String platform = c.platform().displayName();
    List<Part> parts = new ArrayList<>();
    Message subject;
    switch (news.kind()) {
      case NAME_MISMATCH -> {
        subject = new Message("Perlu tindakan: samakan nama Anda dengan nama di Kartu Prakerja",
            "Action needed: make your name match your Kartu Prakerja name");
        parts.add(nameParts(c));
      }
      case PMO_REJECTED -> {
        boolean forName = ActionReason.NAME_MISMATCH.name().equals(news.rejectionReason());
        subject = new Message("PMO Prakerja menolak sertifikat Anda",
            "The Prakerja PMO rejected your certificate");
        String why = news.rejectionDetail() == null || news.rejectionDetail().isBlank()
            ? news.rejectionReason() : news.rejectionReason() + ": " + news.rejectionDetail();
        parts.add(new Part(new Message("PMO Prakerja menolak sertifikat kelas ini.",
            "The Prakerja PMO rejected the certificate of this class."),
            why == null ? List.of() : List.<Message[]>of(pair("Alasan PMO", "PMO's reason", why))));
        if (forName) {
          parts.add(nameParts(c));
        } else {
          parts.add(new Part(LearnerMessages.forAction(ActionReason.PMO_REJECTED)));
        }
      }
      case STAGE_LATE -> {
        Stage stage = news.stage();
        Stage.Label label = stage.learnerLabel(platform, platform);
        int workingDays = stage.workingDays()
            + stage.later().stream().mapToInt(Stage::workingDays).sum();
        Instant estimate = calendar.addWorkingDays(now, workingDays);
        String estimateId = inWib(estimate, WorkingDayCalendar.WIB_IN_BAHASA);
        String estimateEn = inWib(estimate, WorkingDayCalendar.WIB_IN_ENGLISH);
        subject = new Message("Sertifikat Anda terlambat; perkiraan baru " + estimateId,
            "Your certificate is late; new estimate " + estimateEn);
        Instant due = c.stage(stage).dueAt();
        parts.add(new Part(new Message(
            "Tahap \"" + label.id() + "\" seharusnya selesai paling lambat "
                + inWib(due, WorkingDayCalendar.WIB_IN_BAHASA) + ". " + LearnerMessages.LATE.id(),
            "The step \"" + label.en() + "\" was due by "
                + inWib(due, WorkingDayCalendar.WIB_IN_ENGLISH) + ". " + LearnerMessages.LATE.en())));
        parts.add(new Part(new Message(
            "Perkiraan baru: sertifikat tampil di dasbor Prakerja paling lambat " + estimateId
                + " (" + workingDays + " hari kerja lagi).",
            "New estimate: the certificate shows on your Prakerja dashboard by " + estimateEn
                + " (" + workingDays + " more working days).")));
      }
      case VERIFIED -> {
        subject = new Message("Sertifikat Anda sudah tampil di dasbor Prakerja",
            "Your certificate is on your Prakerja dashboard");
        parts.add(new Part(LearnerMessages.forCertificate(c, now)));
        if (!c.reviewSubmitted()) {
          parts.add(new Part(LearnerMessages.REVIEW_REMINDER));
        }
      }
      default -> throw new IllegalArgumentException("No e-mail for " + news.kind());
    }
    String link = statusPageUrl + "/?code=" + URLEncoder.encode(c.redemptionCode(), StandardCharsets.UTF_8);
    List<Message[]> facts = List.of(
        pair("Kelas", "Class", c.courseTitle()),
        pair("Kode redeem", "Redemption code", c.redemptionCode()),
        pair("Nomor sertifikat", "Certificate number", c.certificateNumber()));
    return new LearnerMail(subject.id() + " · " + subject.en(),
        text(c, parts, facts, link, optOutUrl), html(c, subject, parts, facts, link, optOutUrl));
  }

  /** What to change and where: the two names side by side, and the status page's words. */
  private static Part nameParts(Certificate c) {
    return new Part(LearnerMessages.forAction(ActionReason.NAME_MISMATCH), List.of(
        pair("Nama di akun pelatihan", "Name on your training account", c.learnerName()),
        pair("Nama di Kartu Prakerja", "Name on your Kartu Prakerja", c.prakerjaName())));
  }

  private static Message[] pair(String nameId, String nameEn, String value) {
    return new Message[] {new Message(nameId, nameEn), new Message(value, value)};
  }

  private static String inWib(Instant at, java.time.format.DateTimeFormatter format) {
    return WorkingDayCalendar.inJakarta(at).format(format);
  }

  private static String text(Certificate c, List<Part> parts, List<Message[]> facts, String link,
      String optOutUrl) {
    StringBuilder out = new StringBuilder();
    for (boolean english : new boolean[] {false, true}) {
      if (english) {
        out.append("\n--- English ---\n\n");
      }
      out.append(english ? "Hello " : "Halo ").append(c.learnerName()).append(",\n\n");
      for (Part part : parts) {
        out.append(say(part.paragraph(), english)).append("\n");
        for (Message[] line : part.lines()) {
          out.append("  ").append(say(line[0], english)).append(": ").append(say(line[1], english))
              .append("\n");
        }
        out.append("\n");
      }
      for (Message[] line : facts) {
        out.append(say(line[0], english)).append(": ").append(say(line[1], english)).append("\n");
      }
      out.append(english ? "Check the status: " : "Cek status: ").append(link).append("\n\n");
      out.append(english ? "No more e-mails about this certificate: "
          : "Berhenti menerima e-mail tentang sertifikat ini: ").append(optOutUrl).append("\n");
    }
    return out.toString();
  }

  private static String html(Certificate c, Message subject, List<Part> parts,
      List<Message[]> facts, String link, String optOutUrl) {
    StringBuilder out = new StringBuilder("<!doctype html>\n<html lang=\"id\"><head>"
        + "<meta charset=\"utf-8\"><title>").append(esc(subject.id())).append("</title></head>"
        + "<body style=\"margin:0;padding:16px;background:#f4f6f8;font-family:Arial,Helvetica,sans-serif;"
        + "color:#1f2933;line-height:1.5\">");
    for (boolean english : new boolean[] {false, true}) {
      out.append("<div").append(english ? " lang=\"en\"" : "")
          .append(" style=\"max-width:560px;margin:0 auto 16px;background:#fff;border-radius:8px;"
              + "padding:20px\">");
      out.append("<h1 style=\"font-size:20px;margin:0 0 12px\">").append(esc(say(subject, english)))
          .append("</h1>");
      out.append("<p>").append(english ? "Hello " : "Halo ").append(esc(c.learnerName()))
          .append(",</p>");
      for (Part part : parts) {
        out.append("<p>").append(esc(say(part.paragraph(), english))).append("</p>");
        table(out, part.lines(), english);
      }
      table(out, facts, english);
      out.append("<p><a href=\"").append(esc(link)).append("\" style=\"display:inline-block;"
              + "background:#0b6e4f;color:#fff;padding:10px 16px;border-radius:6px;"
              + "text-decoration:none\">").append(english ? "Check the status" : "Cek Status")
          .append("</a></p>");
      out.append("<p style=\"font-size:13px;color:#52606d\"><a href=\"").append(esc(optOutUrl))
          .append("\" style=\"color:#52606d\">").append(english
              ? "No more e-mails about this certificate" : "Berhenti menerima e-mail tentang sertifikat ini")
          .append("</a></p></div>");
    }
    return out.append("</body></html>").toString();
  }

  private static void table(StringBuilder out, List<Message[]> lines, boolean english) {
    if (lines.isEmpty()) {
      return;
    }
    out.append("<table style=\"border-collapse:collapse;margin:0 0 12px\">");
    for (Message[] line : lines) {
      out.append("<tr><th style=\"text-align:left;padding:2px 12px 2px 0;font-weight:normal;"
              + "color:#52606d\">").append(esc(say(line[0], english))).append("</th><td>")
          .append(esc(say(line[1], english))).append("</td></tr>");
    }
    out.append("</table>");
  }

  private static String say(Message message, boolean english) {
    return english ? message.en() : message.id();
  }

  private static String esc(String text) {
    return HtmlUtils.htmlEscape(text, StandardCharsets.UTF_8.name());
  }
}
