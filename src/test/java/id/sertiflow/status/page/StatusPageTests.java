package id.sertiflow.status.page;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static id.sertiflow.TestApi.wib;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.AriaRole;
import id.sertiflow.EngineClock;
import id.sertiflow.SertiflowTest;
import id.sertiflow.TestApi;
import id.sertiflow.TestBrowser;
import id.sertiflow.platform.CallbackSignature;
import id.sertiflow.certificate.CertificateProcess;
import id.sertiflow.certificate.Stage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The learner's status page ("Cek Status Sertifikat") in headless Chromium, against the real
 * service on a random port: certificates come in through the API, move with the engine clock and
 * the platforms' signed callbacks, and the tests read what a learner would see.
 */
@SertiflowTest
@ExtendWith(TestBrowser.class)
class StatusPageTests {

  static final Path SCREENSHOTS = Paths.get("target", "screenshots");

  // Friday afternoon: the report to the platform is due Monday 30 Nov at the same time
  static final OffsetDateTime COMPLETED = wib("2026-11-27T15:30:00");
  static final String EMAIL = "budi@example.com";

  static Browser browser;

  @RegisterExtension final EngineClock clock = EngineClock.at(COMPLETED.plusMinutes(1));

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired ObjectMapper json;

  private final HttpClient http = HttpClient.newHttpClient();
  private final List<String> dialogs = new CopyOnWriteArrayList<>();
  private final List<String> pageErrors = new CopyOnWriteArrayList<>();
  private final List<String> requestsElsewhere = new CopyOnWriteArrayList<>();

  BrowserContext context;
  Page page;
  String code;

  @BeforeAll
  static void takeChromium(Browser chromium) {
    browser = chromium;
  }

  @BeforeEach
  void openPage() {
    code = TestApi.newRedemptionCode();
    // far from Jakarta, so that a date not converted to WIB would show
    openContext(new Browser.NewContextOptions().setTimezoneId("America/New_York").setLocale("en-US")
        .setViewportSize(1024, 900));
  }

  private void openContext(Browser.NewContextOptions options) {
    if (context != null) {
      context.close();
    }
    context = browser.newContext(options);
    page = context.newPage();
    page.onDialog(dialog -> {
      dialogs.add(dialog.message());
      dialog.dismiss();
    });
    page.onPageError(pageErrors::add);
    page.onRequest(request -> {
      if (!request.url().startsWith(base()) && !request.url().startsWith("data:")) {
        requestsElsewhere.add(request.url());
      }
    });
  }

  /** A test that failed leaves the page as it was then in target/screenshots, named after it. */
  @RegisterExtension
  final AfterTestExecutionCallback screenshotOnFailure = test -> {
    if (test.getExecutionException().isPresent() && page != null) {
      Files.createDirectories(SCREENSHOTS);
      page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
          .setPath(SCREENSHOTS.resolve(test.getRequiredTestMethod().getName() + ".png")));
    }
  };

  @AfterEach
  void close() {
    context.close();
    context = null;
    org.assertj.core.api.Assertions.assertThat(pageErrors).as("script errors on the page").isEmpty();
    org.assertj.core.api.Assertions.assertThat(requestsElsewhere)
        .as("the page loads nothing from outside SertiFlow").isEmpty();
    org.assertj.core.api.Assertions.assertThat(dialogs).as("dialogs the page opened").isEmpty();
  }

  @Test
  void showsAnInProgressCertificateStageByStageWithJakartaDates() throws Exception {
    complete(completion(COMPLETED));

    page.navigate(base() + "/");
    assertThat(page).hasTitle("Cek Status Sertifikat · SertiFlow");
    assertThat(page.locator("html")).hasAttribute("lang", "id");
    assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
        .hasText("Cek Status Sertifikat");
    page.getByLabel("Kode redeem").fill(code.toLowerCase(Locale.ROOT));
    page.getByLabel("E-mail yang dipakai di kelas").fill("  " + EMAIL.toUpperCase(Locale.ROOT));
    page.getByLabel("E-mail yang dipakai di kelas").press("Enter");

    Locator result = result();
    assertThat(result.getByRole(AriaRole.HEADING, new Locator.GetByRoleOptions().setLevel(2)))
        .hasText("Digital Marketing untuk UMKM");
    assertThat(result).containsText("Sedang diproses");
    assertThat(result).containsText("Perkiraan tampil di dasbor Prakerja Anda paling lambat");
    assertThat(result).containsText("10 Des 2026, 15.30 WIB");
    assertThat(result).not().containsText("Terlambat");
    assertThat(result).not().containsText("ulasan dan rating");

    Locator stages = stages("Tahapan sertifikat");
    assertThat(stages).hasCount(4);
    assertThat(stages.nth(0)).containsText("Kelas selesai");
    assertThat(stages.nth(0)).containsText("Selesai 27 Nov 2026, 15.30 WIB");
    assertThat(stages.nth(1)).containsText("Dilaporkan ke Tokopedia");
    assertThat(stages.nth(1)).containsText("Sedang berjalan, paling lambat 30 Nov 2026, 15.30 WIB");
    assertThat(stages.nth(1)).hasAttribute("aria-current", "step");
    assertThat(stages.nth(2)).containsText("Tokopedia melapor ke Prakerja");
    assertThat(stages.nth(2)).containsText("Perkiraan paling lambat 1 Des 2026, 15.30 WIB");
    assertThat(stages.nth(3)).containsText("Diverifikasi PMO, tampil di dasbor Anda");
    assertThat(stages.nth(3)).containsText("Perkiraan paling lambat 10 Des 2026, 15.30 WIB");
    // each stage's deadline as the service sets it
    assertThat(stages.nth(1)).containsText("ke platform digital, dalam 1 hari kerja.");
    assertThat(stages.nth(3)).containsText("PMO Prakerja memverifikasi sertifikat, hingga 7 hari kerja.");

    assertThat(result).containsText("SA-2026-" + code);
    assertThat(result).containsText(code);
    assertThat(result).containsText("Budi Santoso");
  }

  @Test
  void marksTheStageThatMissedItsDeadlineAsLate() throws Exception {
    complete(completion(COMPLETED));
    clock.set(wib("2026-11-30T15:45:00"));

    lookUp(code, EMAIL);

    Locator result = result();
    assertThat(result).containsText("Sedang diproses");
    assertThat(result.locator(".result__badges")).containsText("Terlambat");
    Locator stages = stages("Tahapan sertifikat");
    assertThat(stages.nth(0)).not().containsText("Terlambat");
    assertThat(stages.nth(1)).containsText("Terlambat");
    assertThat(stages.nth(1)).containsText("Tenggat 30 Nov 2026, 15.30 WIB sudah lewat");
    assertThat(stages.nth(1)).not().containsText("hari kerja;");
    assertThat(stages.nth(2)).not().containsText("Terlambat");

    // Wednesday afternoon: two whole working days late, counted as the deadline was
    clock.set(wib("2026-12-02T16:00:00"));
    lookUp(code, EMAIL);
    assertThat(stages("Tahapan sertifikat").nth(1))
        .containsText("Tenggat 30 Nov 2026, 15.30 WIB sudah lewat; terlambat 2 hari kerja.");
  }

  @Test
  void takesStageNamesAndDeadlinesFromTheService() throws Exception {
    complete(completion(COMPLETED));
    // the service's stage table and status document, with the PMO given 9 working days and a
    // new name: the page says what the service says
    page.route("**/api/v1/stages", route -> {
      var answer = route.fetch();
      route.fulfill(new Route.FulfillOptions().setResponse(answer)
          .setBody(answer.text().replace("\"workingDays\":7", "\"workingDays\":9")));
    });
    page.route("**/api/v1/status-lookups", route -> {
      var answer = route.fetch();
      route.fulfill(new Route.FulfillOptions().setResponse(answer).setBody(answer.text()
          .replace("\"workingDays\":7", "\"workingDays\":9")
          .replace("Diverifikasi PMO, tampil di dasbor Anda", "Diperiksa PMO")
          .replace("Verified by the PMO, on your dashboard", "Checked by the PMO")));
    });

    page.navigate(base() + "/");
    page.getByText("Kenapa sertifikat belum muncul di dasbor?").click();
    Locator explainer = page.getByRole(AriaRole.GROUP);
    assertThat(explainer).containsText("PMO Prakerja memverifikasi sertifikat, hingga 9 hari kerja.");
    assertThat(explainer).containsText("PMO Prakerja, dalam 1 hari kerja.");
    assertThat(explainer).not().containsText("7 hari kerja");

    page.getByLabel("Kode redeem").fill(code);
    page.getByLabel("E-mail yang dipakai di kelas").fill(EMAIL);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cek Status")).click();
    Locator last = stages("Tahapan sertifikat").nth(3);
    assertThat(last).containsText("Diperiksa PMO");
    assertThat(last).containsText("hingga 9 hari kerja.");

    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("English")).click();
    assertThat(page.getByRole(AriaRole.GROUP))
        .containsText("The Prakerja PMO verifies the certificate, within 9 working days.");
    assertThat(stages("Certificate stages").nth(3)).containsText("Checked by the PMO");
    assertThat(stages("Certificate stages").nth(1)).containsText("Reported to Tokopedia");
  }

  @Test
  void showsAVerifiedCertificateAsOnTheDashboard() throws Exception {
    complete(completion(COMPLETED));
    clock.set(wib("2026-11-30T10:05:00"));
    runtime.createMessageCorrelation(Stage.REPORTED_TO_PLATFORM.waiting().message())
        .processInstanceBusinessKey(code)
        .setVariable(CertificateProcess.VAR_EVENT_OCCURRED_AT,
            Date.from(wib("2026-11-30T10:00:00").toInstant()))
        .correlate();
    clock.set(wib("2026-12-01T09:30:00"));
    platformSays("REPORTED_TO_PMO", wib("2026-12-01T09:12:00"));
    clock.set(wib("2026-12-04T10:05:00"));
    platformSays("PMO_VERIFIED", wib("2026-12-04T10:00:00"));

    lookUp(code, EMAIL);

    Locator result = result();
    assertThat(result).containsText("Terverifikasi");
    assertThat(result).containsText("Sudah tampil di dasbor Prakerja Anda sejak");
    assertThat(result).containsText("4 Des 2026, 10.00 WIB");
    Locator stages = stages("Tahapan sertifikat");
    assertThat(stages.nth(1)).containsText("Selesai 30 Nov 2026, 10.00 WIB");
    assertThat(stages.nth(2)).containsText("Selesai 1 Des 2026, 09.12 WIB");
    assertThat(stages.nth(3)).containsText("Selesai 4 Des 2026, 10.00 WIB");
    assertThat(page.locator("[aria-current=step]")).hasCount(0);
    assertThat(result).not().containsText("Perkiraan");
  }

  @Test
  void tellsTheLearnerToMakeTheNameMatchTheKartuPrakerja() throws Exception {
    ObjectNode completion = completion(COMPLETED);
    ((ObjectNode) completion.get("learner")).put("name", "Budi S.");
    complete(completion);

    lookUp(code, EMAIL);

    Locator result = result();
    assertThat(result).containsText("Perlu tindakan Anda");
    assertThat(result).containsText("Bila nama diperbaiki sekarang, perkiraan tampil di dasbor");
    Locator action = result.getByRole(AriaRole.REGION, new Locator.GetByRoleOptions()
        .setName("Yang perlu Anda lakukan"));
    assertThat(action).containsText("Ubah nama di akun pelatihan agar sama persis, huruf demi huruf,"
        + " dengan nama di Kartu Prakerja.");
    assertThat(action).containsText("Nama di akun kelas Anda sekarang: Budi S.");
    assertThat(stages("Tahapan sertifikat").nth(1)).containsText("Menunggu Anda memperbaiki nama");
  }

  @Test
  void remindsTheLearnerToReviewAndRateTheClass() throws Exception {
    complete(completion(COMPLETED).put("reviewSubmitted", false));

    lookUp(code, EMAIL);

    assertThat(result().getByRole(AriaRole.REGION, new Locator.GetByRoleOptions()
        .setName("Jangan lupa ulasan dan rating")))
        .containsText("Insentif Prakerja baru cair bila ulasan dan rating sudah diberikan.");
    assertThat(result()).containsText("Sedang diproses");
  }

  @Test
  void saysKindlyWhenTheCodeAndEmailDoNotMatch() throws Exception {
    complete(completion(COMPLETED));

    lookUp(code, "someone.else@example.com");

    assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions()
        .setName("Sertifikat tidak ditemukan"))).isVisible();
    assertThat(page.locator("#outcome")).containsText("Periksa lagi kodenya");
    assertThat(page.getByRole(AriaRole.ARTICLE)).hasCount(0);
    assertThat(page.locator("#outcome")).not().containsText("Digital Marketing");

    // the way a certificate travels, as the page explains it
    page.getByText("Kenapa sertifikat belum muncul di dasbor?").click();
    assertThat(page.getByRole(AriaRole.GROUP)).containsText("hingga 7 hari kerja");
  }

  @Test
  void saysThatARejectedReportIsBeingHandled() throws Exception {
    complete(completion(COMPLETED));
    clock.set(wib("2026-12-04T10:05:00"));
    platformSays("PMO_REJECTED", wib("2026-12-04T10:00:00"), "INCOMPLETE_DATA");

    lookUp(code, EMAIL);

    Locator result = result();
    assertThat(result).containsText("Perlu tindakan");
    assertThat(result.getByRole(AriaRole.REGION, new Locator.GetByRoleOptions()
        .setName("Sedang kami tangani"))).containsText("PMO Prakerja menolak sertifikat Anda.");
    assertThat(result).containsText("Perkiraan tanggal tampil di dasbor menyusul setelah laporan dikirim ulang.");
    assertThat(stages("Tahapan sertifikat").nth(3)).containsText("Ditolak");
  }

  @Test
  void asksForTheCodeAndTheEmailBeforeLookingUp() {
    page.navigate(base() + "/");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cek Status")).click();

    Locator codeField = page.getByLabel("Kode redeem");
    assertThat(codeField).isFocused();
    assertThat(codeField).hasAttribute("aria-invalid", "true");
    assertThat(page.getByText("Masukkan kode redeem Anda.")).isVisible();
    assertThat(page.getByText("Masukkan e-mail yang Anda pakai di kelas.")).isVisible();
  }

  @Test
  void marksTheFieldsTheServiceFoundMissing() {
    page.route("**/api/v1/status-lookups", route -> route.fulfill(new Route.FulfillOptions()
        .setStatus(422).setContentType("application/problem+json")
        .setBody("{\"type\":\"urn:sertiflow:problem:invalid-input\",\"title\":\"Invalid input\","
            + "\"status\":422,\"detail\":\"1 field is invalid.\","
            + "\"errors\":[{\"field\":\"email\",\"message\":\"is required\"}]}")));

    lookUp("PK7H2K9Q4M", EMAIL);

    assertThat(page.getByText("Data belum lengkap")).isVisible();
    assertThat(page.getByLabel("E-mail yang dipakai di kelas")).hasAttribute("aria-invalid", "true");
    assertThat(page.getByText("Masukkan e-mail yang Anda pakai di kelas.")).isVisible();
  }

  @Test
  void asksToTryAgainInAMinuteWhenLookedUpTooOften() {
    // the rate limiter comes later; the page already knows its answer
    page.route("**/api/v1/status-lookups", route -> route.fulfill(new Route.FulfillOptions()
        .setStatus(429).setContentType("application/problem+json")
        .setHeaders(Map.of("Retry-After", "60"))
        .setBody("{\"type\":\"urn:sertiflow:problem:too-many-requests\",\"title\":\"Too many requests\","
            + "\"status\":429,\"detail\":\"Too many look-ups; try again later.\"}")));

    lookUp("PK7H2K9Q4M", EMAIL);

    assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions()
        .setName("Terlalu banyak percobaan"))).isVisible();
    assertThat(page.getByText("Coba lagi dalam satu menit.")).isVisible();
  }

  @Test
  void switchesToEnglishAndRemembersTheChoice() throws Exception {
    complete(completion(COMPLETED));
    page.navigate(base() + "/");

    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("English")).click();
    assertThat(page.locator("html")).hasAttribute("lang", "en");
    assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
        .hasText("Check Certificate Status");
    page.reload();
    assertThat(page.locator("html")).hasAttribute("lang", "en");
    assertThat(page).hasTitle("Check Certificate Status · SertiFlow");
    assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Bahasa Indonesia")))
        .hasAttribute("lang", "id");

    page.getByLabel("Redemption code").fill(code);
    page.getByLabel("E-mail used in class").fill(EMAIL);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Check status")).click();
    Locator result = result();
    assertThat(result).containsText("In progress");
    assertThat(result).containsText("Expected on your Prakerja dashboard by");
    assertThat(result).containsText("10 Dec 2026, 15:30 WIB");
    Locator stages = stages("Certificate stages");
    assertThat(stages.nth(0)).containsText("Done 27 Nov 2026, 15:30 WIB");
    assertThat(stages.nth(1)).containsText("In progress, due by 30 Nov 2026, 15:30 WIB");
    assertThat(stages.nth(2)).containsText("Expected by 1 Dec 2026, 15:30 WIB");

    // the certificate on screen follows the language at once
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Bahasa Indonesia")).click();
    assertThat(page.locator("html")).hasAttribute("lang", "id");
    assertThat(stages("Tahapan sertifikat").nth(1))
        .containsText("Sedang berjalan, paling lambat 30 Nov 2026, 15.30 WIB");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("English")).click();
    assertThat(stages("Certificate stages").nth(3)).containsText("Expected by 10 Dec 2026, 15:30 WIB");
  }

  @Test
  void fitsAPhoneScreenWithoutScrollingSideways() throws Exception {
    openContext(new Browser.NewContextOptions().setTimezoneId("America/New_York")
        .setViewportSize(360, 740).setDeviceScaleFactor(2).setIsMobile(true).setHasTouch(true));
    ObjectNode completion = completion(COMPLETED);
    ((ObjectNode) completion.get("course")).put("title",
        "Strategi Pemasaran Digital dan Optimalisasi Media Sosial untuk Usaha Mikro, Kecil, dan Menengah");
    complete(completion);
    clock.set(wib("2026-11-30T10:05:00"));
    runtime.createMessageCorrelation(Stage.REPORTED_TO_PLATFORM.waiting().message())
        .processInstanceBusinessKey(code)
        .setVariable(CertificateProcess.VAR_EVENT_OCCURRED_AT,
            Date.from(wib("2026-11-30T10:00:00").toInstant()))
        .correlate();
    clock.set(wib("2026-11-30T16:20:00"));

    lookUp(code, EMAIL);

    Locator stages = stages("Tahapan sertifikat");
    assertThat(stages.nth(1)).containsText("Selesai 30 Nov 2026, 10.00 WIB");
    assertThat(stages.nth(2)).containsText("Sedang berjalan, paling lambat 1 Des 2026, 10.00 WIB");
    assertThat(result()).containsText("10 Des 2026, 10.00 WIB");
    Object scrollWidth = page.evaluate("document.scrollingElement.scrollWidth");
    org.assertj.core.api.Assertions.assertThat(((Number) scrollWidth).intValue())
        .as("page width on a 360-px screen").isLessThanOrEqualTo(360);
  }

  @Test
  void showsWhatTheServiceSaysAsTextNeverAsMarkup() throws Exception {
    ObjectNode completion = completion(COMPLETED);
    ((ObjectNode) completion.get("course")).put("title", "<img src=x onerror=alert(1)>");
    ((ObjectNode) completion.get("learner")).put("name", "${7*7} <script>alert(2)</script>");
    completion.put("prakerjaName", "${7*7} <script>alert(2)</script>");
    completion.put("certificateNumber", "SA-{{7*7}}-$&");
    complete(completion);

    lookUp(code, EMAIL);

    Locator result = result();
    assertThat(result.getByRole(AriaRole.HEADING, new Locator.GetByRoleOptions().setLevel(2)))
        .hasText("<img src=x onerror=alert(1)>");
    assertThat(result).containsText("${7*7} <script>alert(2)</script>");
    assertThat(result).containsText("SA-{{7*7}}-$&");
    assertThat(page.locator("#outcome img, #outcome script")).hasCount(0);
  }

  // --- the learner's side

  private void lookUp(String redemptionCode, String email) {
    page.navigate(base() + "/");
    page.getByLabel("Kode redeem").fill(redemptionCode);
    page.getByLabel("E-mail yang dipakai di kelas").fill(email);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cek Status")).click();
  }

  private Locator result() {
    Locator article = page.getByRole(AriaRole.ARTICLE);
    assertThat(article).isVisible();
    return article;
  }

  /** The stages of the timeline: a list named by its heading. */
  private Locator stages(String listName) {
    return page.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName(listName))
        .getByRole(AriaRole.LISTITEM);
  }

  // --- the learning platform's and the digital platform's side, over real HTTP

  private String base() {
    return "http://localhost:" + port;
  }

  private ObjectNode completion(OffsetDateTime completedAt) {
    ObjectNode c = json.createObjectNode();
    c.put("completionId", "lms-" + code.toLowerCase(Locale.ROOT));
    c.put("redemptionCode", code);
    c.put("platform", "TOKOPEDIA");
    c.putObject("learner").put("id", "u-1029").put("name", "Budi Santoso").put("email", EMAIL);
    c.put("prakerjaName", "BUDI SANTOSO");
    c.putObject("course").put("id", "c-77").put("title", "Digital Marketing untuk UMKM");
    c.put("progressPercent", 100);
    c.put("examPassed", true);
    c.put("certificateNumber", "SA-2026-" + code);
    c.put("completedAt", completedAt.toString());
    c.put("reviewSubmitted", true);
    return c;
  }

  private JsonNode complete(ObjectNode completion) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/completions"))
        .header("X-Api-Key", TestApi.API_KEY).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(completion))).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 201) {
      throw new AssertionError("expected 201, got " + response.statusCode() + ": " + response.body());
    }
    return json.readTree(response.body());
  }

  /** A signed Tokopedia callback at the engine clock's time; expects 202. */
  private void platformSays(String type, OffsetDateTime at) throws Exception {
    platformSays(type, at, null);
  }

  private void platformSays(String type, OffsetDateTime at, String reason) throws Exception {
    ObjectNode event = json.createObjectNode().put("eventId", "tkp-" + type + "-" + code)
        .put("type", type).put("redemptionCode", code).put("occurredAt", at.toString());
    if (reason != null) {
      event.put("reason", reason);
    }
    byte[] raw = json.writeValueAsBytes(event);
    String timestamp = Long.toString(clock.now().getEpochSecond());
    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(URI.create(base() + "/api/v1/platforms/tokopedia/events"))
            .header("Content-Type", "application/json")
            .header(CallbackSignature.TIMESTAMP_HEADER, timestamp)
            .header(CallbackSignature.SIGNATURE_HEADER,
                CallbackSignature.sign(TestApi.TOKOPEDIA_SECRET, timestamp, raw))
            .POST(HttpRequest.BodyPublishers.ofByteArray(raw)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 202) {
      throw new AssertionError("expected 202, got " + response.statusCode() + ": " + response.body());
    }
  }
}
