package id.sertiflow.status;

import id.sertiflow.calendar.ServiceClock;
import id.sertiflow.calendar.WorkingDayCalendar;
import id.sertiflow.certificate.Certificate;
import id.sertiflow.certificate.CertificateState;
import id.sertiflow.certificate.Stage;
import id.sertiflow.certificate.StageProgress;
import id.sertiflow.status.StatusDocument.ActionRequired;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/** Turns the read model into the status document; lateness is judged at the time of asking. */
@Component
public class StatusDocuments {

  private final ServiceClock clock;
  private final WorkingDayCalendar calendar;

  StatusDocuments(ServiceClock clock, WorkingDayCalendar calendar) {
    this.clock = clock;
    this.calendar = calendar;
  }

  public StatusDocument of(Certificate c) {
    Instant now = clock.now();
    boolean open = c.state() == CertificateState.IN_PROGRESS
        || c.state() == CertificateState.ACTION_REQUIRED;
    String platform = c.platform().displayName();
    List<StatusDocument.StageView> stages = Stage.IN_ORDER.stream().map(stage -> {
      StageProgress p = c.stage(stage);
      StatusDocument.Message label = label(stage.learnerLabel(platform, platform));
      if (p.isDone()) {
        return new StatusDocument.StageView(stage, label, p.status(),
            WorkingDayCalendar.inJakarta(p.completedAt()), null, stage.workingDays(), null, null,
            null);
      }
      boolean late = open && p.isLate(now);
      // counted only for a late stage: the calendar is read for it, and few are late
      Integer lateWorkingDays = late ? calendar.lateness(p.dueAt(), now).workingDays() : null;
      return new StatusDocument.StageView(stage, label, p.status(), null,
          WorkingDayCalendar.inJakarta(p.dueAt()), stage.workingDays(), late, lateWorkingDays,
          open && p.isAtRisk(now));
    }).toList();
    StageProgress verification = c.stage(Stage.VERIFIED_BY_PMO);
    Instant expected = switch (c.state()) {
      case VERIFIED -> verification.completedAt();
      case REJECTED -> null;
      default -> verification.dueAt();
    };
    ActionRequired action = c.state() == CertificateState.ACTION_REQUIRED && c.actionReason() != null
        ? new ActionRequired(c.actionReason(), LearnerMessages.forAction(c.actionReason()))
        : null;
    return new StatusDocument(c.id().toString(), c.certificateNumber(), c.redemptionCode(),
        c.platform(), new StatusDocument.Course(c.courseId(), c.courseTitle()),
        new StatusDocument.Learner(c.learnerId(), c.learnerName()), c.state(), c.currentStage(),
        open && c.isLate(now), WorkingDayCalendar.inJakarta(expected), stages, action,
        LearnerMessages.forCertificate(c, now), c.reviewSubmitted(),
        WorkingDayCalendar.inJakarta(c.updatedAt()));
  }

  static StatusDocument.Message label(Stage.Label label) {
    return new StatusDocument.Message(label.id(), label.en());
  }

  /** For the learner's own look-up: no internal learner id. */
  public StatusDocument forLearner(Certificate c) {
    return of(c).withoutLearnerId();
  }
}
