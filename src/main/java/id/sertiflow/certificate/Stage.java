package id.sertiflow.certificate;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one place that knows the stages: their order, their SLA in working days (each stage is due
 * {@link #workingDays} working days after the previous one finished), how {@code
 * processes/certificate-reporting.bpmn} waits for each one, and what learners and operators call
 * it. Everything else reads these; {@code ProcessModelTests} checks the BPMN against them.
 */
public enum Stage {
  CLASS_COMPLETED(0, null,
      "Kelas selesai", "Class completed", "Class completed"),
  REPORTED_TO_PLATFORM(1,
      new Wait("SubProcess_AwaitReportToPlatform", "Task_ChaseOverduePlatformReport",
          "ReportedToPlatform", "reportToPlatformDueAt"),
      "Dilaporkan ke {platform}", "Reported to {platform}", "Report to platform"),
  REPORTED_TO_PMO(1,
      new Wait("SubProcess_AwaitReportToPmo", "Task_ChaseOverduePmoReport",
          "ReportedToPmo", "reportToPmoDueAt"),
      "{platform} melapor ke Prakerja", "{platform} reported to Prakerja", "Report to PMO"),
  VERIFIED_BY_PMO(7,
      new Wait("SubProcess_AwaitPmoVerification", "Task_ChaseOverduePmoVerification",
          "PmoVerified", "pmoVerificationDueAt"),
      "Diverifikasi PMO, tampil di dasbor Anda", "Verified by the PMO, on your dashboard",
      "PMO verification");

  public static final List<Stage> IN_ORDER = List.of(values());

  /** The stages the process waits for, each with its deadline timer and escalation. */
  public static final List<Stage> AWAITED = IN_ORDER.stream().filter(s -> s.wait != null).toList();

  private static final Map<String, Stage> BY_ESCALATION_TASK = AWAITED.stream()
      .collect(Collectors.toUnmodifiableMap(s -> s.wait.escalationTask(), Function.identity()));

  /** Where the learner's label names the digital platform. */
  private static final String PLATFORM = "{platform}";

  /**
   * How the process waits for a stage: the sub-process the wait lives in (entered again to move
   * its deadline timer), the escalation task its non-interrupting timer opens, the message that
   * completes it, and the process variable its timer and task read the deadline from.
   */
  public record Wait(String scope, String escalationTask, String message, String dueAtVariable) {}

  /** A text in Bahasa Indonesia (first) and English. */
  public record Label(String id, String en) {}

  private final int workingDays;
  private final Wait wait;
  private final Label learnerLabel;
  private final String operatorLabel;

  Stage(int workingDays, Wait wait, String learnerLabelId, String learnerLabelEn,
      String operatorLabel) {
    this.workingDays = workingDays;
    this.wait = wait;
    this.learnerLabel = new Label(learnerLabelId, learnerLabelEn);
    this.operatorLabel = operatorLabel;
  }

  /** The SLA: working days after the previous stage finished. */
  public int workingDays() {
    return workingDays;
  }

  /** Its place in the pipeline, from 1. */
  public int order() {
    return ordinal() + 1;
  }

  /**
   * How the process waits for it.
   *
   * @throws IllegalStateException for {@link #CLASS_COMPLETED}, which starts the process and is
   *     never awaited
   */
  public Wait waiting() {
    if (wait == null) {
      throw new IllegalStateException(name() + " is never awaited: it starts the process");
    }
    return wait;
  }

  /** The stage an escalation task of the process chases, if it is one. */
  public static Optional<Stage> chasedBy(String escalationTask) {
    return Optional.ofNullable(BY_ESCALATION_TASK.get(escalationTask));
  }

  /** The escalation tasks of every awaited stage. */
  public static String[] escalationTasks() {
    return AWAITED.stream().map(s -> s.wait.escalationTask()).toArray(String[]::new);
  }

  /**
   * What the status page calls it, with the digital platform named in each language ("Dilaporkan
   * ke Tokopedia" / "Reported to Tokopedia").
   */
  public Label learnerLabel(String platformInBahasa, String platformInEnglish) {
    return new Label(withPlatform(learnerLabel.id(), platformInBahasa),
        withPlatform(learnerLabel.en(), platformInEnglish));
  }

  /** What operators call it in Tasklist, with the key they see in the API and Cockpit. */
  public String operatorLabel() {
    return operatorLabel + " (" + name() + ")";
  }

  /** The stages after this one, in order. */
  public List<Stage> later() {
    return IN_ORDER.subList(ordinal() + 1, IN_ORDER.size());
  }

  private static String withPlatform(String label, String platform) {
    String named = label.replace(PLATFORM, platform);
    // a label that opens with a generic platform ("platform digital …") still opens a sentence
    return named.isEmpty() ? named : Character.toUpperCase(named.charAt(0)) + named.substring(1);
  }
}
