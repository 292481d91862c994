package id.sertiflow.security;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.stereotype.Component;

/**
 * The learning platform's key on intake and status ({@code X-Api-Key}). Keys are kept only as
 * SHA-256 hashes in memory and compared in constant time, each against every configured key.
 */
@Component
class ApiKeys implements AuthenticationProvider {

  static final String HEADER = "X-Api-Key";
  /** The one authority a valid key gives. */
  static final String LEARNING_PLATFORM = "learning-platform";

  private final List<byte[]> keyHashes;

  ApiKeys(@Value("${sertiflow.api-keys:}") String apiKeys) {
    this.keyHashes = configured(apiKeys).stream().map(ApiKeys::hash).toList();
  }

  /** The keys of {@code sertiflow.api-keys}: comma-separated, blanks ignored. */
  static List<String> configured(String apiKeys) {
    return Arrays.stream(apiKeys.split(",")).map(String::trim).filter(k -> !k.isEmpty()).toList();
  }

  /** The key a request presents, not yet checked; null when it sends none. */
  static Authentication presented(HttpServletRequest request) {
    String key = request.getHeader(HEADER);
    return key == null || key.isBlank() ? null : new Key(key.trim(), false);
  }

  @Override
  public Authentication authenticate(Authentication presented) {
    byte[] hash = hash((String) presented.getCredentials());
    boolean known = false;
    for (byte[] keyHash : keyHashes) {
      known |= MessageDigest.isEqual(keyHash, hash);
    }
    if (!known) {
      throw new BadCredentialsException("The API key is not valid.");
    }
    return new Key(null, true);
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return Key.class.isAssignableFrom(authentication);
  }

  /**
   * SHA-256, so that comparing takes as long whatever the length of the key presented. Each call
   * clones one prepared digest: looking the algorithm up among the security providers on every
   * request cost more than the hashing (a Java Flight Recording of the status read).
   */
  private static byte[] hash(String key) {
    try {
      return ((MessageDigest) SHA_256.clone()).digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("The JDK's SHA-256 can be cloned", e);
    }
  }

  private static final MessageDigest SHA_256 = sha256();

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }


  /** A key as presented, or once checked (then without the key itself). */
  static final class Key extends AbstractAuthenticationToken {
    private final String key;

    Key(String key, boolean valid) {
      super(valid ? AuthorityUtils.createAuthorityList(LEARNING_PLATFORM) : List.of());
      this.key = key;
      setAuthenticated(valid);
    }

    @Override
    public Object getCredentials() {
      return key;
    }

    @Override
    public Object getPrincipal() {
      return LEARNING_PLATFORM;
    }
  }
}
