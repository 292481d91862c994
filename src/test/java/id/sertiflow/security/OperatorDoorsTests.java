package id.sertiflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.sertiflow.EngineClock;
import id.sertiflow.SertiflowTest;
import id.sertiflow.TestApi;
import id.sertiflow.TestBrowser;
import id.sertiflow.TestOperators;
import id.sertiflow.certificate.EscalationOutcome;
import id.sertiflow.certificate.EscalationOutcomes;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.AuthorizationQuery;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.identity.Group;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The operators' doors, each called with no credentials, wrong ones, right ones and a user without
 * the group (401 / 401 / 2xx / 403): SertiFlow's own (calendar, escalations: HTTP Basic against
 * Camunda's users and the groups of {@link Doors#OPERATOR_RULES}), Camunda's engine REST API
 * (HTTP Basic, Camunda's authorization checks) and the web apps' login. A wrong password is tried
 * for an unknown user, except where throttling itself is tested on a user of its own: Camunda
 * locks a real one for seconds after it.
 */
@SertiflowTest
@ExtendWith(TestBrowser.class)
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

  @RegisterExtension final EngineClock clock = EngineClock.realTime();

  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired IdentityService identity;
  @Autowired AuthorizationService authorizations;
  @Autowired OperatorGroups operatorGroups;

  TestApi api;
  TestOperators operators;

  @BeforeEach
  void setUp() {
    api = new TestApi(mvc, json);
    operators = new TestOperators(identity);
  }

  @AfterEach
  void deleteUsers() {
    operators.deleteAll();
  }

  static List<Door> allDoors() {
    List<Door> all = new ArrayList<>(READ_CALENDAR);
    all.addAll(CHANGE_CALENDAR);
    all.addAll(ESCALATIONS);
    return all;
  }

  /** A new operator in {@code groups}. */
  String operator(String... groups) {
    return operators.create(groups);
  }

  static String credentialsOf(String user) {
    return TestOperators.credentialsOf(user);
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
  void aPathOrMethodNoRuleNamesIsRefusedEvenToAdministrators() throws Exception {
    for (Door door : List.of(new Door(HttpMethod.POST, "/api/v1/calendar/holidays", "{}", 403),
        new Door(HttpMethod.GET, "/api/v1/no-such-door", null, 403),
        new Door(HttpMethod.GET, "/api/v1/calendar/holidays/", null, 403))) {
      expectChallenge(door, null);
      assertThat(api.problem(call(door, credentialsOf(operator(OperatorGroups.CALENDAR_ADMIN))), 403)
          .get("detail").asText()).as(door.toString()).contains("not a door");
      api.problem(call(door, TestApi.OPERATOR), 403);
    }
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

  // Camunda's own doors, which only a real servlet container shows: the engine REST API (a
  // Jersey servlet beside Spring MVC) and the web apps' login

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired RepositoryService repository;

  final HttpClient http = HttpClient.newHttpClient();

  HttpResponse<String> engineRest(String method, String path, String authorization, String body)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(
        "http://127.0.0.1:" + port + "/engine-rest" + path));
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Logs in to a Camunda web app ({@code cockpit}, {@code tasklist}, {@code admin}) as the
   * browser does: the page first, for its session and XSRF token, then the login form.
   */
  int webAppLogin(String app, String user, String password) throws Exception {
    HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    String base = "http://127.0.0.1:" + port + "/camunda";
    HttpResponse<String> page = browser.send(HttpRequest.newBuilder(
        URI.create(base + "/app/" + app + "/default/")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    String xsrf = page.headers().firstValue("X-XSRF-TOKEN").orElseGet(() ->
        page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("XSRF-TOKEN="))
            .map(c -> c.substring("XSRF-TOKEN=".length(), c.indexOf(';'))).findFirst().orElseThrow());
    String form = user == null ? "" : "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
        + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
    return browser.send(HttpRequest.newBuilder(URI.create(
                base + "/api/admin/auth/user/default/login/" + app))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-XSRF-TOKEN", xsrf)
            .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  /**
   * Camunda's web apps behind SertiFlow's doors, in a real browser: an operator logs in to
   * Cockpit, opens a certificate's process instance, and completes its escalation in Tasklist with
   * the task's form, in the same session.
   */
  @Test
  void anOperatorOpensAnInstanceInCockpitAndCompletesItsEscalationInTasklist(Browser chromium)
      throws Exception {
    Task escalation = escalated();
    String code = runtime.createProcessInstanceQuery()
        .processInstanceId(escalation.getProcessInstanceId()).singleResult().getBusinessKey();
    String base = "http://127.0.0.1:" + port + "/camunda/app";
    try (BrowserContext context = chromium.newContext()) {
      Page page = context.newPage();
      // what the web apps were refused, to say why should a step not show
      List<String> failed = new CopyOnWriteArrayList<>();
      page.onResponse(response -> {
        if (response.status() >= 400) {
          failed.add(response.status() + " " + response.request().method() + " " + response.url());
        }
      });
      page.onConsoleMessage(message -> {
        if ("error".equals(message.type())) {
          failed.add("console: " + message.text());
        }
      });
      try {
        page.navigate(base + "/cockpit/default/");
        page.getByPlaceholder("Username").fill("demo");
        page.getByPlaceholder("Password").fill("demo");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
        PlaywrightAssertions.assertThat(page.getByText("Process Definitions").first()).isVisible();

        page.navigate(base + "/cockpit/default/#/process-instance/"
            + escalation.getProcessInstanceId() + "/runtime");
        PlaywrightAssertions.assertThat(page.locator("body")).containsText(code);

        // Tasklist in a page of its own, in the same session, once Cockpit is closed: Camunda 7.24
        // can hand a page the script nonce of another request it serves at the same moment (seen
        // here as Tasklist's scripts refused by its own content policy while Cockpit still polled)
        page.close();
        page = context.newPage();
        page.onRequestFailed(request -> failed.add(request.url() + ": " + request.failure()));
        page.onConsoleMessage(message -> failed.add("tasklist: " + message.text()));
        page.navigate(base + "/tasklist/default/#/?task=" + escalation.getId());
        page.getByText("Claim").first().click();
        page.locator("select[cam-variable-name='escalationOutcome']").selectOption("WAIT");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Complete")).click();
        Awaitility.await().atMost(15, TimeUnit.SECONDS).pollInterval(100, TimeUnit.MILLISECONDS)
            .until(() -> tasks.createTaskQuery().taskId(escalation.getId()).count() == 0);
      } catch (RuntimeException | AssertionError e) {
        // the page the web apps failed on, beside what they were refused
        Path screenshots = Paths.get("target", "screenshots");
        Files.createDirectories(screenshots);
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
            .setPath(screenshots.resolve("camunda-web-apps.png")));
        throw new AssertionError("the web apps failed; what they were refused: " + failed, e);
      }
    }
    // the decision was recorded, in the operator's name
    assertThat(outcomes.of(UUID.fromString(certificateIdOf(code)))).singleElement()
        .satisfies(decision -> {
          assertThat(decision.outcome()).isEqualTo(EscalationOutcome.WAIT);
          assertThat(decision.decidedBy()).isEqualTo("demo");
        });
  }

  @Autowired EscalationOutcomes outcomes;

  String certificateIdOf(String code) throws Exception {
    return api.read(mvc.perform(request(HttpMethod.GET, "/api/v1/certificates?redemptionCode=" + code)
        .header("X-Api-Key", TestApi.API_KEY)).andReturn().getResponse()).get("certificateId").asText();
  }

  /** A certificate whose platform report is overdue, with its escalation task open. */
  Task escalated() {
    return taskAfterDueTimers(api.completion(TestApi.newRedemptionCode(),
        TestApi.wib("2026-11-27T15:30:00")), TestApi.wib("2026-12-09T10:00:00"));
  }

  /** Completes {@code completion}, runs its due timers {@code at}, and returns the task they open. */
  Task taskAfterDueTimers(ObjectNode completion, OffsetDateTime at) {
    String code = completion.get("redemptionCode").asText();
    clock.set(OffsetDateTime.parse(completion.get("completedAt").asText()).plusMinutes(1));
    try {
      api.complete(completion);
      clock.set(at);
      String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(code)
          .singleResult().getId();
      management.createJobQuery().processInstanceId(instance).executable().list()
          .forEach(job -> management.executeJob(job.getId()));
    } catch (Exception e) {
      throw new AssertionError(e);
    } finally {
      clock.reset();
    }
    Task task = tasks.createTaskQuery().processInstanceBusinessKey(code).singleResult();
    assertThat(task).isNotNull();
    return task;
  }

  List<String> taskIds(HttpResponse<String> list) throws Exception {
    assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    json.readTree(list.body()).forEach(t -> ids.add(t.get("id").asText()));
    return ids;
  }

  @Test
  void theEngineRestApiAsksForCredentialsAndChecksWhatEachGroupMayRead() throws Exception {
    // the process diagram, as Cockpit and Tasklist load it
    String definition = "/process-definition/" + repository.createProcessDefinitionQuery()
        .processDefinitionKey("certificate-reporting").latestVersion().singleResult().getId()
        + "/xml";
    assertThat(engineRest("GET", definition, null, null).statusCode()).isEqualTo(401);
    assertThat(engineRest("GET", definition, TestApi.basic("ghost", "wrong"), null).statusCode())
        .isEqualTo(401);
    assertThat(engineRest("GET", definition, credentialsOf(operator(OperatorGroups.OPERATIONS)), null)
        .statusCode()).isEqualTo(200);
    assertThat(engineRest("GET", definition, credentialsOf(operator(OperatorGroups.LEARNER_SUPPORT)),
        null).statusCode()).isEqualTo(200);
    assertThat(engineRest("GET", definition, TestApi.OPERATOR, null).statusCode()).isEqualTo(200);
    // calendar-admin has no rights in the engine at all; neither has a user in no group
    String calendarAdmin = credentialsOf(operator(OperatorGroups.CALENDAR_ADMIN));
    HttpResponse<String> refused = engineRest("GET", definition, calendarAdmin, null);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("READ").contains("certificate-reporting");
    assertThat(engineRest("GET", definition, credentialsOf(operator()), null).statusCode())
        .isEqualTo(403);
    // the definition itself Camunda hides: 404, as for one that does not exist
    assertThat(engineRest("GET", "/process-definition/key/certificate-reporting", calendarAdmin,
        null).statusCode()).isEqualTo(404);
    assertThat(engineRest("GET", definition.replace("/xml", ""), calendarAdmin, null).statusCode())
        .isEqualTo(404);
  }

  @Test
  void aUserWithoutTheGroupSeesNoInstancesOrTasksAndMayNotCompleteOne() throws Exception {
    Task task = escalated();
    String calendarAdmin = credentialsOf(operator(OperatorGroups.CALENDAR_ADMIN));
    // Camunda answers a query with what the caller may read: for calendar-admin, nothing
    HttpResponse<String> instances = engineRest("GET", "/process-instance?processInstanceIds="
        + task.getProcessInstanceId() + "&maxResults=10", calendarAdmin, null);
    assertThat(instances.statusCode()).isEqualTo(200);
    assertThat(json.readTree(instances.body())).isEmpty();
    HttpResponse<String> theirTasks = engineRest("GET", "/task?processInstanceId="
        + task.getProcessInstanceId() + "&maxResults=10", calendarAdmin, null);
    assertThat(json.readTree(theirTasks.body())).isEmpty();
    // and refuses an action on one with 403
    HttpResponse<String> complete = engineRest("POST", "/task/" + task.getId() + "/complete",
        calendarAdmin, "{}");
    assertThat(complete.statusCode()).as(complete.body()).isEqualTo(403);
    assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).isOne();
    // the same instance is there for operations
    HttpResponse<String> seen = engineRest("GET", "/process-instance?processInstanceIds="
        + task.getProcessInstanceId() + "&maxResults=10",
        credentialsOf(operator(OperatorGroups.OPERATIONS)), null);
    assertThat(json.readTree(seen.body())).hasSize(1);
  }

  @Test
  void operationsListsAndCompletesItsTasksOverTheEngineRestApi() throws Exception {
    Task task = escalated();
    String operations = credentialsOf(operator(OperatorGroups.OPERATIONS));
    assertThat(taskIds(engineRest("GET", "/task?candidateGroup=operations&processInstanceId="
        + task.getProcessInstanceId() + "&maxResults=50", operations, null)))
        .containsExactly(task.getId());

    // as Tasklist does: the form's outcome, here to keep waiting after contacting the platform
    HttpResponse<String> complete = engineRest("POST", "/task/" + task.getId() + "/submit-form",
        operations, "{\"variables\": {\"escalationOutcome\": {\"value\": \"WAIT\"}}}");
    assertThat(complete.statusCode()).as(complete.body()).isEqualTo(204);
    assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).isZero();
  }

  @Test
  void anEscalationOfOperationsNeedsNoGrantOfItsOwn() throws Exception {
    Task task = escalated();
    // operations works every task by its grant on all of them: Camunda writes none for this one
    assertThat(grantsOn(task).count()).isZero();
    String operations = credentialsOf(operator(OperatorGroups.OPERATIONS));
    assertThat(taskIds(engineRest("GET", "/task?processInstanceId=" + task.getProcessInstanceId()
        + "&maxResults=10", operations, null))).containsExactly(task.getId());
  }

  private AuthorizationQuery grantsOn(Task task) {
    return authorizations.createAuthorizationQuery().resourceType(Resources.TASK)
        .resourceId(task.getId());
  }

  @Test
  void learnerSupportSeesAndTakesTheTasksOfferedToIt() throws Exception {
    // a name that differs from the Kartu Prakerja name, uncorrected for three working days
    ObjectNode completion = api.completion(TestApi.newRedemptionCode(),
        TestApi.wib("2026-11-27T15:30:00"));
    completion.put("prakerjaName", "BUDIMAN SANTOSO");
    Task help = taskAfterDueTimers(completion, TestApi.wib("2026-12-02T15:31:00"));
    assertThat(help.getTaskDefinitionKey()).isEqualTo("Task_HelpLearnerCorrectName");

    String supportId = operator(OperatorGroups.LEARNER_SUPPORT);
    String query = "/task?processInstanceId=" + help.getProcessInstanceId() + "&maxResults=10";
    // Camunda's own grant on a task for its candidate group: no grant on tasks in general needed
    assertThat(grantsOn(help).groupIdIn(OperatorGroups.LEARNER_SUPPORT).count()).isOne();
    assertThat(taskIds(engineRest("GET", query, credentialsOf(supportId), null)))
        .containsExactly(help.getId());
    HttpResponse<String> claim = engineRest("POST", "/task/" + help.getId() + "/claim",
        credentialsOf(supportId), "{\"userId\": \"" + supportId + "\"}");
    assertThat(claim.statusCode()).as(claim.body()).isEqualTo(204);
    assertThat(tasks.createTaskQuery().taskId(help.getId()).singleResult().getAssignee())
        .isEqualTo(supportId);
    // while an operations task elsewhere stays out of its sight
    Task escalation = escalated();
    assertThat(taskIds(engineRest("GET", "/task?processInstanceId="
        + escalation.getProcessInstanceId() + "&maxResults=10", credentialsOf(supportId), null)))
        .isEmpty();
  }

  @Test
  void anOperationsUserSeesEveryEscalationInSertiFlowsList() throws Exception {
    // the list queries the engine in the operator's name, with Camunda's checks and query limit
    Task task = escalated();
    MockHttpServletResponse response = mvc.perform(request(HttpMethod.GET,
            "/api/v1/escalations?status=open&maxResults=1000")
        .header(HttpHeaders.AUTHORIZATION, credentialsOf(operator(OperatorGroups.OPERATIONS))))
        .andReturn().getResponse();
    assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
    List<String> taskIds = new ArrayList<>();
    api.read(response).forEach(e -> taskIds.add(e.get("taskId").asText()));
    assertThat(taskIds).contains(task.getId());
  }

  @Test
  void theWebAppsLetInOnlyTheGroupsThatWorkThere() throws Exception {
    String operations = operator(OperatorGroups.OPERATIONS);
    String support = operator(OperatorGroups.LEARNER_SUPPORT);
    String calendarAdmin = operator(OperatorGroups.CALENDAR_ADMIN);
    String camundaAdmin = operator(OperatorGroups.CAMUNDA_ADMIN);
    String password = TestOperators.PASSWORD;
    for (String app : List.of("cockpit", "tasklist", "admin")) {
      assertThat(webAppLogin(app, null, null)).as(app).isEqualTo(401);
      assertThat(webAppLogin(app, "ghost", "wrong")).as(app).isEqualTo(401);
      assertThat(webAppLogin(app, camundaAdmin, password)).as(app).isEqualTo(200);
      assertThat(webAppLogin(app, calendarAdmin, password)).as(app).isEqualTo(403);
    }
    assertThat(webAppLogin("cockpit", operations, password)).isEqualTo(200);
    assertThat(webAppLogin("tasklist", operations, password)).isEqualTo(200);
    assertThat(webAppLogin("admin", operations, password)).isEqualTo(403);
    assertThat(webAppLogin("tasklist", support, password)).isEqualTo(200);
    assertThat(webAppLogin("cockpit", support, password)).isEqualTo(403);
  }

  @Test
  void tasklistsSharedFilterIsThereForTheGroupsThatWorkInTasklist() throws Exception {
    for (String group : List.of(OperatorGroups.OPERATIONS, OperatorGroups.LEARNER_SUPPORT)) {
      HttpResponse<String> filters = engineRest("GET", "/filter?resourceType=Task&maxResults=10",
          credentialsOf(operator(group)), null);
      assertThat(filters.body()).as(group).contains("\"name\":\"All tasks\"");
    }
    HttpResponse<String> none = engineRest("GET", "/filter?resourceType=Task&maxResults=10",
        credentialsOf(operator(OperatorGroups.CALENDAR_ADMIN)), null);
    assertThat(json.readTree(none.body())).isEmpty();
  }

  @Test
  void aQueryWithoutALimitOrAboveItIsRefusedAndOneWithinItAnswered() throws Exception {
    String operations = credentialsOf(operator(OperatorGroups.OPERATIONS));
    HttpResponse<String> unbounded = engineRest("GET", "/process-instance", operations, null);
    assertThat(unbounded.statusCode()).isEqualTo(400);
    assertThat(unbounded.body()).contains("An unbound number of results is forbidden!");
    HttpResponse<String> above = engineRest("GET", "/process-instance?maxResults=2001", operations, null);
    assertThat(above.statusCode()).isEqualTo(400);
    assertThat(above.body()).contains("Max results limit of 2000 exceeded!");
    assertThat(engineRest("GET", "/process-instance?maxResults=2000", operations, null).statusCode())
        .isEqualTo(200);
  }

  @Test
  void aWeakPasswordIsRefusedWhenAUserIsCreatedOverTheEngineRestApi() throws Exception {
    String id = "weak" + ThreadLocalRandom.current().nextInt(1_000_000);
    HttpResponse<String> weak = engineRest("POST", "/user/create", TestApi.OPERATOR,
        "{\"profile\": {\"id\": \"" + id + "\", \"firstName\": \"Weak\", \"lastName\": \"User\"},"
            + " \"credentials\": {\"password\": \"password1\"}}");
    assertThat(weak.statusCode()).as(weak.body()).isEqualTo(400);
    assertThat(weak.headers().firstValue("Content-Type")).get().asString()
        .startsWith("application/problem+json");
    assertThat(weak.body()).contains("password policy").doesNotContain("Exception");
    assertThat(identity.createUserQuery().userId(id).count()).isZero();

    // a strong one is taken
    HttpResponse<String> strong = engineRest("POST", "/user/create", TestApi.OPERATOR,
        "{\"profile\": {\"id\": \"" + id + "\", \"firstName\": \"Strong\", \"lastName\": \"User\"},"
            + " \"credentials\": {\"password\": \"" + TestOperators.PASSWORD + "\"}}");
    assertThat(strong.statusCode()).as(strong.body()).isEqualTo(204);
    identity.deleteUser(id);
  }

  @Test
  void afterWrongPasswordsEvenTheRightOneIsRefusedForAWhileAtEveryDoor() throws Exception {
    Door escalations = ESCALATIONS.get(0);
    String user = operator(OperatorGroups.OPERATIONS);
    String wrong = TestApi.basic(user, "Not-The-Password-1");
    String right = credentialsOf(user);
    OffsetDateTime start = TestApi.wib("2026-12-01T09:00:00");
    // three wrong passwords, each after the lock of the one before has run out: 3 s, 6 s, 12 s
    clock.set(start);
    expectChallenge(escalations, wrong);
    clock.set(start.plusSeconds(4));
    assertThat(engineRest("GET", "/process-definition/key/certificate-reporting", wrong, null)
        .statusCode()).isEqualTo(401);
    clock.set(start.plusSeconds(4 + 7));
    expectChallenge(escalations, wrong);
    OffsetDateTime lastWrong = start.plusSeconds(4 + 7);

    // now locked for 12 s: the right password is refused at each Basic door and the login
    clock.set(lastWrong.plusSeconds(11));
    expectChallenge(escalations, right);
    assertThat(engineRest("GET", "/process-definition/key/certificate-reporting", right, null)
        .statusCode()).isEqualTo(401);
    assertThat(webAppLogin("tasklist", user, TestOperators.PASSWORD)).isEqualTo(401);

    // and taken once the lock has run out
    clock.set(lastWrong.plusSeconds(13));
    expectSuccess(escalations, right);
    assertThat(engineRest("GET", "/process-definition/key/certificate-reporting", right, null)
        .statusCode()).isEqualTo(200);
  }
}
