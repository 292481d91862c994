package id.sertiflow.status;

import id.sertiflow.api.ApiProblem;
import id.sertiflow.calendar.ServiceClock;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rate limit of the learners' status look-up: so many look-ups per client address and so many
 * per redemption code in a fixed window, counted in the database ({@code lookup_limit}) so that
 * every node of a cluster shares the same counters. Every look-up counts, matched or not, so that
 * guessing codes (or e-mails for one code) is limited too. An IPv6 client counts by its /64
 * ({@link #clientOf}).
 *
 * <p>Each key's counter is one row per window, incremented by one statement that takes the row's
 * lock: the count read back right after is exact, whatever other nodes do at the same time. The
 * first look-up of a window inserts the row; when two nodes insert it at once, the loser's
 * transaction is rolled back (PostgreSQL aborts a transaction after a failed statement) and run
 * again, which then finds the row. The counting runs in a transaction of its own, so it never
 * writes inside a caller's read-only transaction and is committed whatever the look-up answers.
 */
@Component
class LookupRateLimit {

  /**
   * {@code sertiflow.status-lookups.*}.
   *
   * @param perAddress look-ups one client address may make per window (default 30)
   * @param perCode look-ups of one redemption code, from any address, per window (default 10)
   * @param window the length of a fixed window (default 10 minutes, at least 1 second)
   */
  @ConfigurationProperties("sertiflow.status-lookups")
  record Settings(Integer perAddress, Integer perCode, Duration window) {

    Settings {
      perAddress = perAddress == null || perAddress < 1 ? 30 : perAddress;
      perCode = perCode == null || perCode < 1 ? 10 : perCode;
      window = window == null || window.compareTo(Duration.ofSeconds(1)) < 0
          ? Duration.ofMinutes(10) : window;
    }
  }

  /** One call in this many also deletes counters older than two windows. */
  private static final int CLEAN_UP_ONE_IN = 100;
  private static final int ATTEMPTS = 3;
  private static final int MAX_KEY_LENGTH = 64;
  /**
   * Hex digits, colons and an embedded IPv4 address' dots, beginning with a hex digit or a colon:
   * what InetAddress parses as an address literal and never takes for a name to look up.
   */
  private static final Pattern IPV6_LITERAL = Pattern.compile("(?=.*:)[0-9A-Fa-f:][0-9A-Fa-f:.]*");

  private final JdbcTemplate jdbc;
  private final TransactionTemplate ownTransaction;
  private final ServiceClock clock;
  private final Settings settings;

  LookupRateLimit(JdbcTemplate jdbc, TransactionTemplate transaction, ServiceClock clock,
      Settings settings) {
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transaction.getTransactionManager());
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.clock = clock;
    this.settings = settings;
  }

  /**
   * Counts one look-up from {@code clientAddress} for {@code redemptionCode} (as the service
   * normalises it), or refuses it with 429 and {@code Retry-After} once either counter of the
   * current window is past its limit.
   *
   * <p>Call it outside any transaction if you can: inside one, the look-up holds two database
   * connections at once.
   */
  void count(String clientAddress, String redemptionCode) {
    Instant now = clock.now();
    long windowMillis = settings.window().toMillis();
    long startMillis = Math.floorDiv(now.toEpochMilli(), windowMillis) * windowMillis;
    OffsetDateTime windowStart = OffsetDateTime.ofInstant(Instant.ofEpochMilli(startMillis), ZoneOffset.UTC);
    String address = bucket("address:", clientOf(clientAddress));
    String code = codeBucket(redemptionCode);

    boolean allowed = countInOwnTransaction(windowStart, address, code);
    if (!allowed) {
      long millisLeft = startMillis + windowMillis - now.toEpochMilli();
      throw ApiProblem.tooManyRequests(
          "Too many status look-ups from this address or for this redemption code; please try again later.",
          Math.max(1, (millisLeft + 999) / 1000));
    }
  }

  private boolean countInOwnTransaction(OffsetDateTime windowStart, String address, String code) {
    for (int attempt = 1; ; attempt++) {
      try {
        return Boolean.TRUE.equals(ownTransaction.execute(status -> {
          // always the address before the code: two look-ups never wait for each other in a circle
          int addressHits = increment(address, windowStart);
          int codeHits = increment(code, windowStart);
          if (ThreadLocalRandom.current().nextInt(CLEAN_UP_ONE_IN) == 0) {
            forgetWindowsBefore(windowStart.minus(settings.window()));
          }
          return addressHits <= settings.perAddress() && codeHits <= settings.perCode();
        }));
      } catch (DataIntegrityViolationException | TransientDataAccessException raceOrDeadlock) {
        // another node inserted the same counter first (or a lock wait gave up): count again
        if (attempt >= ATTEMPTS) {
          throw raceOrDeadlock;
        }
      }
    }
  }

  /** Deletes the counters of windows that ended before the previous one; returns how many. */
  int forgetOldWindows() {
    long windowMillis = settings.window().toMillis();
    long startMillis = Math.floorDiv(clock.now().toEpochMilli(), windowMillis) * windowMillis;
    return forgetWindowsBefore(OffsetDateTime.ofInstant(Instant.ofEpochMilli(startMillis), ZoneOffset.UTC)
        .minus(settings.window()));
  }

  private int forgetWindowsBefore(OffsetDateTime start) {
    return jdbc.update("delete from lookup_limit where window_start < ?", start);
  }

  /** Adds one to the key's counter of the window and returns the new count. */
  private int increment(String bucket, OffsetDateTime windowStart) {
    int updated = jdbc.update(
        "update lookup_limit set hits = hits + 1 where bucket = ? and window_start = ?",
        bucket, windowStart);
    if (updated == 0) {
      jdbc.update("insert into lookup_limit (bucket, window_start, hits) values (?, ?, 1)",
          bucket, windowStart);
      return 1;
    }
    // this transaction holds the row's lock since the update: nobody else changed it since
    Integer hits = jdbc.queryForObject(
        "select hits from lookup_limit where bucket = ? and window_start = ?",
        Integer.class, bucket, windowStart);
    return hits == null ? Integer.MAX_VALUE : hits;
  }

  /**
   * Whom a look-up from {@code remoteAddress} counts against. An IPv4 address as it is. An IPv6
   * address by its /64: that is the block a provider gives one subscriber (a home, a phone), who
   * may use any address in it and would otherwise earn a fresh limit with each. Every spelling of
   * one address (compressed or in full, any case, with or without a zone id) is the same
   * {@link InetAddress}, and an IPv4-mapped one ({@code ::ffff:192.0.2.7}) is its IPv4 address.
   * Anything else is counted as it is written.
   */
  static String clientOf(String remoteAddress) {
    if (remoteAddress == null) {
      return "";
    }
    String literal = remoteAddress.strip();
    if (literal.startsWith("[") && literal.endsWith("]")) {
      literal = literal.substring(1, literal.length() - 1);
    }
    // the zone names a local interface, not the client; InetAddress would also look it up
    int zone = literal.indexOf('%');
    if (zone >= 0) {
      literal = literal.substring(0, zone);
    }
    // only an IPv6 literal goes to InetAddress: for a name it would ask DNS, and an X-Forwarded-For
    // that a misconfigured proxy lets through can say anything
    if (!IPV6_LITERAL.matcher(literal).matches()) {
      return remoteAddress;
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(literal);
    } catch (UnknownHostException notAnAddress) {
      return remoteAddress;
    }
    if (address instanceof Inet4Address) {
      return address.getHostAddress();
    }
    byte[] bytes = address.getAddress();
    StringBuilder network = new StringBuilder();
    for (int group = 0; group < 4; group++) {
      network.append(Integer.toHexString(((bytes[2 * group] & 0xff) << 8) | (bytes[2 * group + 1] & 0xff)))
          .append(':');
    }
    return network.append(":/64").toString();
  }

  /**
   * A code's counter, named by the SHA-256 of the code rather than the code: the limit only needs
   * to know the same code again, and the table then never holds a learner's redemption code
   * (docs/personal-data.md), not even one typed after its learner's data was erased.
   */
  static String codeBucket(String redemptionCode) {
    String code = redemptionCode == null ? "" : redemptionCode;
    try {
      return "code:" + java.util.HexFormat.of().formatHex(java.security.MessageDigest
          .getInstance("SHA-256").digest(code.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
  }

  private static String bucket(String kind, String key) {
    String k = key == null ? "" : key;
    return kind + (k.length() > MAX_KEY_LENGTH ? k.substring(0, MAX_KEY_LENGTH) : k);
  }
}
