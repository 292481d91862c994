package id.sertiflow.certificate;

import id.sertiflow.api.ApiProblem.FieldProblem;
import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.BadUserRequestException;

/**
 * An operator's decision on an escalation task outside the limits of the task's form, refused
 * before anything of it is recorded: the task stays open and its variables as they were. The
 * engine REST API answers it as 400 naming every bad field (security.EngineRefusals finds it
 * however Camunda wraps it); a caller of Camunda's Java API gets it as it is.
 *
 * <p>The message names the fields and what is wrong with them, never a value: a corrected name is
 * the learner's.
 */
public class EscalationDecisionRefused extends BadUserRequestException {

  private final List<FieldProblem> problems;

  EscalationDecisionRefused(List<FieldProblem> problems) {
    super("The decision on the escalation task is refused: " + problems.stream()
        .map(p -> p.field() + " " + p.message()).collect(Collectors.joining("; ")));
    this.problems = List.copyOf(problems);
  }

  /** Every bad field of the decision, as a problem document's {@code errors} lists them. */
  public List<FieldProblem> problems() {
    return problems;
  }
}
