package id.sertiflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scrape of {@code /actuator/prometheus} as Prometheus reads its text format: each sample's
 * name, labels and value, and each family's {@code # TYPE} and {@code # HELP}.
 */
public final class PrometheusScrape {

  /** One sample line. */
  public record Sample(String name, Map<String, String> labels, double value) {
    /** Whether it carries every one of {@code wanted} (name, value, name, value...). */
    public boolean has(String... wanted) {
      for (int i = 0; i + 1 < wanted.length; i += 2) {
        if (!wanted[i + 1].equals(labels.get(wanted[i]))) {
          return false;
        }
      }
      return true;
    }
  }

  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})?\\s+(\\S+)(\\s+\\S+)?$");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  private final List<Sample> samples = new ArrayList<>();
  private final Map<String, String> types = new LinkedHashMap<>();
  private final Map<String, String> helps = new LinkedHashMap<>();

  public PrometheusScrape(String text) {
    for (String line : text.split("\n")) {
      if (line.startsWith("# TYPE ")) {
        String[] parts = line.substring(7).split(" ", 2);
        types.put(parts[0], parts[1].trim());
      } else if (line.startsWith("# HELP ")) {
        String[] parts = line.substring(7).split(" ", 2);
        helps.put(parts[0], parts.length > 1 ? parts[1] : "");
      } else if (!line.isBlank() && !line.startsWith("#")) {
        Matcher m = SAMPLE.matcher(line.trim());
        if (!m.matches()) {
          throw new AssertionError("not a sample line: " + line);
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (m.group(3) != null) {
          Matcher l = LABEL.matcher(m.group(3));
          while (l.find()) {
            labels.put(l.group(1), l.group(2));
          }
        }
        samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(4))));
      }
    }
  }

  public List<Sample> samples(String name, String... labels) {
    return samples.stream().filter(s -> s.name().equals(name) && s.has(labels)).toList();
  }

  /** The one sample of {@code name} with these labels; 0 when there is none yet. */
  public double value(String name, String... labels) {
    List<Sample> found = samples(name, labels);
    if (found.size() > 1) {
      throw new AssertionError(found.size() + " samples of " + name + " match " + List.of(labels));
    }
    return found.isEmpty() ? 0 : found.get(0).value();
  }

  /** The family's type: gauge, counter, histogram... (a counter's family is named with its _total). */
  public String type(String family) {
    return types.get(family);
  }

  public String help(String family) {
    return helps.get(family);
  }

  /** Every sample name exported. */
  public Set<String> names() {
    Set<String> names = new TreeSet<>();
    samples.forEach(s -> names.add(s.name()));
    return names;
  }
}
