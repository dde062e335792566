package io.fleetpulse.collector.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A group of {@code host:port} targets sharing the same labels, as in Prometheus' {@code
 * static_configs} and in every group of a {@code file_sd_configs} file. Every target belongs to a
 * cluster: the {@code cluster} label, "default" when absent. As in Prometheus, the labels {@code
 * __scheme__}, {@code __metrics_path__} and {@code __param_<name>} set those parts of the group's
 * scrape URL; they, and any other label starting with {@code __}, are not attached to the scraped
 * data.
 */
public record StaticConfig(List<String> targets, Map<String, String> labels) {

  public static final String CLUSTER_LABEL = "cluster";
  public static final String DEFAULT_CLUSTER = "default";
  public static final String SCHEME_LABEL = "__scheme__";
  public static final String METRICS_PATH_LABEL = "__metrics_path__";
  public static final String PARAM_LABEL_PREFIX = "__param_";

  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9._-]+");
  private static final Pattern BRACKETED_IPV6 =
      Pattern.compile("\\[[0-9A-Fa-f:.]+(%[A-Za-z0-9._-]+)?]");

  public StaticConfig {
    targets = targets == null ? List.of() : List.copyOf(targets);
    targets.forEach(StaticConfig::requireHostPort);
    Map<String, String> withCluster = new LinkedHashMap<>();
    if (labels != null) {
      labels.forEach(StaticConfig::requireLabel);
      withCluster.putAll(labels);
    }
    withCluster.putIfAbsent(CLUSTER_LABEL, DEFAULT_CLUSTER);
    labels = Collections.unmodifiableMap(withCluster);
  }

  public static StaticConfig defaults() {
    return new StaticConfig(null, null);
  }

  public String cluster() {
    return labels.get(CLUSTER_LABEL);
  }

  private static void requireHostPort(String target) {
    if (target == null) {
      throw new IllegalArgumentException("a target is empty");
    }
    int colon = target.lastIndexOf(':');
    String host = colon < 0 ? "" : target.substring(0, colon);
    String port = colon < 0 ? "" : target.substring(colon + 1);
    boolean validHost = HOST_NAME.matcher(host).matches() || BRACKETED_IPV6.matcher(host).matches();
    if (!validHost || !validPort(port)) {
      throw new IllegalArgumentException(
          "target \"" + target + "\" is not host:port (IPv6 hosts in brackets)");
    }
  }

  private static boolean validPort(String port) {
    if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return false;
    }
    int value = Integer.parseInt(port);
    return value >= 1 && value <= 65_535;
  }

  private static void requireLabel(String name, String value) {
    if (name == null || !LABEL_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("label name \"" + name + "\" is not a valid label name");
    }
    if (value == null || (name.equals(CLUSTER_LABEL) && value.isBlank())) {
      throw new IllegalArgumentException("label \"" + name + "\" has no value");
    }
    if (name.equals(SCHEME_LABEL) && !value.equals("http") && !value.equals("https")) {
      throw new IllegalArgumentException(
          "label " + SCHEME_LABEL + " \"" + value + "\" must be http or https");
    }
    if (name.equals(METRICS_PATH_LABEL) && !value.startsWith("/")) {
      throw new IllegalArgumentException(
          "label " + METRICS_PATH_LABEL + " \"" + value + "\" must start with /");
    }
  }
}
