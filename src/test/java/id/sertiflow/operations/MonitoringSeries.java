package id.sertiflow.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * The series that deploy/'s dashboard and alert rules name in their PromQL: what the service
 * must export for them to show anything. Label matchers, ranges, grouping clauses, strings and
 * Grafana's variables are taken out first; what is left that is a name not called as a function
 * and not a keyword is a series.
 */
final class MonitoringSeries {

  static final Path DASHBOARD = Path.of("deploy/grafana/dashboards/sertiflow.json");
  static final Path RULES = Path.of("deploy/prometheus/rules/sertiflow.yml");

  private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset",
      "by", "without", "on", "ignoring", "group_left", "group_right", "inf", "nan", "atan2");
  private static final Pattern NAME = Pattern.compile("(?<![\\w:.])[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)");

  private MonitoringSeries() {}

  /** Each series named, with where (panel or alert) names it. */
  static Map<String, Set<String>> named(ObjectMapper json) throws IOException {
    Map<String, Set<String>> where = new TreeMap<>();
    JsonNode dashboard = json.readTree(Files.readAllBytes(DASHBOARD));
    for (JsonNode panel : dashboard.path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        seriesIn(target.path("expr").asText()).forEach(series ->
            where.computeIfAbsent(series, s -> new TreeSet<>()).add("panel " + panel.path("title").asText()));
      }
    }
    for (JsonNode variable : dashboard.path("templating").path("list")) {
      Matcher m = LABEL_VALUES.matcher(variable.path("query").path("query").asText());
      while (m.find()) {
        where.computeIfAbsent(m.group(1), s -> new TreeSet<>()).add("variable " + variable.path("name").asText());
      }
    }
    Map<String, Object> rules = new Yaml().load(Files.readString(RULES));
    for (Object group : (List<?>) rules.get("groups")) {
      for (Object rule : (List<?>) ((Map<?, ?>) group).get("rules")) {
        Map<?, ?> r = (Map<?, ?>) rule;
        seriesIn(String.valueOf(r.get("expr"))).forEach(series ->
            where.computeIfAbsent(series, s -> new TreeSet<>()).add("alert " + r.get("alert")));
      }
    }
    return where;
  }

  static Set<String> seriesIn(String promQl) {
    String s = promQl.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
        .replaceAll("\\{[^}]*\\}", " ")
        .replaceAll("\\[[^\\]]*\\]", " ")
        .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
        .replaceAll("\\$\\{?\\w+\\}?", " ");
    Set<String> series = new TreeSet<>();
    Matcher m = NAME.matcher(s);
    while (m.find()) {
      String name = m.group();
      String rest = s.substring(m.end()).stripLeading();
      if (!rest.startsWith("(") && !KEYWORDS.contains(name)) {
        series.add(name);
      }
    }
    return series;
  }
}
