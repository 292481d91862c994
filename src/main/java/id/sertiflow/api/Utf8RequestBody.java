package id.sertiflow.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.WebUtils;

/**
 * Refuses a JSON or CSV request body that is not UTF-8 with 400, before any parser sees it,
 * whatever its path. Jackson reads an overlong encoding ({@code C0 AF}) as the character it spells
 * ('/') and an encoded surrogate as a character the database then stores as '?', and the servlet
 * reader under a CSV batch fails with a 500: a lenient decoder stores what nobody sent. Java's own
 * UTF-8 decoder, set to report, refuses all of these. It runs after every door has checked its
 * caller's credentials (security.Doors orders it), so an anonymous caller's body is never read;
 * bodies are at most 1 MiB ({@link RequestSizeLimit}, which keeps the bytes read here for the
 * controller), so reading one whole is cheap.
 */
public class Utf8RequestBody extends OncePerRequestFilter {

  private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");

  private final ObjectMapper json;

  public Utf8RequestBody(ObjectMapper json) {
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !WITH_BODY.contains(request.getMethod()) || !isText(request.getContentType());
  }

  /** JSON and CSV, the bodies read as text; anything else is left to answer 415. */
  private static boolean isText(String contentType) {
    if (contentType == null) {
      return false;
    }
    try {
      MediaType type = MediaType.parseMediaType(contentType);
      return type.isCompatibleWith(MediaType.APPLICATION_JSON) || type.getSubtype().endsWith("+json")
          || "text".equals(type.getType());
    } catch (RuntimeException unreadable) {
      return false;
    }
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    byte[] body = RequestSizeLimit.readAllOrRefuse(request, response, json);
    if (body == null) {
      return;
    }
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
    } catch (CharacterCodingException notUtf8) {
      ProblemResponses.write(response, json, ApiProblem.badRequest("The request body is not valid UTF-8."));
      return;
    }
    WebUtils.getNativeRequest(request, RequestSizeLimit.BoundedBody.class).readAsUtf8();
    chain.doFilter(request, response);
  }
}
