package id.sertiflow.operations;

import static id.sertiflow.TestApi.wib;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.sertiflow.EngineClock;
import id.sertiflow.SertiflowTest;
import id.sertiflow.TestApi;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * {@code GET /api/v1/reconciliation}: a platform's certificates by stage, and its overdue ones,
 * most late first, as JSON pages and as the whole list in CSV. The platform here is Kariermu,
 * whose certificates no other test leaves overdue this far in the future.
 */
@SertiflowTest
class ReconciliationApiTests {

  /** A Thursday far enough ahead that every Kariermu certificate of the suite is late by then. */
  static final OffsetDateTime NOW = wib("2027-02-11T10:00:00");

  @RegisterExtension final EngineClock clock = EngineClock.at(NOW);

  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired JdbcTemplate jdbc;

  TestApi api;

  @BeforeEach
  void setUp() {
    api = new TestApi(mvc, json);
  }

  @Test
  void listsTheOverdueMostLateFirstInPagesWithTheFiguresPerStage() throws Exception {
    List<String> codes = new ArrayList<>();
    // completed Monday to Wednesday: reports due a working day later, the first most late
    for (int day = 1; day <= 3; day++) {
      codes.add(kariermu(wib("2027-02-0" + day + "T10:00:00")));
    }
    String reported = kariermu(wib("2027-02-04T10:00:00"));
    lastReportedIn(reported, "KARIERMU-2027-02-01-7");

    JsonNode all = read(reconciliation("?platform=KARIERMU&maxResults=1000"));
    assertThat(all.get("platform").asText()).isEqualTo("KARIERMU");
    assertThat(all.get("asOf").asText()).isEqualTo("2027-02-11T10:00:00+07:00");
    assertThat(all.get("stages").fieldNames()).toIterable()
        .containsExactly("REPORTED_TO_PLATFORM", "REPORTED_TO_PMO", "VERIFIED_BY_PMO");
    JsonNode reporting = all.at("/stages/REPORTED_TO_PLATFORM");
    assertThat(reporting.get("overdue").asLong()).isGreaterThanOrEqualTo(4);
    assertThat(reporting.get("waiting").asLong()).isGreaterThanOrEqualTo(reporting.get("overdue").asLong());
    assertThat(reporting.has("atRisk")).isTrue();

    List<String> listed = new ArrayList<>();
    all.get("overdue").forEach(row -> listed.add(row.get("redemptionCode").asText()));
    List<String> ours = listed.stream().filter(c -> codes.contains(c) || c.equals(reported)).toList();
    assertThat(ours).containsExactly(codes.get(0), codes.get(1), codes.get(2), reported);
    JsonNode first = row(all, codes.get(0));
    // completed Monday 1 Feb 10:00, due Tuesday 2 Feb 10:00: 7 working days late on 11 Feb 10:00
    assertThat(first.get("dueAt").asText()).isEqualTo("2027-02-02T10:00:00+07:00");
    assertThat(first.get("lateWorkingDays").asInt()).isEqualTo(7);
    assertThat(first.get("stage").asText()).isEqualTo("REPORTED_TO_PLATFORM");
    assertThat(first.get("certificateNumber").asText()).isEqualTo("SA-2026-" + codes.get(0));
    assertThat(UUID.fromString(first.get("certificateId").asText())).isNotNull();
    assertThat(first.get("lastReportBatchId").isNull()).isTrue();
    assertThat(row(all, reported).get("lastReportBatchId").asText()).isEqualTo("KARIERMU-2027-02-01-7");

    // pages of the same list, linked
    int at = listed.indexOf(codes.get(1));
    MockHttpServletResponse page = reconciliation("?platform=KARIERMU&firstResult=" + at + "&maxResults=1");
    assertThat(read(page).get("overdue")).hasSize(1);
    assertThat(read(page).at("/overdue/0/redemptionCode").asText()).isEqualTo(codes.get(1));
    assertThat(page.getHeader(HttpHeaders.LINK)).isEqualTo("</api/v1/reconciliation?platform=KARIERMU"
        + "&firstResult=" + (at + 1) + "&maxResults=1>; rel=\"next\"");
    MockHttpServletResponse last = reconciliation("?platform=KARIERMU&firstResult="
        + (listed.size() - 1) + "&maxResults=5");
    assertThat(last.getHeader(HttpHeaders.LINK)).isNull();
  }

  @Test
  void streamsTheWholeOverdueListAsCsvThatASpreadsheetOpensWithoutRunningIt() throws Exception {
    String plain = kariermu(wib("2027-02-01T09:00:00"));
    String formula = kariermu(wib("2027-02-02T09:00:00"));
    lastReportedIn(formula, "=HYPERLINK(\"http://x.example/\",\"a, b\")");
    String atSign = kariermu(wib("2027-02-03T09:00:00"));
    lastReportedIn(atSign, "@SUM(1+1)");

    MockHttpServletResponse response = mvc.perform(get("/api/v1/reconciliation")
        .param("platform", "KARIERMU").header(HttpHeaders.ACCEPT, "text/csv")
        .header(HttpHeaders.AUTHORIZATION, TestApi.OPERATOR)).andReturn().getResponse();
    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.getContentType()).startsWith("text/csv");
    assertThat(response.getHeader(HttpHeaders.CONTENT_DISPOSITION))
        .isEqualTo("attachment; filename=\"reconciliation-KARIERMU-2027-02-11.csv\"");
    String body = response.getContentAsString(StandardCharsets.UTF_8);
    // RFC 4180: CRLF after every record, the header row first
    assertThat(body).startsWith("certificateId,redemptionCode,certificateNumber,stage,dueAt,"
        + "lateWorkingDays,lastReportBatchId,lastEventAt\r\n");
    assertThat(body).endsWith("\r\n");
    assertThat(body.replace("\r\n", "")).doesNotContain("\n");
    // a cell with a quote and a comma is quoted, its quotes doubled, and prefixed with '
    assertThat(body).contains(",\"'=HYPERLINK(\"\"http://x.example/\"\",\"\"a, b\"\")\",");
    assertThat(body).contains(",'@SUM(1+1),");

    List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(new StringReader(body)).getRecords();
    // the whole list, no paging: as many rows as the JSON's overdue figures add up to
    JsonNode figures = read(reconciliation("?platform=KARIERMU")).get("stages");
    long overdue = 0;
    for (JsonNode stage : figures) {
      overdue += stage.get("overdue").asLong();
    }
    assertThat(rows).hasSize((int) overdue);
    List<String> order = rows.stream().map(r -> r.get("redemptionCode"))
        .filter(c -> c.equals(plain) || c.equals(formula) || c.equals(atSign)).toList();
    assertThat(order).containsExactly(plain, formula, atSign);
    CSVRecord withFormula = rows.stream().filter(r -> r.get("redemptionCode").equals(formula))
        .findFirst().orElseThrow();
    assertThat(withFormula.get("lastReportBatchId"))
        .isEqualTo("'=HYPERLINK(\"http://x.example/\",\"a, b\")");
    assertThat(withFormula.get("dueAt")).isEqualTo("2027-02-03T09:00:00+07:00");
    assertThat(withFormula.get("lateWorkingDays")).isEqualTo("6");
    assertThat(withFormula.get("lastEventAt")).isEmpty();
  }

  @Test
  void refusesAnUnknownPlatformNamingIt() throws Exception {
    for (String accept : List.of("application/json", "text/csv")) {
      JsonNode problem = api.problem(mvc.perform(get("/api/v1/reconciliation")
          .param("platform", "SHOPEE").header(HttpHeaders.ACCEPT, accept)
          .header(HttpHeaders.AUTHORIZATION, TestApi.OPERATOR)).andReturn().getResponse(), 400);
      assertThat(TestApi.errorFields(problem)).as(accept).containsExactly("platform");
      assertThat(problem.at("/errors/0/message").asText()).contains("TOKOPEDIA");
    }
    JsonNode missing = api.problem(reconciliation("?maxResults=0"), 400);
    assertThat(TestApi.errorFields(missing)).containsExactly("platform", "maxResults");
    assertThat(missing.at("/errors/0/message").asText()).isEqualTo("is required");
  }

  @Test
  void isDescribedInThePublishedContractInBothFormats() throws Exception {
    JsonNode get = read(mvc.perform(get("/v3/api-docs")).andReturn().getResponse())
        .at("/paths/~1api~1v1~1reconciliation/get");
    assertThat(get.path("parameters").findValuesAsText("name"))
        .contains("platform", "firstResult", "maxResults");
    assertThat(get.at("/responses/200/content").fieldNames()).toIterable()
        .contains("application/json", "text/csv");
  }

  // --- helpers ---

  /** A Kariermu certificate completed at {@code completedAt}; its code. */
  private String kariermu(OffsetDateTime completedAt) throws Exception {
    String code = TestApi.newRedemptionCode();
    ObjectNode completion = api.completion(code, completedAt);
    completion.put("platform", "KARIERMU");
    api.complete(completion);
    return code;
  }

  /** As the daily report leaves it once the certificate was in chunk {@code batchId}. */
  private void lastReportedIn(String code, String batchId) {
    UUID id = jdbc.queryForObject("select id from certificate where redemption_code = ?", UUID.class,
        code);
    jdbc.update("insert into report_chunk (batch_id, platform, run_slot, report_date, seq, payload,"
        + " status, created_at) values (?, 'KARIERMU', ?, ?, ?, '{}', 'SUPERSEDED', ?)", batchId,
        code, java.sql.Date.valueOf("2027-02-01"), Math.abs(code.hashCode()),
        java.sql.Timestamp.from(NOW.toInstant()));
    jdbc.update("insert into report_chunk_item (batch_id, certificate_id) values (?, ?)", batchId, id);
  }

  private MockHttpServletResponse reconciliation(String query) throws Exception {
    return mvc.perform(get("/api/v1/reconciliation" + query)
        .header(HttpHeaders.AUTHORIZATION, TestApi.OPERATOR)).andReturn().getResponse();
  }

  private JsonNode read(MockHttpServletResponse response) throws Exception {
    assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
    return json.readTree(response.getContentAsByteArray());
  }

  private static JsonNode row(JsonNode reconciliation, String code) {
    for (JsonNode row : reconciliation.get("overdue")) {
      if (row.get("redemptionCode").asText().equals(code)) {
        return row;
      }
    }
    throw new AssertionError(code + " is not listed");
  }
}
