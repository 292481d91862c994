package id.sertiflow.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.SocketTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.WebUtils;

/**
 * Every request body, whatever its path: over 1 MiB is refused with 413, whether the client
 * declares the length or streams the body, and a body that takes longer than
 * {@link #MAX_READ_TIME} to arrive is refused with 408, so that a slow sender cannot hold a
 * request thread and a connection. Nothing here reads the body: it is read when a door that
 * needs it has checked the caller's credentials (security.Doors orders the filters), and read
 * at most once ({@link #readAll}), so that a door that verifies a signature over the raw bytes and
 * the controller behind it see the same bytes.
 */
public class RequestSizeLimit extends OncePerRequestFilter {

  public static final long MAX_BODY_BYTES = 1024 * 1024;
  /** How long a whole body may take to arrive; Tomcat's connection timeout bounds each read. */
  public static final Duration MAX_READ_TIME = Duration.ofSeconds(30);

  private final ObjectMapper json;

  public RequestSizeLimit(ObjectMapper json) {
    this.json = json;
  }

  static ApiProblem tooLarge() {
    return new ApiProblem(HttpStatus.PAYLOAD_TOO_LARGE, "Request body too large",
        "Request bodies may be at most 1 MiB.", null);
  }

  static ApiProblem tooSlow() {
    return new ApiProblem(HttpStatus.REQUEST_TIMEOUT, "Request body too slow",
        "The request body did not arrive within " + MAX_READ_TIME.toSeconds() + " seconds.", null);
  }

  /** What to answer when {@code e} comes from a body this filter refused; null otherwise. */
  static ApiProblem refusalIn(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof BodyRefused refused) {
        return refused.problem;
      }
      // the sender stopped: Tomcat's connection timeout ended the read
      if (t instanceof SocketTimeoutException) {
        return tooSlow();
      }
    }
    return null;
  }

  /**
   * The whole body of {@code request}, read once within the limits and kept for every later
   * reader. Throws an IOException that {@link #refusalIn} names when a limit is passed.
   */
  public static byte[] readAll(ServletRequest request) throws IOException {
    BoundedBody bounded = WebUtils.getNativeRequest(request, BoundedBody.class);
    if (bounded == null) {
      throw new IllegalStateException("RequestSizeLimit is not in front of this request");
    }
    return bounded.readAll();
  }

  /**
   * For a filter: the whole body as {@link #readAll} reads it, or null once a body past its
   * limits has been answered with its problem (413 or 408).
   */
  public static byte[] readAllOrRefuse(HttpServletRequest request, HttpServletResponse response,
      ObjectMapper json) throws IOException {
    try {
      return readAll(request);
    } catch (IOException e) {
      ApiProblem refusal = refusalIn(e);
      if (refusal == null) {
        throw e;
      }
      ProblemResponses.write(response, json, refusal);
      return null;
    }
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    if (request.getContentLengthLong() > MAX_BODY_BYTES) {
      ProblemResponses.write(response, json, tooLarge());
      return;
    }
    chain.doFilter(new BoundedBody(request), response);
  }

  /** Thrown from the body stream once a limit is passed. */
  static class BodyRefused extends IOException {
    private final transient ApiProblem problem;

    BodyRefused(ApiProblem problem) {
      super(problem.detail());
      this.problem = problem;
    }
  }

  /** The request, its body counted and timed as it is read, and kept once read whole. */
  static final class BoundedBody extends HttpServletRequestWrapper {
    private ServletInputStream stream;
    private byte[] whole;
    private boolean utf8;

    BoundedBody(HttpServletRequest request) {
      super(request);
    }

    byte[] readAll() throws IOException {
      if (whole == null) {
        whole = getInputStream().readAllBytes();
        stream = null;
      }
      return whole;
    }

    /** The body was checked to be UTF-8: every reader decodes it as such. */
    void readAsUtf8() {
      utf8 = true;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (whole != null) {
        return new Replayed(whole);
      }
      if (stream == null) {
        stream = new Counted(super.getInputStream());
      }
      return stream;
    }

    @Override
    public BufferedReader getReader() throws IOException {
      String encoding = getCharacterEncoding();
      Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
      return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }

    @Override
    public String getCharacterEncoding() {
      return utf8 ? StandardCharsets.UTF_8.name() : super.getCharacterEncoding();
    }

    @Override
    public int getContentLength() {
      return whole != null ? whole.length : super.getContentLength();
    }

    @Override
    public long getContentLengthLong() {
      return whole != null ? whole.length : super.getContentLengthLong();
    }
  }

  /** The body as it arrives, refused past 1 MiB or {@link #MAX_READ_TIME}. */
  private static final class Counted extends ServletInputStream {
    private final ServletInputStream in;
    private long read;
    private long startedAt;

    Counted(ServletInputStream in) {
      this.in = in;
    }

    private void count(long n) throws BodyRefused {
      read += n;
      if (read > MAX_BODY_BYTES) {
        throw new BodyRefused(tooLarge());
      }
    }

    /** Checked between reads: a read itself waits at most Tomcat's connection timeout. */
    private void inTime() throws BodyRefused {
      long now = System.nanoTime();
      if (startedAt == 0) {
        startedAt = now;
      } else if (now - startedAt > MAX_READ_TIME.toNanos()) {
        throw new BodyRefused(tooSlow());
      }
    }

    @Override
    public int read() throws IOException {
      inTime();
      int b = in.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
      inTime();
      int n = in.read(buffer, off, len);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }

  /** A body read whole already, served again from memory. */
  private static final class Replayed extends ServletInputStream {
    private final InputStream in;

    Replayed(byte[] body) {
      this.in = new ByteArrayInputStream(body);
    }

    @Override
    public int read() throws IOException {
      return in.read();
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
      return in.read(buffer, off, len);
    }

    @Override
    public boolean isFinished() {
      try {
        return in.available() == 0;
      } catch (IOException e) {
        return true;
      }
    }

    @Override
    public boolean isReady() {
      return true;
    }

    @Override
    public void setReadListener(ReadListener listener) {
      throw new UnsupportedOperationException("The body has been read already");
    }
  }
}
