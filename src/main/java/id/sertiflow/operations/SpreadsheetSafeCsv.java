package id.sertiflow.operations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * CSV rows as RFC 4180 has them (commons-csv's {@code RFC4180}: CRLF, a cell quoted when it holds
 * a comma, a quote or a line break, a quote doubled) that a spreadsheet opens without running
 * anything: a cell that begins with {@code =}, {@code +}, {@code -} or {@code @} (and, as OWASP
 * advises, a tab or a carriage return) is prefixed with {@code '}, which the spreadsheet shows as
 * text. A platform's batch id or a certificate number comes from outside and could begin so.
 */
final class SpreadsheetSafeCsv {

  /** A row is flushed to the client every so many rows: a long list arrives as it is read. */
  static final int FLUSH_EVERY = 1000;

  private final CSVPrinter printer;
  private int rows;

  SpreadsheetSafeCsv(Writer out) {
    try {
      this.printer = new CSVPrinter(out, CSVFormat.RFC4180);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One row; a null cell is empty. An I/O failure (the client left) is unchecked. */
  void row(List<String> cells) {
    try {
      for (String cell : cells) {
        printer.print(safe(cell));
      }
      printer.println();
      if (++rows % FLUSH_EVERY == 0) {
        printer.flush();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String safe(String cell) {
    if (cell == null || cell.isEmpty()) {
      return cell;
    }
    return switch (cell.charAt(0)) {
      case '=', '+', '-', '@', '\t', '\r' -> "'" + cell;
      default -> cell;
    };
  }
}
