package io.fleetpulse.collector.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fixed list of {@code host:port} targets sharing the same labels, as in Prometheus'
 * {@code static_configs}. Every target belongs to a cluster: the {@code cluster} label, "default"
 * when absent.
 */
public record StaticConfig(List<String> targets, Map<String, String> labels) {

  public static final String CLUSTER_LABEL = "cluster";
  public static final String DEFAULT_CLUSTER = "default";

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
      throw new IllegalArgumentException("static_configs target must not be null");
    }
    int colon = target.lastIndexOf(':');
    String host = colon < 0 ? "" : target.substring(0, colon);
    String port = colon < 0 ? "" : target.substring(colon + 1);
    boolean bareIpv6 = host.indexOf(':') >= 0 && !(host.startsWith("[") && host.endsWith("]"));
    if (host.isEmpty() || bareIpv6 || host.chars().anyMatch(c -> c == '/' || Character.isWhitespace(c))
        || !validPort(port)) {
      throw new IllegalArgumentException(
          "static_configs target \"" + target + "\" is not host:port (IPv6 hosts in brackets)");
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
    if (name == null || !name.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
      throw new IllegalArgumentException("static_configs label name \"" + name + "\" is not a valid label name");
    }
    if (value == null || (name.equals(CLUSTER_LABEL) && value.isBlank())) {
      throw new IllegalArgumentException("static_configs label \"" + name + "\" has no value");
    }
  }
}
