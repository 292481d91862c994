package id.sertiflow.calendar;

import id.sertiflow.api.InputCheck;
import id.sertiflow.calendar.CalendarTable.DecreedYear;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
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
 * deadline of N working days comes to. Parameters are read as text so that every bad one is
 * named in a single answer.
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

  record HolidayBody(String name, String type) {}

  record DecreeBody(String decree) {}

  /**
   * A deadline. {@code provisional}: the count reaches into a year whose decree is not loaded,
   * so {@code dueAt} may move when it is.
   */
  record Deadline(OffsetDateTime from, int workingDays, OffsetDateTime dueAt, boolean provisional) {}

  private final HolidayBook book;
  private final WorkingDayCalendar calendar;
  private final ServiceClock clock;

  CalendarController(HolidayBook book, WorkingDayCalendar calendar, ServiceClock clock) {
    this.book = book;
    this.calendar = calendar;
    this.clock = clock;
  }

  @GetMapping("/holidays")
  ResponseEntity<List<Holiday>> holidays(
      @Parameter(description = "the year; this year in Jakarta when absent",
          schema = @Schema(type = "integer", minimum = "1", maximum = "9999"))
      @RequestParam(required = false) String year) {
    Input input = new Input();
    int listed = year == null ? clock.nowInJakarta().getYear() : input.year("year", year);
    input.check();
    return ResponseEntity.ok()
        .header(PROVISIONAL_HEADER, String.valueOf(calendar.isProvisional(listed)))
        .body(book.holidaysIn(listed));
  }

  @PutMapping("/holidays/{date}")
  Holiday putHoliday(@PathVariable String date, @RequestBody HolidayBody body) {
    Input input = new Input();
    LocalDate day = input.date("date", date);
    String name = input.text("name", body.name(), MAX_NAME);
    HolidayType type = input.type("type", body.type());
    input.check();
    return book.put(new Holiday(day, name, type));
  }

  @DeleteMapping("/holidays/{date}")
  ResponseEntity<Void> deleteHoliday(@PathVariable String date) {
    Input input = new Input();
    LocalDate day = input.date("date", date);
    input.check();
    book.remove(day);
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/deadline")
  Deadline deadline(
      @Parameter(description = "the start, ISO-8601 with an offset (a + written as %2B)",
          schema = @Schema(type = "string", format = "date-time"))
      @RequestParam(required = false) String from,
      @Parameter(schema = @Schema(type = "integer", minimum = "0", maximum = "365"))
      @RequestParam(required = false) String workingDays) {
    Input input = new Input();
    OffsetDateTime start = input.timestamp("from", from);
    int count = input.number("workingDays", workingDays, 0, MAX_WORKING_DAYS);
    input.check();
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
  DecreedYear putDecree(@PathVariable String year, @RequestBody DecreeBody body) {
    Input input = new Input();
    int decreedYear = input.year("year", year);
    String decree = input.text("decree", body.decree(), MAX_DECREE);
    input.check();
    return book.recordDecree(new DecreedYear(decreedYear, decree));
  }

  @DeleteMapping("/years/{year}")
  ResponseEntity<Void> deleteDecree(@PathVariable String year) {
    Input input = new Input();
    int decreedYear = input.year("year", year);
    input.check();
    book.forgetDecree(decreedYear);
    return ResponseEntity.noContent().build();
  }

  /** Reads request values, noting a problem for each bad one (its reader then returns a stand-in). */
  private static final class Input {
    private final InputCheck in = new InputCheck();

    void check() {
      in.check();
    }

    private boolean present(String field, String value) {
      if (value == null || value.isBlank()) {
        in.add(field, "is required");
        return false;
      }
      return true;
    }

    LocalDate date(String field, String value) {
      if (present(field, value)) {
        try {
          return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
          in.add(field, "must be a date written YYYY-MM-DD");
        }
      }
      return null;
    }

    /** A timestamp in the calendar's years, as Jakarta counts them. */
    OffsetDateTime timestamp(String field, String value) {
      OffsetDateTime at = present(field, value) ? in.timestamp(field, value) : null;
      if (at == null) {
        return null;
      }
      int year = WorkingDayCalendar.inJakarta(at.toInstant()).getYear();
      if (year < FIRST_YEAR || year > LAST_YEAR) {
        // else the count runs off the end of the dates Java and the database hold: a 500
        in.add(field, "must be in the years " + FIRST_YEAR + " to " + LAST_YEAR);
        return null;
      }
      return at;
    }

    int number(String field, String value, int min, int max) {
      if (present(field, value)) {
        try {
          int number = Integer.parseInt(value.strip());
          if (number >= min && number <= max) {
            return number;
          }
        } catch (NumberFormatException e) {
          // reported below, with the range
        }
        in.add(field, "must be a whole number from " + min + " to " + max);
      }
      return min;
    }

    int year(String field, String value) {
      return number(field, value, FIRST_YEAR, LAST_YEAR);
    }

    String text(String field, String value, int maxLength) {
      if (present(field, value)) {
        String text = value.strip();
        if (text.length() <= maxLength) {
          return text;
        }
        in.add(field, "must be at most " + maxLength + " characters");
      }
      return null;
    }

    HolidayType type(String field, String value) {
      if (present(field, value)) {
        try {
          return HolidayType.valueOf(value.strip());
        } catch (IllegalArgumentException e) {
          in.add(field, "must be one of " + Arrays.stream(HolidayType.values())
              .map(Enum::name).collect(Collectors.joining(", ")));
        }
      }
      return null;
    }
  }
}
