package io.fleetpulse.cli.face;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetpulse.cli.external.PrometheusProcess;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Grafana puts in place of a dashboard's variables: each variable's value, resolved against
 * Prometheus as Grafana does (a multi-value variable at "All" becomes the regex of all its values,
 * each regex-escaped), and the built-in interval variables.
 */
final class TemplateValues {

  private static final Pattern LABEL_VALUES =
      Pattern.compile("^label_values\\((.+),\\s*(\\w+)\\)$");
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{?(\\w+)}?");
  private static final Pattern REGEX_SPECIAL = Pattern.compile("[\\\\^$*+?.()|{}\\[\\]]");

  private final Map<String, String> values = new HashMap<>();

  private TemplateValues(Map<String, String> builtIns) {
    values.putAll(builtIns);
  }

  /**
   * Resolves {@code dashboard}'s variables in order (a later query may use an earlier variable)
   * against {@code prometheus} at {@code timeMs}; a variable named in {@code chosen} takes that
   * option instead of its saved one.
   */
  static TemplateValues resolve(
      Dashboard dashboard,
      Map<String, String> builtIns,
      Map<String, String> chosen,
      PrometheusProcess prometheus,
      long timeMs)
      throws IOException, InterruptedException {
    TemplateValues resolved = new TemplateValues(builtIns);
    for (Dashboard.Variable variable : dashboard.variables()) {
      List<String> options = resolved.options(dashboard, variable, prometheus, timeMs);
      String value;
      if (chosen.containsKey(variable.name())) {
        value = chosen.get(variable.name());
      } else if (variable.multi() || variable.includeAll()) {
        value =
            "("
                + String.join("|", options.stream().map(TemplateValues::regexEscaped).toList())
                + ")";
      } else {
        // As Grafana does: the saved value while it is an option, else the first option.
        value = options.contains(variable.current()) ? variable.current() : options.get(0);
      }
      resolved.values.put(variable.name(), value);
    }
    return resolved;
  }

  /** {@code text} with every variable replaced; fails naming a variable it does not know. */
  String substitute(String text, String where) {
    Matcher matcher = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String value = values.get(matcher.group(1));
      if (value == null) {
        throw new AssertionError(where + ": unknown variable $" + matcher.group(1) + " in " + text);
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    return matcher.appendTail(out).toString();
  }

  private List<String> options(
      Dashboard dashboard, Dashboard.Variable variable, PrometheusProcess prometheus, long timeMs)
      throws IOException, InterruptedException {
    String where = dashboard.file() + ", variable " + variable.name();
    List<String> options;
    if (variable.type().equals("custom")) {
      options = variable.customOptions();
    } else if (variable.type().equals("query")) {
      Matcher labelValues = LABEL_VALUES.matcher(variable.query().strip());
      if (!labelValues.matches()) {
        throw new AssertionError(
            where + ": not a label_values(selector, label) query: " + variable.query());
      }
      String label = labelValues.group(2);
      String selector = substitute(labelValues.group(1), where);
      TreeSet<String> found = new TreeSet<>();
      for (JsonNode series :
          prometheus.result("count by (" + label + ") (" + selector + ")", timeMs)) {
        found.add(series.path("metric").path(label).asText(""));
      }
      found.remove("");
      options = List.copyOf(found);
    } else {
      throw new AssertionError(
          where + ": variable type " + variable.type() + " is not one this test resolves");
    }
    if (options.isEmpty()) {
      throw new AssertionError(where + " has no values: " + variable.query());
    }
    return options;
  }

  /**
   * Regex-escaped as Grafana escapes a value for Prometheus: inside a PromQL string, so the
   * backslash doubled.
   */
  private static String regexEscaped(String value) {
    return REGEX_SPECIAL
        .matcher(value)
        .replaceAll(m -> Matcher.quoteReplacement("\\\\" + m.group()));
  }
}
