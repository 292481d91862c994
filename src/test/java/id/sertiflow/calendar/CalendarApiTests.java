package id.sertiflow.calendar;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import id.sertiflow.EngineClock;
import id.sertiflow.SertiflowTest;
import id.sertiflow.TestApi;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.annotation.Transactional;

/**
 * The operators' calendar API. Each test runs in a transaction that is rolled back, so the
 * holidays it changes are back as seeded for the other test classes sharing the database.
 */
@SertiflowTest
@Transactional
class CalendarApiTests {

  static final String HOLIDAYS = "/api/v1/calendar/holidays";

  @RegisterExtension final EngineClock clock = EngineClock.realTime();

  @Autowired
  MockMvc mvc;

  /** Performs {@code request} as the demo operator (demo/demo, a camunda-admin). */
  ResultActions asOperator(MockHttpServletRequestBuilder request) throws Exception {
    return mvc.perform(request.header(HttpHeaders.AUTHORIZATION, TestApi.OPERATOR));
  }

  ResultActions putHoliday(String date, String json) throws Exception {
    return asOperator(put(HOLIDAYS + "/" + date).contentType(MediaType.APPLICATION_JSON).content(json));
  }

  ResultActions deadline(String from, int workingDays) throws Exception {
    return asOperator(get("/api/v1/calendar/deadline")
        .param("from", from).param("workingDays", String.valueOf(workingDays)));
  }

  @Test
  void listsTheDecreedHolidaysOfAYearByDate() throws Exception {
    asOperator(get(HOLIDAYS).param("year", "2026"))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(header().string(CalendarController.PROVISIONAL_HEADER, "false"))
        .andExpect(jsonPath("$", hasSize(25)))
        .andExpect(jsonPath("$[0].date").value("2026-01-01"))
        .andExpect(jsonPath("$[24].date").value("2026-12-25"))
        .andExpect(jsonPath("$[4].date").value("2026-03-18"))
        .andExpect(jsonPath("$[4].name").value("Cuti Bersama Hari Suci Nyepi Tahun Baru Saka 1948"))
        .andExpect(jsonPath("$[4].type").value("COLLECTIVE_LEAVE"))
        .andExpect(jsonPath("$[5].type").value("NATIONAL_HOLIDAY"));
  }

  @Test
  void listsOnlyTheFixedDateHolidaysOfAProvisionalYearAndSaysSo() throws Exception {
    asOperator(get(HOLIDAYS).param("year", "2027"))
        .andExpect(status().isOk())
        .andExpect(header().string(CalendarController.PROVISIONAL_HEADER, "true"))
        .andExpect(jsonPath("$[*].date",
            contains("2027-01-01", "2027-05-01", "2027-06-01", "2027-08-17", "2027-12-25")))
        .andExpect(jsonPath("$[0].name").value("Tahun Baru 2027 Masehi"))
        .andExpect(jsonPath("$[*].type", hasItem("NATIONAL_HOLIDAY")))
        .andExpect(jsonPath("$[*].type", not(hasItem("COLLECTIVE_LEAVE"))));
  }

  @Test
  void listsThisYearInJakartaWhenNoYearIsGiven() throws Exception {
    // 18:00 UTC on 31 Dec 2026 is already New Year's Day 2027 in Jakarta
    clock.set(Instant.parse("2026-12-31T18:00:00Z"));
    asOperator(get(HOLIDAYS))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[0].date").value("2027-01-01"));
  }

  @Test
  void storesANewHolidayAndTheDeadlineMovesPastIt() throws Exception {
    putHoliday("2026-11-30", """
        {"name": "Cuti Bersama Uji Coba", "type": "COLLECTIVE_LEAVE", "ignored": true}""")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.date").value("2026-11-30"))
        .andExpect(jsonPath("$.name").value("Cuti Bersama Uji Coba"))
        .andExpect(jsonPath("$.type").value("COLLECTIVE_LEAVE"));

    deadline("2026-11-27T15:30:00+07:00", 1)
        .andExpect(jsonPath("$.dueAt").value("2026-12-01T15:30:00+07:00"));
    asOperator(get(HOLIDAYS).param("year", "2026"))
        .andExpect(jsonPath("$", hasSize(26)))
        .andExpect(jsonPath("$[23].date").value("2026-11-30"));
  }

  @Test
  void replacesTheNameAndTypeOfAnExistingHoliday() throws Exception {
    putHoliday("2026-12-24", """
        {"name": "  Libur Malam Natal  ", "type": "NATIONAL_HOLIDAY"}""")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.name").value("Libur Malam Natal"));

    asOperator(get(HOLIDAYS).param("year", "2026"))
        .andExpect(jsonPath("$", hasSize(25)))
        .andExpect(jsonPath("$[23].date").value("2026-12-24"))
        .andExpect(jsonPath("$[23].name").value("Libur Malam Natal"))
        .andExpect(jsonPath("$[23].type").value("NATIONAL_HOLIDAY"));
  }

  @Test
  void removesAHolidaySoTheDayCountsAgain() throws Exception {
    // 24 Dec 2026, Christmas Eve leave: without it, Wednesday + 1 is Thursday the 24th
    asOperator(delete(HOLIDAYS + "/2026-12-24")).andExpect(status().isNoContent());

    deadline("2026-12-23T10:00:00+07:00", 1)
        .andExpect(jsonPath("$.dueAt").value("2026-12-24T10:00:00+07:00"));
    asOperator(delete(HOLIDAYS + "/2026-12-24"))
        .andExpect(status().isNotFound())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
  }

  @Test
  void refusesToRemoveAFixedDateNationalHoliday() throws Exception {
    asOperator(delete(HOLIDAYS + "/2026-12-25"))
        .andExpect(status().isConflict())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    asOperator(get(HOLIDAYS).param("year", "2026"))
        .andExpect(jsonPath("$[24].date").value("2026-12-25"));
  }

  @Test
  void namesEveryBadFieldOfAHolidayAtOnce() throws Exception {
    putHoliday("2026-13-01", """
        {"name": " ", "type": "HOLIDAY"}""")
        .andExpect(status().isUnprocessableEntity())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.status").value(422))
        .andExpect(jsonPath("$.errors[*].field", contains("date", "name", "type")));
  }

  @Test
  void refusesAHolidayWithoutTypeOrWithAnOverlongName() throws Exception {
    putHoliday("2026-11-30", "{\"name\": \"" + "x".repeat(201) + "\"}")
        .andExpect(status().isUnprocessableEntity())
        .andExpect(jsonPath("$.errors[*].field", contains("name", "type")));
  }

  @Test
  void refusesToRemoveOnABadDate() throws Exception {
    asOperator(delete(HOLIDAYS + "/30-11-2026"))
        .andExpect(status().isUnprocessableEntity())
        .andExpect(jsonPath("$.errors[0].field").value("date"));
  }

  @Test
  void answersTheDeadlineOfTheContractExample() throws Exception {
    asOperator(get(URI.create(
            "/api/v1/calendar/deadline?from=2026-11-27T15:30:00%2B07:00&workingDays=1")))
        .andExpect(status().isOk())
        .andExpect(content().json("""
            {"from": "2026-11-27T15:30:00+07:00", "workingDays": 1,
             "dueAt": "2026-11-30T15:30:00+07:00", "provisional": false}""", true));
  }

  @Test
  void writesADeadlineGivenInUtcInJakartaTime() throws Exception {
    deadline("2026-11-27T20:00:00Z", 1)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.from").value("2026-11-28T03:00:00+07:00"))
        .andExpect(jsonPath("$.dueAt").value("2026-12-01T00:00:00+07:00"));
  }

  @Test
  void saysADeadlineIntoAnUndecreedYearIsProvisional() throws Exception {
    deadline("2026-12-31T11:00:00+07:00", 1)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.dueAt").value("2027-01-04T11:00:00+07:00"))
        .andExpect(jsonPath("$.provisional").value(true));
  }

  @Test
  void refusesADeadlineOfMoreWorkingDaysThanAYearHasInsteadOfCountingThem() throws Exception {
    for (String count : new String[] {"366", "3661", "2147483647", "99999999999"}) {
      asOperator(get("/api/v1/calendar/deadline").param("from", "2026-11-27T15:30:00+07:00")
          .param("workingDays", count))
          .andExpect(status().isUnprocessableEntity())
          .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
          .andExpect(jsonPath("$.errors[*].field", contains("workingDays")))
          .andExpect(jsonPath("$.errors[0].message").value("must be a whole number from 0 to 365"));
    }
  }

  @Test
  void refusesADeadlineFromBeyondTheCalendarsYears() throws Exception {
    for (String from : new String[] {"+999999999-12-31T10:00:00+07:00", "+10000-01-01T10:00:00+07:00",
        "0000-12-31T10:00:00+07:00"}) {
      asOperator(get("/api/v1/calendar/deadline").param("from", from).param("workingDays", "365"))
          .andExpect(status().isUnprocessableEntity())
          .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
          .andExpect(jsonPath("$.errors[*].field", contains("from")));
    }
  }

  @Test
  void namesEveryBadDeadlineParameterAtOnce() throws Exception {
    asOperator(get("/api/v1/calendar/deadline").param("workingDays", "366"))
        .andExpect(status().isUnprocessableEntity())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.errors[*].field", contains("from", "workingDays")));
    deadline("next friday", -1)
        .andExpect(status().isUnprocessableEntity())
        .andExpect(jsonPath("$.errors[*].field", contains("from", "workingDays")));
    asOperator(get("/api/v1/calendar/deadline").param("from", "2026-11-27T15:30:00"))
        .andExpect(status().isUnprocessableEntity())
        .andExpect(jsonPath("$.errors[*].field", contains("from", "workingDays")));
  }

  @Test
  void takesTheWholeRangeOfWorkingDays() throws Exception {
    deadline("2026-11-27T15:30:00+07:00", 0)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.dueAt").value("2026-11-27T15:30:00+07:00"));
    deadline("2025-01-02T08:00:00+07:00", 365)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.dueAt").value("2026-07-23T08:00:00+07:00"));
  }

  @Test
  void recordingAYearsDecreeEndsItsProvisionalState() throws Exception {
    asOperator(get("/api/v1/calendar/years"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[*].year", containsInAnyOrder(2025, 2026)));

    asOperator(put("/api/v1/calendar/years/2027").contentType(MediaType.APPLICATION_JSON)
            .content("{\"decree\": \"SKB uji coba 2027\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.year").value(2027))
        .andExpect(jsonPath("$.decree").value("SKB uji coba 2027"));
    asOperator(get(HOLIDAYS).param("year", "2027"))
        .andExpect(header().string(CalendarController.PROVISIONAL_HEADER, "false"));
    deadline("2026-12-31T11:00:00+07:00", 1)
        .andExpect(jsonPath("$.provisional").value(false));

    asOperator(delete("/api/v1/calendar/years/2027")).andExpect(status().isNoContent());
    asOperator(get(HOLIDAYS).param("year", "2027"))
        .andExpect(header().string(CalendarController.PROVISIONAL_HEADER, "true"));
    asOperator(delete("/api/v1/calendar/years/2027")).andExpect(status().isNotFound());
  }

  @Test
  void namesEveryBadFieldOfADecreeAtOnce() throws Exception {
    asOperator(put("/api/v1/calendar/years/twenty").contentType(MediaType.APPLICATION_JSON)
            .content("{}"))
        .andExpect(status().isUnprocessableEntity())
        .andExpect(jsonPath("$.errors[*].field", contains("year", "decree")));
  }

  @Test
  void publishesTheCalendarEndpointsInTheOpenApiDocument() throws Exception {
    mvc.perform(get("/v3/api-docs"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.paths['/api/v1/calendar/holidays'].get").exists())
        .andExpect(jsonPath("$.paths['/api/v1/calendar/holidays/{date}'].put").exists())
        .andExpect(jsonPath("$.paths['/api/v1/calendar/holidays/{date}'].delete").exists())
        .andExpect(jsonPath("$.paths['/api/v1/calendar/deadline'].get.parameters[*].name",
            contains("from", "workingDays")));
  }

  @Test
  void publishesEachParameterWithTheLimitsThatCheckIt() throws Exception {
    String deadline = "$.paths['/api/v1/calendar/deadline'].get.parameters";
    String holidays = "$.paths['/api/v1/calendar/holidays'].get.parameters[0]";
    mvc.perform(get("/v3/api-docs"))
        .andExpect(jsonPath(deadline + "[0].schema.format").value("date-time"))
        .andExpect(jsonPath(deadline + "[0].required").value(true))
        .andExpect(jsonPath(deadline + "[0].description").value(containsString("offset")))
        .andExpect(jsonPath(deadline + "[1].schema.type").value("integer"))
        .andExpect(jsonPath(deadline + "[1].schema.minimum").value(0))
        .andExpect(jsonPath(deadline + "[1].schema.maximum").value(365))
        .andExpect(jsonPath(deadline + "[1].required").value(true))
        .andExpect(jsonPath(holidays + ".schema.minimum").value(1))
        .andExpect(jsonPath(holidays + ".schema.maximum").value(9999))
        .andExpect(jsonPath(holidays + ".required").value(false))
        .andExpect(jsonPath("$.paths['/api/v1/calendar/holidays/{date}'].put.parameters[0].schema.format")
            .value("date"));
  }
}
