package id.sertiflow.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import id.sertiflow.api.ApiProblem;
import id.sertiflow.api.ApiProblem.FieldProblem;
import id.sertiflow.api.NoControlCharacters;
import id.sertiflow.api.ParametersOf;
import id.sertiflow.api.TypedInput;
import id.sertiflow.api.TypedInput.Checked;
import id.sertiflow.calendar.CalendarTable.DecreedYear;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operators' calendar: the non-working days of a year, the loaded decrees, and what a
 * deadline of N working days comes to. Parameters are read as text into typed records
 * (api.TypedInput), so that every bad one is named in a single answer with those of the body.
 */
@RestController
@RequestMapping("/api/v1/calendar")
class CalendarController {

  /** Whether the listed year's decree is missing, so that only its fixed dates are known. */
  static final String PROVISIONAL_HEADER = "X-Calendar-Provisional";
  /** A year of deadlines: well within what the calendar counts ({@link WorkingDayCalendar#MAX_WORKING_DAYS}). */
  static final int MAX_WORKING_DAYS = 365;
  /** The years the calendar lists and deadlines start in; beyond them there is nothing to count. */
  static final int FIRST_YEAR = 1;
  static final int LAST_YEAR = 9999;
  private static final int MAX_NAME = 200;
  private static final int MAX_DECREE = 300;
  private static final String YEARS = "must be a whole number from " + FIRST_YEAR + " to " + LAST_YEAR;
  private static final String WORKING_DAYS = "must be a whole number from 0 to " + MAX_WORKING_DAYS;

  /** A holiday as an operator puts it; the name without the spaces around it. */
  record HolidayBody(
      @Schema(example = "Cuti Bersama Natal")
      @NotBlank(message = "is required") @Size(max = MAX_NAME) @NoControlCharacters String name,
      @NotNull HolidayType type) {

    HolidayBody {
      name = name == null ? null : name.strip();
    }
  }

  /** The decree that lists a year's holidays; without the spaces around it. */
  record DecreeBody(
      @Schema(example = "SKB 3 Menteri 2027")
      @NotBlank(message = "is required") @Size(max = MAX_DECREE) @NoControlCharacters String decree) {

    DecreeBody {
      decree = decree == null ? null : decree.strip();
    }
  }

  record Day(@Schema(description = "the day, ISO-8601 (2026-12-25)") @NotNull LocalDate date) {}

  /** A year of the calendar; absent where "this year" is meant. */
  record Year(
      @Schema(description = "the year; this year in Jakarta when absent from a query")
      @Min(value = FIRST_YEAR, message = YEARS)
      @Max(value = LAST_YEAR, message = YEARS) Integer year) {}

  record DeadlineQuestion(
      @Schema(description = "the start, ISO-8601 with an offset (a + written as %2B)")
      @NotNull @InTheCalendarsYears OffsetDateTime from,
      @NotNull
      @Min(value = 0, message = WORKING_DAYS)
      @Max(value = MAX_WORKING_DAYS, message = WORKING_DAYS)
      Integer workingDays) {}

  /**
   * A deadline. {@code provisional}: the count reaches into a year whose decree is not loaded,
   * so {@code dueAt} may move when it is.
   */
  record Deadline(OffsetDateTime from, int workingDays, OffsetDateTime dueAt, boolean provisional) {}

  private final HolidayBook book;
  private final WorkingDayCalendar calendar;
  private final ServiceClock clock;
  private final TypedInput input;

  CalendarController(HolidayBook book, WorkingDayCalendar calendar, ServiceClock clock,
      TypedInput input) {
    this.book = book;
    this.calendar = calendar;
    this.clock = clock;
    this.input = input;
  }

  @GetMapping("/holidays")
  @ParametersOf(Year.class)
  ResponseEntity<List<Holiday>> holidays(@RequestParam(required = false) String year) {
    Integer asked = input.checkParameters(Year.class, "year", year).orRefuse().year();
    int listed = asked == null ? clock.nowInJakarta().getYear() : asked;
    return ResponseEntity.ok()
        .header(PROVISIONAL_HEADER, String.valueOf(calendar.isProvisional(listed)))
        .body(book.holidaysIn(listed));
  }

  @PutMapping("/holidays/{date}")
  @ParametersOf(Day.class)
  Holiday putHoliday(@PathVariable String date,
      @io.swagger.v3.oas.annotations.parameters.RequestBody(
          content = @Content(schema = @Schema(implementation = HolidayBody.class)))
      @RequestBody JsonNode body) {
    Checked<Day> day = input.checkParameters(Day.class, "date", date);
    Checked<HolidayBody> holiday = input.check(body, HolidayBody.class);
    TypedInput.refuseUnlessValid(day, holiday);
    return book.put(new Holiday(day.value().date(), holiday.value().name(), holiday.value().type()));
  }

  @DeleteMapping("/holidays/{date}")
  @ParametersOf(Day.class)
  ResponseEntity<Void> deleteHoliday(@PathVariable String date) {
    book.remove(input.checkParameters(Day.class, "date", date).orRefuse().date());
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/deadline")
  @ParametersOf(DeadlineQuestion.class)
  Deadline deadline(@RequestParam(required = false) String from,
      @RequestParam(required = false) String workingDays) {
    DeadlineQuestion question = input.checkParameters(DeadlineQuestion.class,
        "from", from, "workingDays", workingDays).orRefuse();
    OffsetDateTime start = question.from();
    int count = question.workingDays();
    Instant dueAt = calendar.addWorkingDays(start.toInstant(), count);
    OffsetDateTime startInJakarta = WorkingDayCalendar.inJakarta(start.toInstant());
    OffsetDateTime dueInJakarta = WorkingDayCalendar.inJakarta(dueAt);
    boolean provisional = !calendar.provisionalYears(startInJakarta.getYear(), dueInJakarta.getYear())
        .isEmpty();
    return new Deadline(startInJakarta, count, dueInJakarta, provisional);
  }

  @GetMapping("/years")
  List<DecreedYear> decreedYears() {
    return book.decreedYears();
  }

  @PutMapping("/years/{year}")
  @ParametersOf(Year.class)
  DecreedYear putDecree(@PathVariable String year,
      @io.swagger.v3.oas.annotations.parameters.RequestBody(
          content = @Content(schema = @Schema(implementation = DecreeBody.class)))
      @RequestBody JsonNode body) {
    Checked<Year> decreed = input.checkParameters(Year.class, "year", year);
    Checked<DecreeBody> decree = input.check(body, DecreeBody.class);
    TypedInput.refuseUnlessValid(decreed, decree);
    return book.recordDecree(new DecreedYear(decreed.value().year(), decree.value().decree()));
  }

  @DeleteMapping("/years/{year}")
  @ParametersOf(Year.class)
  ResponseEntity<Void> deleteDecree(@PathVariable String year) {
    book.forgetDecree(requiredYear(year));
    return ResponseEntity.noContent().build();
  }

  /** A year given in the path: required there. */
  private int requiredYear(String year) {
    Integer given = input.checkParameters(Year.class, "year", year).orRefuse().year();
    if (given == null) {
      throw ApiProblem.invalid(List.of(new FieldProblem("year", "is required")));
    }
    return given;
  }
}
