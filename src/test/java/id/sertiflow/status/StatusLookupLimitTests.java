package id.sertiflow.status;

import static id.sertiflow.TestApi.wib;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.ObjectMapper;
import id.sertiflow.EngineClock;
import id.sertiflow.SertiflowTest;
import id.sertiflow.TestApi;
import id.sertiflow.api.ApiProblem;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The rate limit of the learner's look-up: per client address and per redemption code, in fixed
 * windows counted in the database. The database is shared by every test, so each test asks from
 * addresses and for codes of its own, at a time of its own.
 */
@SertiflowTest
class StatusLookupLimitTests {

  static final OffsetDateTime COMPLETED = wib("2026-11-27T15:30:00");
  static final String EMAIL = "budi@example.com";
  static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(1);
  /** The fourth group of a /64 of the documentation prefix 2001:db8::/32 that no other test uses. */
  static final AtomicInteger NEXT_SUBNET = new AtomicInteger(1);

  @RegisterExtension final EngineClock clock = EngineClock.realTime();

  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired LookupRateLimit.Settings limits;
  @Autowired JdbcTemplate jdbc;
  @Autowired LookupRateLimit rateLimit;

  TestApi api;
  String code;

  @BeforeEach
  void setUp() throws Exception {
    api = new TestApi(mvc, json);
    code = TestApi.newRedemptionCode();
    // a quarter of the way into a window: the tests end well before the window does
    long windowMillis = limits.window().toMillis();
    long start = Math.floorDiv(wib("2026-12-01T10:00:00").toInstant().toEpochMilli(), windowMillis) * windowMillis;
    clock.set(OffsetDateTime.ofInstant(Instant.ofEpochMilli(start), COMPLETED.getOffset())
        .plus(limits.window().dividedBy(4)));
    api.complete(api.completion(code, COMPLETED));
  }

  @Test
  void refusesTheLookUpPastTheLimitOfOneAddressAndNotAnotherAddress() throws Exception {
    String address = newAddress();
    // different codes, so that only the address's counter reaches its limit
    for (int i = 0; i < limits.perAddress(); i++) {
      api.problem(lookUp(address, TestApi.newRedemptionCode(), EMAIL), 404);
    }

    MockHttpServletResponse refused = lookUp(address, code, EMAIL);

    var problem = api.problem(refused, 429);
    assertThat(problem.path("title").asText()).isEqualTo("Too many requests");
    long retryAfter = Long.parseLong(refused.getHeader(HttpHeaders.RETRY_AFTER));
    assertThat(retryAfter).isPositive()
        .isEqualTo(limits.window().minus(limits.window().dividedBy(4)).toSeconds());
    assertThat(lookUp(newAddress(), code, EMAIL).getStatus()).isEqualTo(200);
  }

  @Test
  void countsEveryAddressOfAnIpv6SlashSixtyFourAgainstOneLimitAndAnotherSlashSixtyFourApart()
      throws Exception {
    int subnet = NEXT_SUBNET.getAndIncrement();
    // a fresh address of the same /64 for every look-up, written every way a client's may be
    for (int i = 0; i < limits.perAddress(); i++) {
      String host = Integer.toHexString(i + 1);
      String address = switch (i % 3) {
        case 0 -> "2001:db8:5:" + Integer.toHexString(subnet) + "::" + host;
        case 1 -> String.format("2001:0DB8:0005:%04X:0000:0000:0000:%04X", subnet, i + 1);
        default -> "2001:db8:5:" + Integer.toHexString(subnet) + ":0:0:" + host + ":1%eth0";
      };
      api.problem(lookUp(address, TestApi.newRedemptionCode(), EMAIL), 404);
    }

    MockHttpServletResponse refused = lookUp("2001:db8:5:" + Integer.toHexString(subnet)
        + ":ffff:ffff:ffff:ffff", code, EMAIL);

    api.problem(refused, 429);
    assertThat(refused.getHeader(HttpHeaders.RETRY_AFTER)).isNotNull();
    // the next /64 is another subscriber's
    int next = NEXT_SUBNET.getAndIncrement();
    assertThat(lookUp("2001:db8:5:" + Integer.toHexString(next) + "::1", code, EMAIL).getStatus())
        .isEqualTo(200);
  }

  @Test
  void countsAnIpv4MappedIpv6AddressAsItsIpv4Address() throws Exception {
    String address = newAddress();
    for (int i = 0; i < limits.perAddress(); i++) {
      api.problem(lookUp(address, TestApi.newRedemptionCode(), EMAIL), 404);
    }

    api.problem(lookUp("::ffff:" + address, code, EMAIL), 429);
    api.problem(lookUp("0:0:0:0:0:FFFF:" + address, code, EMAIL), 429);
    // and an IPv4 address beside it is still another client
    assertThat(lookUp(newAddress(), code, EMAIL).getStatus()).isEqualTo(200);
  }

  @Test
  void refusesTheLookUpsOfOneCodePastItsLimitFromAnyAddress() throws Exception {
    for (int i = 0; i < limits.perCode(); i++) {
      String email = i % 2 == 0 ? EMAIL : "guess" + i + "@example.com";
      assertThat(lookUp(newAddress(), code, email).getStatus()).isIn(200, 404);
    }

    MockHttpServletResponse refused = lookUp(newAddress(), code, EMAIL);

    api.problem(refused, 429);
    assertThat(Long.parseLong(refused.getHeader(HttpHeaders.RETRY_AFTER))).isPositive();
    // the limit is the code's: another code from a fresh address is answered
    String other = TestApi.newRedemptionCode();
    api.complete(api.completion(other, COMPLETED));
    assertThat(lookUp(newAddress(), other, EMAIL).getStatus()).isEqualTo(200);
  }

  @Test
  void letsTheAddressLookUpAgainOnceTheWindowHasPassed() throws Exception {
    String address = newAddress();
    for (int i = 0; i < limits.perAddress(); i++) {
      api.problem(lookUp(address, TestApi.newRedemptionCode(), EMAIL), 404);
    }
    MockHttpServletResponse refused = lookUp(address, code, EMAIL);
    api.problem(refused, 429);
    long retryAfter = Long.parseLong(refused.getHeader(HttpHeaders.RETRY_AFTER));

    clock.set(OffsetDateTime.ofInstant(clock.now(),
        COMPLETED.getOffset()).plusSeconds(retryAfter - 1));
    api.problem(lookUp(address, code, EMAIL), 429);

    clock.set(OffsetDateTime.ofInstant(clock.now(),
        COMPLETED.getOffset()).plusSeconds(1));
    assertThat(lookUp(address, code, EMAIL).getStatus()).isEqualTo(200);
  }

  @Test
  void countsUnmatchedLookUpsAndKeepsTheirAnswerTheSame() throws Exception {
    String address = newAddress();
    MockHttpServletResponse wrongEmail = lookUp(address, code, "someone.else@example.com");
    MockHttpServletResponse unknownCode = lookUp(address, TestApi.newRedemptionCode(), EMAIL);

    api.problem(wrongEmail, 404);
    api.problem(unknownCode, 404);
    assertThat(wrongEmail.getContentAsByteArray()).isEqualTo(unknownCode.getContentAsByteArray());
    assertThat(wrongEmail.getHeader(HttpHeaders.RETRY_AFTER)).isNull();
    assertThat(jdbc.queryForObject("select max(hits) from lookup_limit where bucket = ?",
        Integer.class, "address:" + address)).isEqualTo(2);
  }

  @Test
  void startsAFreshCountInEveryWindowAndForgetsOldWindows() throws Exception {
    String address = newAddress();
    Duration window = limits.window();
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.now(), COMPLETED.getOffset());
    assertThat(lookUp(address, code, EMAIL).getStatus()).isEqualTo(200);
    clock.set(now.plus(window));
    assertThat(lookUp(address, code, EMAIL).getStatus()).isEqualTo(200);

    assertThat(jdbc.queryForList("select hits from lookup_limit where bucket = ? order by window_start",
        Integer.class, "address:" + address)).containsExactly(1, 1);

    // the current and the previous window are kept; older ones go (one look-up in 100 does this)
    clock.set(now.plus(window.multipliedBy(2)));
    rateLimit.forgetOldWindows();
    assertThat(countRows(address)).isEqualTo(1);
    clock.set(now.plus(window.multipliedBy(3)));
    rateLimit.forgetOldWindows();
    assertThat(countRows(address)).isZero();
  }

  @Test
  void countsExactlyWhenManyLookUpsOfOneAddressArriveAtOnce() throws Exception {
    String address = newAddress();
    int tries = limits.perAddress() + 10;
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Callable<Boolean>> lookUps = new ArrayList<>();
    for (int i = 0; i < tries; i++) {
      String someCode = TestApi.newRedemptionCode();
      lookUps.add(() -> {
        try {
          rateLimit.count(address, someCode);
          return true;
        } catch (ApiProblem refused) {
          assertThat(refused.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
          return false;
        }
      });
    }
    try {
      int allowed = 0;
      for (Future<Boolean> answer : pool.invokeAll(lookUps)) {
        allowed += answer.get() ? 1 : 0;
      }
      assertThat(allowed).isEqualTo(limits.perAddress());
      assertThat(jdbc.queryForObject("select max(hits) from lookup_limit where bucket = ?",
          Integer.class, "address:" + address)).isEqualTo(tries);
    } finally {
      pool.shutdownNow();
    }
  }

  private int countRows(String address) {
    return jdbc.queryForObject("select count(*) from lookup_limit where bucket = ?", Integer.class,
        "address:" + address);
  }

  private static String newAddress() {
    int n = NEXT_ADDRESS.getAndIncrement();
    return "10.9." + (n / 250) + "." + (n % 250 + 1);
  }

  private MockHttpServletResponse lookUp(String address, String redemptionCode, String email)
      throws Exception {
    return mvc.perform(post(StatusApiTests.LOOKUPS).contentType(MediaType.APPLICATION_JSON)
        .content(json.writeValueAsString(json.createObjectNode()
            .put("redemptionCode", redemptionCode).put("email", email)))
        .with(request -> {
          request.setRemoteAddr(address);
          return request;
        })).andReturn().getResponse();
  }
}
