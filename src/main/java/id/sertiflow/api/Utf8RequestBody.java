package id.sertiflow.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a JSON or CSV request body on SertiFlow's API that is not UTF-8 with 400, before any
 * parser sees it. Jackson reads an overlong encoding ({@code C0 AF}) as the character it spells
 * ('/') and an encoded surrogate as a character the database then stores as '?', and the servlet
 * reader under a CSV batch fails with a 500: a lenient decoder stores what nobody sent. Java's own
 * UTF-8 decoder, set to report, refuses all of these. Bodies are at most 1 MiB
 * ({@link RequestSizeLimit} counts them as they are read here), so reading one whole is cheap.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 30)
public class Utf8RequestBody extends OncePerRequestFilter {

  private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");

  private final ObjectMapper json;

  Utf8RequestBody(ObjectMapper json) {
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith("/api/") || !WITH_BODY.contains(request.getMethod())
        || !isText(request.getContentType());
  }

  /** JSON and CSV, the bodies SertiFlow reads as text; anything else is left to answer 415. */
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
    byte[] body;
    try {
      body = request.getInputStream().readAllBytes();
    } catch (IOException e) {
      if (RequestSizeLimit.causedByOversizeBody(e)) {
        ProblemResponses.write(response, json, RequestSizeLimit.tooLarge());
        return;
      }
      throw e;
    }
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
    } catch (CharacterCodingException notUtf8) {
      ProblemResponses.write(response, json, ApiProblem.badRequest("The request body is not valid UTF-8."));
      return;
    }
    chain.doFilter(new ReadBody(request, body), response);
  }

  /** The request with its body already read: served from memory, as UTF-8. */
  private static final class ReadBody extends HttpServletRequestWrapper {
    private final byte[] body;

    ReadBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] buffer, int off, int len) {
          return in.read(buffer, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("The body has been read already");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
    }

    @Override
    public String getCharacterEncoding() {
      return StandardCharsets.UTF_8.name();
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
