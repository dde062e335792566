package io.fleetpulse.sink.history;

import io.fleetpulse.schemas.Topics;
import io.fleetpulse.schemas.contract.Scope;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parameters of {@code GET /api/v1/windows}: {@code scope} (fleet, cluster, model or
 * cluster_model), the labels it implies ({@code cluster}, {@code model}) and no others, {@code
 * tier} (1m, 1h, 1d; default 1h), and {@code since} and {@code until} as epoch milliseconds or
 * instants (default: everything kept, up to now). Windows that start in [since, until) are asked
 * for.
 */
public record WindowsQuery(
    String tier, Scope scope, String cluster, String model, long sinceMs, long untilMs) {

  static final String DEFAULT_TIER = "1h";
  private static final Set<String> PARAMETERS =
      Set.of("scope", "cluster", "model", "tier", "since", "until");

  /** The series key, as the tiers key their windows. */
  public String seriesKey() {
    return scope.key(cluster, model, null);
  }

  /**
   * @throws BadParameter naming the first parameter that is wrong
   */
  public static WindowsQuery parse(String rawQuery, Instant now) {
    Map<String, String> values = values(rawQuery);
    String scopeLabel = values.get("scope");
    if (scopeLabel == null) {
      throw new BadParameter("scope", "required: fleet, cluster, model or cluster_model");
    }
    Scope scope;
    try {
      scope = Scope.fromLabel(scopeLabel);
    } catch (IllegalArgumentException e) {
      throw new BadParameter("scope", e.getMessage());
    }
    if (scope == Scope.NODE) {
      throw new BadParameter("scope", "node-scope windows are not kept; use cluster_model");
    }
    String cluster = label(values, "cluster", scope.byCluster(), scope);
    String model = label(values, "model", scope.byModel(), scope);
    String tier = values.getOrDefault("tier", DEFAULT_TIER);
    if (!Topics.ROLLUP_TIERS.contains(tier)) {
      throw new BadParameter("tier", "'" + tier + "' is not one of " + Topics.ROLLUP_TIERS);
    }
    long since = time(values, "since", 0);
    long until = time(values, "until", now.toEpochMilli());
    if (since >= until) {
      throw new BadParameter("since", "must be before until (" + Instant.ofEpochMilli(until) + ")");
    }
    return new WindowsQuery(tier, scope, cluster, model, since, until);
  }

  private static Map<String, String> values(String rawQuery) {
    Map<String, String> values = new HashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return values;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      if (!PARAMETERS.contains(name)) {
        throw new BadParameter(
            name,
            "unknown parameter; known are " + List.copyOf(new java.util.TreeSet<>(PARAMETERS)));
      }
      if (values.put(name, value) != null) {
        throw new BadParameter(name, "given more than once");
      }
    }
    return values;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new BadParameter(text, "not URL-encoded properly");
    }
  }

  private static String label(
      Map<String, String> values, String name, boolean implied, Scope scope) {
    String value = values.get(name);
    if (implied && (value == null || value.isEmpty())) {
      throw new BadParameter(name, "required with scope " + scope.label());
    }
    if (!implied && value != null) {
      throw new BadParameter(name, "not a label of scope " + scope.label());
    }
    return value;
  }

  private static long time(Map<String, String> values, String name, long fallback) {
    String value = values.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException notMillis) {
      try {
        return Instant.parse(value).toEpochMilli();
      } catch (DateTimeParseException notAnInstant) {
        throw new BadParameter(
            name,
            "'"
                + value
                + "' is neither epoch milliseconds nor an instant such as 2026-01-01T00:00:00Z");
      }
    }
  }
}
