package id.sertiflow.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import id.sertiflow.api.ApiProblem;
import id.sertiflow.api.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The learning platform's key on intake and status: {@code X-Api-Key}. Keys are kept only as
 * SHA-256 hashes in memory and compared in constant time.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class ApiKeyFilter extends OncePerRequestFilter {

  static final String HEADER = "X-Api-Key";

  private final List<byte[]> keyHashes;
  private final ObjectMapper json;

  ApiKeyFilter(@Value("${sertiflow.api-keys:}") String apiKeys, ObjectMapper json) {
    this.keyHashes = Arrays.stream(apiKeys.split(",")).map(String::trim).filter(k -> !k.isEmpty())
        .map(ApiKeyFilter::hash).toList();
    this.json = json;
  }

  /** Intake, status by id or code, and the learner-name correction. */
  static boolean needsKey(HttpServletRequest request) {
    String path = request.getRequestURI();
    return path.startsWith("/api/v1/completions") || path.startsWith("/api/v1/certificates");
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !needsKey(request);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    String key = request.getHeader(HEADER);
    if (key == null || key.isBlank()) {
      ProblemResponses.write(response, json, ApiProblem.unauthorized("Send your API key in " + HEADER + "."));
      return;
    }
    byte[] presented = hash(key.trim());
    boolean known = false;
    for (byte[] hash : keyHashes) {
      known |= MessageDigest.isEqual(hash, presented);
    }
    if (!known) {
      ProblemResponses.write(response, json, ApiProblem.unauthorized("The API key is not valid."));
      return;
    }
    chain.doFilter(request, response);
  }

  private static byte[] hash(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
