package id.sertiflow.operations;

import id.sertiflow.api.ApiProblem;
import id.sertiflow.api.ApiProblem.FieldProblem;
import id.sertiflow.api.ListPage;
import id.sertiflow.api.ParametersOf;
import id.sertiflow.api.TypedInput;
import id.sertiflow.api.TypedInput.Checked;
import id.sertiflow.calendar.ServiceClock;
import id.sertiflow.calendar.WorkingDayCalendar;
import id.sertiflow.certificate.Stage;
import id.sertiflow.certificate.StagesInProgress;
import id.sertiflow.certificate.StagesInProgress.StageCount;
import id.sertiflow.platform.Platform;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What stands between the provider and one platform now: how many certificates wait at each stage
 * (overdue, at risk), and the overdue ones, the most late first. JSON a page at a time; as CSV the
 * whole list, streamed as it is read, for the platform's account manager's spreadsheet.
 */
@RestController
@RequestMapping("/api/v1/reconciliation")
@Tag(name = "Operators")
class ReconciliationController {

  static final String CSV = "text/csv";
  static final List<String> CSV_HEADER = List.of("certificateId", "redemptionCode",
      "certificateNumber", "stage", "dueAt", "lateWorkingDays", "lastReportBatchId", "lastEventAt");

  /** How many waiting, overdue and at risk at a stage. */
  record StageFigures(long waiting, long overdue, long atRisk) {}

  /** One overdue certificate; times in Jakarta, lateness in whole working days. */
  record OverdueCertificate(UUID certificateId, String redemptionCode, String certificateNumber,
      Stage stage, OffsetDateTime dueAt, int lateWorkingDays, String lastReportBatchId,
      OffsetDateTime lastEventAt) {}

  record Reconciliation(Platform platform, OffsetDateTime asOf, Map<Stage, StageFigures> stages,
      List<OverdueCertificate> overdue) {}

  private final StagesInProgress stages;
  private final WorkingDayCalendar calendar;
  private final ServiceClock clock;
  private final TypedInput input;
  private final TransactionTemplate readOnly;

  ReconciliationController(StagesInProgress stages, WorkingDayCalendar calendar, ServiceClock clock,
      TypedInput input, TransactionTemplate transaction) {
    this.stages = stages;
    this.calendar = calendar;
    this.clock = clock;
    this.input = input;
    this.readOnly = new TransactionTemplate(transaction.getTransactionManager());
    this.readOnly.setReadOnly(true);
  }

  @Operation(summary = "Waiting, overdue and at risk per stage, and the overdue certificates: a"
      + " page as JSON, or with Accept: text/csv the whole overdue list as RFC 4180 CSV, streamed",
      responses = @ApiResponse(responseCode = "200", description = "OK", content = {
          @Content(mediaType = "application/json", schema = @Schema(implementation = Reconciliation.class)),
          @Content(mediaType = CSV, schema = @Schema(type = "string", description = "a header row ("
              + "certificateId,redemptionCode,certificateNumber,stage,dueAt,lateWorkingDays,"
              + "lastReportBatchId,lastEventAt), then every overdue certificate, the most late first;"
              + " a cell beginning with =, +, -, @, a tab or a carriage return prefixed with '"))}))
  @GetMapping(produces = "application/json")
  @ParametersOf(ListPage.Parameters.class)
  ResponseEntity<Reconciliation> reconciliation(
      @Parameter(description = "the platform's code, e.g. TOKOPEDIA") @RequestParam(required = false)
      String platform,
      @RequestParam(required = false) String firstResult,
      @RequestParam(required = false) String maxResults,
      HttpServletRequest request) {
    Checked<ListPage> paging = ListPage.of(input, firstResult, maxResults);
    Platform of = platformOrRefuse(platform, paging.problems());
    ListPage page = paging.value();
    Instant now = clock.now();
    Map<Stage, StageFigures> figures = new LinkedHashMap<>();
    Stage.AWAITED.forEach(stage -> figures.put(stage, new StageFigures(0, 0, 0)));
    for (StageCount count : stages.counts(now, of)) {
      figures.put(count.stage(), new StageFigures(count.waiting(), count.overdue(), count.atRisk()));
    }
    List<OverdueCertificate> overdue = new ArrayList<>();
    stages.overdue(of, now, page.first(), page.toRead(), row -> overdue.add(shown(row, now)));
    HttpHeaders headers = new HttpHeaders();
    page.linkNext(overdue.size(), request, headers);
    return ResponseEntity.ok().headers(headers).body(new Reconciliation(of,
        WorkingDayCalendar.inJakarta(now), figures,
        page.pageOf(overdue)));
  }

  /**
   * The whole overdue list as RFC 4180 CSV (CRLF line ends, a header row, a cell quoted when it
   * holds a comma, quote or line break), written as the rows are read: the service holds a batch
   * of rows, not the list. A cell that a spreadsheet would take for a formula is prefixed.
   */
  @Operation(hidden = true) // described with the JSON answer: one operation, two formats
  @GetMapping(produces = CSV)
  void overdueCsv(@RequestParam(required = false) String platform, HttpServletResponse response)
      throws IOException {
    Platform of = platformOrRefuse(platform, List.of());
    Instant now = clock.now();
    response.setContentType(CSV + "; charset=UTF-8");
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"reconciliation-"
        + of + "-" + WorkingDayCalendar.inJakarta(now).toLocalDate() + ".csv\"");
    Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
    SpreadsheetSafeCsv csv = new SpreadsheetSafeCsv(out);
    csv.row(CSV_HEADER);
    try {
      // in a transaction: PostgreSQL hands the rows over in batches only from a cursor, and
      // keeps a cursor only within one
      readOnly.executeWithoutResult(tx -> stages.overdue(of, now, 0, Long.MAX_VALUE, row -> {
        OverdueCertificate shown = shown(row, now);
        csv.row(Arrays.asList(text(shown.certificateId()), shown.redemptionCode(),
            shown.certificateNumber(), text(shown.stage()), text(shown.dueAt()),
            text(shown.lateWorkingDays()), shown.lastReportBatchId(), text(shown.lastEventAt())));
      }));
    } catch (UncheckedIOException clientLeft) {
      return; // the caller stopped reading: nothing more to send
    }
    out.flush();
  }

  private OverdueCertificate shown(StagesInProgress.Overdue row, Instant now) {
    return new OverdueCertificate(row.certificateId(), row.redemptionCode(),
        row.certificateNumber(), row.stage(), WorkingDayCalendar.inJakarta(row.dueAt()),
        calendar.lateness(row.dueAt(), now).workingDays(), row.lastReportBatchId(),
        row.lastEventAt() == null ? null : WorkingDayCalendar.inJakarta(row.lastEventAt()));
  }

  /** The platform asked for, or the request refused (400) naming it among {@code problems}. */
  private static Platform platformOrRefuse(String code, List<FieldProblem> problems) {
    List<FieldProblem> all = new ArrayList<>();
    Platform platform = Platform.fromCode(code).orElse(null);
    if (platform == null) {
      all.add(new FieldProblem("platform", code == null || code.isBlank() ? "is required"
          : "must be one of " + Arrays.stream(Platform.values()).map(Enum::name)
              .collect(Collectors.joining(", "))));
    }
    all.addAll(problems);
    if (!all.isEmpty()) {
      throw new ApiProblem(HttpStatus.BAD_REQUEST, "Bad request", all.size() == 1
          ? "1 parameter is invalid." : all.size() + " parameters are invalid.", all);
    }
    return platform;
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  /** A time as the JSON answer writes it, seconds included: 2026-12-01T10:00:00+07:00. */
  private static String text(OffsetDateTime at) {
    return at == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at);
  }
}
