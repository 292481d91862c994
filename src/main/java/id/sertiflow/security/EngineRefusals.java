package id.sertiflow.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.sertiflow.api.ApiProblem;
import id.sertiflow.api.ApiProblem.FieldProblem;
import id.sertiflow.api.ProblemResponses;
import id.sertiflow.certificate.EscalationDecisionRefused;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.glassfish.jersey.spi.ExtendedExceptionMapper;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Refusals of a client's input by the engine that Camunda's REST API ({@code /engine-rest})
 * answers as a 500 naming its own exception types: a Java-serialized variable
 * ({@code java-serialization-format-enabled: false}), a password the policy refuses
 * ({@code enable-password-policy: true}), and an operator's decision on an escalation task outside
 * its form's limits ({@link EscalationDecisionRefused}, which Camunda wraps as an error of the
 * listener or form that refused it). Here they are what they are, bad input: 400, as a problem
 * document that says what to change, naming each bad field where there are fields, and nothing
 * internal. Every other error keeps Camunda's own answer.
 */
@Configuration(proxyBeanMethods = false)
class EngineRefusals {

  /** Camunda's code for the Java serialization refusal (CoreLogger#javaSerializationProhibitedException). */
  static final String JAVA_SERIALIZATION_CODE = "ENGINE-17007";
  static final String JAVA_FORMAT = "application/x-java-serialized-object";
  /** Camunda's whole message for a password the policy refuses (SaveUserCmd). */
  static final String PASSWORD_POLICY_MESSAGE = "Password does not match policy";
  /** Before Camunda's own mappers, which Jersey ranks at its default priority, 5000. */
  static final int PRIORITY = 1000;
  /** The variable's name in Camunda's message (VariableUtil.ERROR_MSG). */
  private static final Pattern VARIABLE =
      Pattern.compile("Cannot set variable with name (.+?)\\. Java serialization");

  @Bean
  ResourceConfigCustomizer engineRefusalsAreBadRequests(ObjectMapper json) {
    return config -> {
      // Jersey picks a mapper by the exception's own type, and the REST layer throws both
      config.register(new WhenWrapped(json), PRIORITY);
      config.register(new WhenThrown(json), PRIORITY);
    };
  }

  /** What the client must change, when {@code thrown} is one of the refusals; else null. */
  static String refusal(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof EscalationDecisionRefused decision) {
        return decision.problems().stream().map(p -> p.field() + " " + p.message())
            .collect(Collectors.joining("; ", "", "."));
      }
      if (!(t instanceof ProcessEngineException) || t.getMessage() == null) {
        continue;
      }
      String message = t.getMessage();
      if (message.startsWith(JAVA_SERIALIZATION_CODE)) {
        Matcher variable = VARIABLE.matcher(message);
        return (variable.find() ? "The variable \"" + variable.group(1) + "\" is" : "A variable is")
            + " in Java serialization (" + JAVA_FORMAT + "), which this service refuses. Send it as"
            + " JSON or as a plain value.";
      }
      if (message.equals(PASSWORD_POLICY_MESSAGE)) {
        return "The password does not meet the password policy (GET /engine-rest/identity/"
            + "password-policy lists its rules).";
      }
    }
    return null;
  }

  /** The bad fields a refusal names, for the problem document's {@code errors}; none for most. */
  static List<FieldProblem> badFields(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof EscalationDecisionRefused decision) {
        return decision.problems();
      }
    }
    return List.of();
  }

  static Response badRequest(ObjectMapper json, Throwable thrown) {
    ApiProblem problem = new ApiProblem(HttpStatus.BAD_REQUEST, "Bad request", refusal(thrown),
        badFields(thrown));
    ProblemDetail body = ProblemResponses.toProblemDetail(problem);
    // Camunda's web apps show the "message" of a failed call (camunda-bpm-sdk-js): Tasklist then
    // tells the operator what to change in the form
    body.setProperty("message", problem.detail());
    try {
      return Response.status(problem.status().value())
          .type(ProblemResponses.PROBLEM_JSON.toString())
          .entity(json.writeValueAsString(body))
          .build();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A problem document always serializes", e);
    }
  }

  /** One of the refusals, whichever type Camunda's REST layer throws it as. */
  abstract static class AsBadRequest<E extends Throwable> implements ExtendedExceptionMapper<E> {

    private final ObjectMapper json;

    AsBadRequest(ObjectMapper json) {
      this.json = json;
    }

    @Override
    public boolean isMappable(E exception) {
      return refusal(exception) != null;
    }

    @Override
    public Response toResponse(E exception) {
      return badRequest(json, exception);
    }
  }

  /** Most resources wrap the engine's refusal in a {@link RestException}. */
  static final class WhenWrapped extends AsBadRequest<RestException> {
    WhenWrapped(ObjectMapper json) {
      super(json);
    }
  }

  /** Others let the engine's refusal through as it is. */
  static final class WhenThrown extends AsBadRequest<ProcessEngineException> {
    WhenThrown(ObjectMapper json) {
      super(json);
    }
  }
}
