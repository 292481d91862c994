package id.sertiflow.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.sertiflow.api.ApiProblem;
import id.sertiflow.api.ApiProblem.FieldProblem;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Turns a CSV batch into the shape of the JSON a client would have sent, so that one request record
 * judges both: dotted headers nest ({@code learner.name}); every value stays the text of its cell,
 * read as a number or a yes/no by the record's own types (api.TypedInput#checkText).
 */
final class CsvCompletions {

  private CsvCompletions() {}

  static List<JsonNode> read(Reader csv, ObjectMapper json, int max) throws IOException {
    CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
        .setIgnoreEmptyLines(true).setTrim(true).get();
    List<JsonNode> rows = new ArrayList<>();
    try (CSVParser parser = CSVParser.parse(csv, format)) {
      if (parser.getHeaderNames().isEmpty()) {
        throw ApiProblem.badRequest("The CSV has no header row.");
      }
      for (CSVRecord record : parser) {
        if (rows.size() == max) {
          throw ApiProblem.invalid(List.of(new FieldProblem("",
              "must hold at most " + max + " completions; split the batch")));
        }
        rows.add(toJson(record.toMap(), json));
      }
    } catch (UncheckedIOException | IllegalArgumentException | IllegalStateException broken) {
      throw ApiProblem.badRequest("The CSV is not well-formed: check quoting and the header row.");
    }
    return rows;
  }

  private static JsonNode toJson(Map<String, String> row, ObjectMapper json) {
    ObjectNode root = json.createObjectNode();
    row.forEach((header, value) -> {
      if (value == null || value.isEmpty()) {
        return;
      }
      String[] path = header.split("\\.", 2);
      ObjectNode parent = root;
      String name = path[0];
      if (path.length == 2) {
        parent = root.has(path[0]) && root.get(path[0]).isObject()
            ? (ObjectNode) root.get(path[0]) : root.putObject(path[0]);
        name = path[1];
      }
      parent.put(name, value);
    });
    return root;
  }
}
