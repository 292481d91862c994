package id.sertiflow.certificate;

import id.sertiflow.calendar.WorkingDayCalendar;
import id.sertiflow.platform.Platform;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.MapKeyEnumerated;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

/**
 * One Kartu Prakerja certificate as learners and operators see it: the read model that the
 * process writes at every stage change and that the status API reads alone.
 */
@Entity
@Table(name = "certificate")
public class Certificate {

  @Id
  private UUID id;

  @Column(name = "completion_id", nullable = false)
  private String completionId;

  @Column(name = "redemption_code", nullable = false)
  private String redemptionCode;

  @Column(name = "certificate_number", nullable = false)
  private String certificateNumber;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Platform platform;

  @Column(name = "learner_id", nullable = false)
  private String learnerId;

  @Column(name = "learner_name", nullable = false)
  private String learnerName;

  @Column(name = "learner_email", nullable = false)
  private String learnerEmail;

  @Column(name = "prakerja_name", nullable = false)
  private String prakerjaName;

  @Column(name = "course_id", nullable = false)
  private String courseId;

  @Column(name = "course_title", nullable = false)
  private String courseTitle;

  @Column(name = "completed_at", nullable = false)
  private Instant completedAt;

  @Column(name = "review_submitted", nullable = false)
  private boolean reviewSubmitted;

  @Column(name = "content_hash", nullable = false)
  private String contentHash;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private CertificateState state;

  @Enumerated(EnumType.STRING)
  @Column(name = "current_stage")
  private Stage currentStage;

  @Enumerated(EnumType.STRING)
  @Column(name = "action_reason")
  private ActionReason actionReason;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  /** When its personal fields were replaced by placeholders; null while they are held. */
  @Column(name = "erased_at")
  private Instant erasedAt;

  @Version
  private Long version;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "certificate_stage", joinColumns = @JoinColumn(name = "certificate_id"))
  @MapKeyColumn(name = "stage")
  @MapKeyEnumerated(EnumType.STRING)
  private Map<Stage, StageProgress> stages = new EnumMap<>(Stage.class);

  protected Certificate() {}

  /**
   * The columns {@link #read} reads, of the {@code certificate} table as {@code c}: beside the row
   * mapping, so that the two cannot drift apart.
   */
  static final String COLUMNS = "c.id, c.completion_id, c.redemption_code, c.certificate_number,"
      + " c.platform, c.learner_id, c.learner_name, c.learner_email, c.prakerja_name, c.course_id,"
      + " c.course_title, c.completed_at, c.review_submitted, c.content_hash, c.state,"
      + " c.current_stage, c.action_reason, c.created_at, c.updated_at, c.erased_at, c.version";

  /**
   * The certificate of the current row of {@link CertificateReads}'s statement ({@link #COLUMNS}),
   * its columns named as mapped above, with no stages yet: each row adds one ({@link #withStage}).
   * Its version is read too, so that a certificate read this way and handed to
   * {@code Certificates.save} is merged (and checked against concurrent changes), never inserted as
   * a new one.
   */
  static Certificate read(ResultSet rs) throws SQLException {
    Certificate c = new Certificate();
    c.id = rs.getObject("id", UUID.class);
    c.completionId = rs.getString("completion_id");
    c.redemptionCode = rs.getString("redemption_code");
    c.certificateNumber = rs.getString("certificate_number");
    c.platform = Platform.valueOf(rs.getString("platform"));
    c.learnerId = rs.getString("learner_id");
    c.learnerName = rs.getString("learner_name");
    c.learnerEmail = rs.getString("learner_email");
    c.prakerjaName = rs.getString("prakerja_name");
    c.courseId = rs.getString("course_id");
    c.courseTitle = rs.getString("course_title");
    c.completedAt = CertificateReads.instant(rs, "completed_at");
    c.reviewSubmitted = rs.getBoolean("review_submitted");
    c.contentHash = rs.getString("content_hash");
    c.state = CertificateState.valueOf(rs.getString("state"));
    String stage = rs.getString("current_stage");
    c.currentStage = stage == null ? null : Stage.valueOf(stage);
    String reason = rs.getString("action_reason");
    c.actionReason = reason == null ? null : ActionReason.valueOf(reason);
    c.createdAt = CertificateReads.instant(rs, "created_at");
    c.updatedAt = CertificateReads.instant(rs, "updated_at");
    c.erasedAt = CertificateReads.instant(rs, "erased_at");
    c.version = rs.getLong("version");
    return c;
  }

  void withStage(Stage stage, StageProgress progress) {
    stages.put(stage, progress);
  }

  /** What the learning platform told us about a finished class. */
  public record Completion(String completionId, String redemptionCode, String certificateNumber,
      Platform platform, String learnerId, String learnerName, String learnerEmail,
      String prakerjaName, String courseId, String courseTitle, Instant completedAt,
      boolean reviewSubmitted) {}

  /**
   * A new certificate: the class is completed, and every later stage is projected from the
   * completion as if each finished exactly at its deadline. The process refines this at once.
   */
  public static Certificate received(Completion c, String contentHash, Instant now,
      WorkingDayCalendar calendar) {
    Certificate certificate = new Certificate();
    certificate.id = UUID.randomUUID();
    certificate.completionId = c.completionId();
    certificate.redemptionCode = c.redemptionCode();
    certificate.certificateNumber = c.certificateNumber();
    certificate.platform = c.platform();
    certificate.learnerId = c.learnerId();
    certificate.learnerName = c.learnerName();
    certificate.learnerEmail = c.learnerEmail();
    certificate.prakerjaName = c.prakerjaName();
    certificate.courseId = c.courseId();
    certificate.courseTitle = c.courseTitle();
    certificate.completedAt = c.completedAt();
    certificate.reviewSubmitted = c.reviewSubmitted();
    certificate.contentHash = contentHash;
    certificate.createdAt = now;
    certificate.stages.put(Stage.CLASS_COMPLETED,
        new StageProgress(StageStatus.DONE, c.completedAt(), null));
    certificate.project(Stage.CLASS_COMPLETED, c.completedAt(), StageStatus.PENDING, calendar);
    certificate.settle(CertificateState.IN_PROGRESS, null, now);
    return certificate;
  }

  /** Reporting starts (again): the report to the platform is due one working day after {@code since}. */
  void openReporting(Instant since, Instant now, WorkingDayCalendar calendar) {
    project(Stage.CLASS_COMPLETED, since, StageStatus.IN_PROGRESS, calendar);
    settle(CertificateState.IN_PROGRESS, null, now);
  }

  /** The learner's names differ: reporting waits for the learner, its deadline counted from now. */
  void awaitNameCorrection(Instant now, WorkingDayCalendar calendar) {
    project(Stage.CLASS_COMPLETED, now, StageStatus.IN_PROGRESS, calendar);
    settle(CertificateState.ACTION_REQUIRED, ActionReason.NAME_MISMATCH, now);
  }

  /** {@code stage} finished at {@code at}; the next is due from then, the rest projected. */
  void stageDone(Stage stage, Instant at, Instant now, WorkingDayCalendar calendar) {
    stages.put(stage, new StageProgress(StageStatus.DONE, at, null));
    project(stage, at, StageStatus.IN_PROGRESS, calendar);
    settle(stage == Stage.VERIFIED_BY_PMO ? CertificateState.VERIFIED : CertificateState.IN_PROGRESS,
        null, now);
  }

  /** The PMO turned the certificate down; a name mismatch goes back to the learner. */
  void rejectedByPmo(boolean forName, Instant now) {
    StageProgress verification = stages.get(Stage.VERIFIED_BY_PMO);
    stages.put(Stage.VERIFIED_BY_PMO,
        new StageProgress(StageStatus.FAILED, null, verification == null ? null : verification.dueAt()));
    settle(CertificateState.ACTION_REQUIRED,
        forName ? ActionReason.NAME_MISMATCH : ActionReason.PMO_REJECTED, now);
  }

  void rejectedByPlatform(Instant now) {
    StageProgress report = stages.get(Stage.REPORTED_TO_PLATFORM);
    stages.put(Stage.REPORTED_TO_PLATFORM, new StageProgress(StageStatus.FAILED, null, report.dueAt()));
    settle(CertificateState.ACTION_REQUIRED, ActionReason.PLATFORM_REJECTED, now);
  }

  void closedUnverified(Instant now) {
    settle(CertificateState.REJECTED, actionReason, now);
  }

  /**
   * An operator closed the certificate as failed on an escalation: the stage it waited in failed
   * and it ends without verification. Why it was waiting (a name mismatch) is kept, as on a close
   * after a rejection.
   */
  void closedAsFailed(Instant now) {
    StageProgress waiting = stages.get(currentStage);
    stages.put(currentStage, new StageProgress(StageStatus.FAILED, null, waiting.dueAt()));
    settle(CertificateState.REJECTED, actionReason, now);
  }

  /**
   * Sets the stage after {@code finished} to {@code nextStatus}, due its SLA after {@code from},
   * and every later one pending, due as if each earlier stage finished exactly at its deadline.
   */
  private void project(Stage finished, Instant from, StageStatus nextStatus, WorkingDayCalendar calendar) {
    Instant due = from;
    StageStatus status = nextStatus;
    Instant startedAt = nextStatus == StageStatus.IN_PROGRESS ? from : null;
    for (Stage later : finished.later()) {
      due = calendar.addWorkingDays(due, later.workingDays());
      Instant atRiskAt = startedAt == null ? null
          : calendar.afterShareOf(startedAt, later.workingDays(), StageProgress.AT_RISK_SHARE);
      stages.put(later, new StageProgress(status, null, due, startedAt, atRiskAt));
      status = StageStatus.PENDING;
      startedAt = null;
    }
  }

  /**
   * The calendar changed: the stage in progress is due again its SLA after it started, and the
   * later stages are projected from there. True when its deadline moved.
   */
  boolean recountDeadlines(Instant now, WorkingDayCalendar calendar) {
    if (currentStage == null) {
      return false;
    }
    StageProgress current = stages.get(currentStage);
    if (current.status() != StageStatus.IN_PROGRESS || current.startedAt() == null) {
      return false;
    }
    Instant due = calendar.addWorkingDays(current.startedAt(), currentStage.workingDays());
    if (due.equals(current.dueAt())) {
      return false;
    }
    Stage previous = Stage.IN_ORDER.get(currentStage.ordinal() - 1);
    project(previous, current.startedAt(), StageStatus.IN_PROGRESS, calendar);
    updatedAt = now;
    return true;
  }

  /**
   * The learner's data is erased while the certificate is in flight: its process ended at "Closed:
   * data erased", the stage it waited in is marked so, and no report of it goes out later.
   */
  void closedByErasure(Instant now) {
    if (currentStage != null) {
      StageProgress waiting = stages.get(currentStage);
      stages.put(currentStage, new StageProgress(StageStatus.ERASED, null,
          waiting == null ? null : waiting.dueAt()));
    }
    state = CertificateState.ERASED;
    actionReason = null;
    updatedAt = now;
  }

  /** What stands in for a personal field once it is erased. */
  static final String ERASED = "erased";

  /**
   * Replaces every field that leads to the learner by a placeholder: names, e-mail, the learning
   * platform's learner and completion ids, the redemption code and certificate number, and the
   * hash of the completion as received. Platform, course, dates, state and stages stay, for the
   * counts. The placeholders of the unique columns are made of the certificate's own id.
   */
  void anonymise(Instant now) {
    String placeholder = id.toString().replace("-", "");
    completionId = ERASED + "-" + placeholder;
    redemptionCode = placeholder;
    certificateNumber = ERASED;
    learnerId = ERASED;
    learnerName = ERASED;
    learnerEmail = ERASED;
    prakerjaName = ERASED;
    contentHash = ERASED;
    erasedAt = now;
  }

  private void settle(CertificateState newState, ActionReason reason, Instant now) {
    state = newState;
    actionReason = reason;
    currentStage = Stage.IN_ORDER.stream()
        .filter(s -> stages.get(s) == null || !stages.get(s).isDone())
        .findFirst().orElse(null);
    updatedAt = now;
  }

  void correctLearnerName(String name, Instant now) {
    learnerName = name;
    updatedAt = now;
  }

  public StageProgress stage(Stage stage) {
    return stages.get(stage);
  }

  public boolean isLate(Instant now) {
    return stages.values().stream().anyMatch(s -> s.isLate(now));
  }

  public UUID id() { return id; }
  public String completionId() { return completionId; }
  public String redemptionCode() { return redemptionCode; }
  public String certificateNumber() { return certificateNumber; }
  public Platform platform() { return platform; }
  public String learnerId() { return learnerId; }
  public String learnerName() { return learnerName; }
  public String learnerEmail() { return learnerEmail; }
  public String prakerjaName() { return prakerjaName; }
  public String courseId() { return courseId; }
  public String courseTitle() { return courseTitle; }
  public Instant completedAt() { return completedAt; }
  public boolean reviewSubmitted() { return reviewSubmitted; }
  public String contentHash() { return contentHash; }
  public CertificateState state() { return state; }
  public Stage currentStage() { return currentStage; }
  public ActionReason actionReason() { return actionReason; }
  public Instant updatedAt() { return updatedAt; }
  public Instant erasedAt() { return erasedAt; }
}
