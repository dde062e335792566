package io.fleetpulse.collector.config;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One rule of a job's {@code metric_relabel_configs}, limited to what the collector acts on:
 * keeping or dropping whole metric families by name. As in Prometheus the regex is fully anchored
 * ({@code vllm:.*} matches {@code vllm:num_requests_running} but {@code num_requests} matches
 * nothing).
 */
public record RelabelConfig(List<String> sourceLabels, String regex, String action) {

  public static final String NAME_LABEL = "__name__";
  public static final String DEFAULT_REGEX = "(.*)";

  public enum Action {
    KEEP,
    DROP
  }

  public RelabelConfig {
    if (sourceLabels == null || !sourceLabels.equals(List.of(NAME_LABEL))) {
      throw new IllegalArgumentException(
          "metric_relabel_configs: source_labels must be [__name__] (families are kept or dropped by name), got "
              + sourceLabels);
    }
    sourceLabels = List.copyOf(sourceLabels);
    regex = regex == null ? DEFAULT_REGEX : regex;
    try {
      Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "metric_relabel_configs: regex \"" + regex + "\" is invalid: " + e.getDescription(), e);
    }
    if (action == null) {
      throw new IllegalArgumentException(
          "metric_relabel_configs: action must be keep or drop, got none");
    }
    action = action.toLowerCase(Locale.ROOT);
    if (!action.equals("keep") && !action.equals("drop")) {
      throw new IllegalArgumentException(
          "metric_relabel_configs: action must be keep or drop, got \"" + action + "\"");
    }
  }

  public static RelabelConfig keep(String regex) {
    return new RelabelConfig(List.of(NAME_LABEL), regex, "keep");
  }

  public static RelabelConfig drop(String regex) {
    return new RelabelConfig(List.of(NAME_LABEL), regex, "drop");
  }

  public Action parsedAction() {
    return Action.valueOf(action.toUpperCase(Locale.ROOT));
  }

  /** The regex anchored at both ends, as Prometheus applies it. */
  public Pattern anchoredPattern() {
    return Pattern.compile("^(?:" + regex + ")$");
  }
}
