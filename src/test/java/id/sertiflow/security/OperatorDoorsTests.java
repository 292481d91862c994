package id.sertiflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import com.fasterxml.jackson.databind.ObjectMapper;
import id.sertiflow.SertiflowTest;
import id.sertiflow.TestApi;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * SertiFlow's own operator doors (calendar, escalations): HTTP Basic against Camunda's users and
 * the groups of {@link OperatorFilter#RULES}. A wrong password is only ever tried for an unknown
 * user: Camunda locks a real one for seconds after it.
 */
@SertiflowTest
class OperatorDoorsTests {

  /** One operator door and what a caller allowed through it gets. */
  record Door(HttpMethod method, String path, String body, int success) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  // a far-off Tuesday and year: nothing else in the suite looks at them
  static final String HOLIDAY = "/api/v1/calendar/holidays/2031-03-04";
  static final String DECREE = "/api/v1/calendar/years/2031";

  static final List<Door> READ_CALENDAR = List.of(
      new Door(HttpMethod.GET, "/api/v1/calendar/deadline?from=2026-11-27T15:30:00%2B07:00&workingDays=1", null, 200),
      new Door(HttpMethod.GET, "/api/v1/calendar/holidays?year=2026", null, 200),
      new Door(HttpMethod.GET, "/api/v1/calendar/years", null, 200));
  /** In this order each one succeeds: put, then take away again. */
  static final List<Door> CHANGE_CALENDAR = List.of(
      new Door(HttpMethod.PUT, HOLIDAY, "{\"name\": \"Test holiday\", \"type\": \"NATIONAL_HOLIDAY\"}", 200),
      new Door(HttpMethod.DELETE, HOLIDAY, null, 204),
      new Door(HttpMethod.PUT, DECREE, "{\"decree\": \"SKB test 2031\"}", 200),
      new Door(HttpMethod.DELETE, DECREE, null, 204));
  static final List<Door> ESCALATIONS = List.of(
      new Door(HttpMethod.GET, "/api/v1/escalations?status=open", null, 200),
      new Door(HttpMethod.GET, "/api/v1/escalations", null, 200));

  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired IdentityService identity;
  @Autowired OperatorGroups operatorGroups;

  TestApi api;
  final List<String> users = new ArrayList<>();

  @BeforeEach
  void setUp() {
    api = new TestApi(mvc, json);
  }

  @AfterEach
  void deleteUsers() {
    users.forEach(identity::deleteUser);
    users.clear();
  }

  static List<Door> allDoors() {
    List<Door> all = new ArrayList<>(READ_CALENDAR);
    all.addAll(CHANGE_CALENDAR);
    all.addAll(ESCALATIONS);
    return all;
  }

  /** A new user with password "secret-" + its id, a member of {@code groups}. */
  String operator(String... groups) {
    String id = "op" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50), 36)
        .toLowerCase(Locale.ROOT);
    User user = identity.newUser(id);
    user.setFirstName("Test");
    user.setLastName("Operator");
    user.setPassword("secret-" + id);
    identity.saveUser(user);
    users.add(id);
    for (String group : groups) {
      identity.createMembership(id, group);
    }
    return id;
  }

  static String credentialsOf(String user) {
    return TestApi.basic(user, "secret-" + user);
  }

  MockHttpServletResponse call(Door door, String authorization) throws Exception {
    // a URI, not a template: the path's %2B stays as written
    MockHttpServletRequestBuilder request = request(door.method(), URI.create(door.path()));
    if (door.body() != null) {
      request.contentType(MediaType.APPLICATION_JSON).content(door.body());
    }
    if (authorization != null) {
      request.header(HttpHeaders.AUTHORIZATION, authorization);
    }
    return mvc.perform(request).andReturn().getResponse();
  }

  void expectSuccess(Door door, String authorization) throws Exception {
    MockHttpServletResponse response = call(door, authorization);
    assertThat(response.getStatus()).as(door + ": " + response.getContentAsString(StandardCharsets.UTF_8))
        .isEqualTo(door.success());
  }

  void expectForbidden(Door door, String authorization) throws Exception {
    assertThat(api.problem(call(door, authorization), 403).get("detail").asText())
        .as(door.toString()).contains("group");
  }

  void expectChallenge(Door door, String authorization) throws Exception {
    MockHttpServletResponse response = call(door, authorization);
    api.problem(response, 401);
    assertThat(response.getHeader(HttpHeaders.WWW_AUTHENTICATE)).as(door.toString())
        .isEqualTo("Basic realm=\"SertiFlow\"");
  }

  @Test
  void everyDoorAsksForCredentialsAndRefusesWrongOnes() throws Exception {
    String unknown = "ghost" + ThreadLocalRandom.current().nextInt(1_000_000);
    for (Door door : allDoors()) {
      expectChallenge(door, null);
      expectChallenge(door, TestApi.basic(unknown, "wrong"));
      expectChallenge(door, "Basic not-base64!");
      expectChallenge(door, "Basic " + java.util.Base64.getEncoder()
          .encodeToString("no-colon".getBytes(StandardCharsets.UTF_8)));
      expectChallenge(door, "Bearer " + TestApi.API_KEY);
    }
    // the learning platform's API key opens nothing here
    MockHttpServletResponse withKey = mvc.perform(request(HttpMethod.GET, "/api/v1/escalations")
        .header("X-Api-Key", TestApi.API_KEY)).andReturn().getResponse();
    api.problem(withKey, 401);
  }

  @Test
  void anyOperatorReadsTheCalendar() throws Exception {
    String plain = credentialsOf(operator());
    for (Door door : READ_CALENDAR) {
      expectSuccess(door, plain);
      expectSuccess(door, TestApi.OPERATOR);
    }
  }

  @Test
  void onlyCalendarAdminsAndCamundaAdminsChangeTheCalendar() throws Exception {
    String plain = credentialsOf(operator());
    String operations = credentialsOf(operator(OperatorGroups.OPERATIONS));
    String support = credentialsOf(operator(OperatorGroups.LEARNER_SUPPORT));
    for (Door door : CHANGE_CALENDAR) {
      expectForbidden(door, plain);
      expectForbidden(door, operations);
      expectForbidden(door, support);
    }
    // nothing was changed by the refused calls
    assertThat(call(new Door(HttpMethod.GET, "/api/v1/calendar/holidays?year=2031", null, 200),
        TestApi.OPERATOR).getContentAsString()).doesNotContain("2031-03-04");

    String calendarAdmin = credentialsOf(operator(OperatorGroups.CALENDAR_ADMIN));
    for (Door door : CHANGE_CALENDAR) {
      expectSuccess(door, calendarAdmin);
    }
    String camundaAdmin = credentialsOf(operator(OperatorGroups.CAMUNDA_ADMIN));
    for (Door door : CHANGE_CALENDAR) {
      expectSuccess(door, camundaAdmin);
    }
    for (Door door : CHANGE_CALENDAR) {
      expectSuccess(door, TestApi.OPERATOR);
    }
  }

  @Test
  void onlyOperationsAndCamundaAdminsSeeEscalations() throws Exception {
    String plain = credentialsOf(operator());
    String calendarAdmin = credentialsOf(operator(OperatorGroups.CALENDAR_ADMIN));
    String support = credentialsOf(operator(OperatorGroups.LEARNER_SUPPORT));
    String operations = credentialsOf(operator(OperatorGroups.OPERATIONS));
    String camundaAdmin = credentialsOf(operator(OperatorGroups.CAMUNDA_ADMIN));
    for (Door door : ESCALATIONS) {
      expectForbidden(door, plain);
      expectForbidden(door, calendarAdmin);
      expectForbidden(door, support);
      expectSuccess(door, operations);
      expectSuccess(door, camundaAdmin);
      expectSuccess(door, TestApi.OPERATOR);
    }
  }

  @Test
  void aGuardedPathNoRuleNamesIsForCamundaAdminsOnly() throws Exception {
    Door post = new Door(HttpMethod.POST, "/api/v1/calendar/holidays", "{}", 405);
    expectChallenge(post, null);
    expectForbidden(post, credentialsOf(operator(OperatorGroups.CALENDAR_ADMIN)));
    expectSuccess(post, TestApi.OPERATOR);
  }

  @Test
  void theGroupsExistAtStartAndTheFirstOperatorIsInOperations() {
    assertGroupsAndDemo();
    // a second start (or a second node) changes nothing
    operatorGroups.run(null);
    assertGroupsAndDemo();
  }

  private void assertGroupsAndDemo() {
    for (String id : OperatorGroups.GROUPS) {
      Group group = identity.createGroupQuery().groupId(id).singleResult();
      assertThat(group).as(id).isNotNull();
      assertThat(group.getType()).isEqualTo("WORKFLOW");
    }
    assertThat(identity.createGroupQuery().groupMember("demo").list()).extracting(Group::getId)
        .contains(OperatorGroups.OPERATIONS, OperatorGroups.CAMUNDA_ADMIN)
        .doesNotHaveDuplicates();
  }
}
