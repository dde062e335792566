package io.fleetpulse.cli.pipelinebench;

import io.fleetpulse.schemas.PrometheusDuration;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prometheus recording rules for the aggregates the streams app computes from vLLM scrapes, so that
 * Prometheus does the same work beside it: for every scope (fleet, cluster, model, cluster and
 * model, node) and window size, the token and finished-request rates, the running and waiting
 * requests (sum and max), KV-cache usage (mean, max, p90 across nodes), nodes up and down,
 * preemptions, the prefix-cache hit ratio, and the p50/p90/p95/p99 of the four latency histograms.
 * One rule group per window size, evaluated once per window, as the windows tumble.
 */
public final class RecordingRules {

  private static final Map<String, String> SCOPES = new LinkedHashMap<>();

  static {
    SCOPES.put("fleet", "");
    SCOPES.put("cluster", "cluster");
    SCOPES.put("model", "model");
    SCOPES.put("cluster_model", "cluster, model");
    SCOPES.put("node", "cluster, model, instance");
  }

  private static final List<String> COUNTERS =
      List.of(
          "vllm:generation_tokens_total", "vllm:prompt_tokens_total", "vllm:num_preemptions_total");
  private static final List<String> HISTOGRAMS =
      List.of(
          "vllm:time_to_first_token_seconds",
          "vllm:inter_token_latency_seconds",
          "vllm:e2e_request_latency_seconds",
          "vllm:request_queue_time_seconds");
  private static final List<String> QUANTILES = List.of("0.5", "0.9", "0.95", "0.99");

  private RecordingRules() {}

  /** The rules file, in Prometheus' YAML format, for these window sizes. */
  public static String yaml(List<Duration> windows) {
    StringBuilder out = new StringBuilder("groups:\n");
    for (Duration window : windows) {
      String range = PrometheusDuration.format(window);
      out.append("  - name: fleetpulse-")
          .append(range)
          .append("\n    interval: ")
          .append(range)
          .append("\n    rules:\n");
      SCOPES.forEach((scope, labels) -> scopeRules(out, scope, labels, range, window.toSeconds()));
    }
    return out.toString();
  }

  /** How many rules {@link #yaml} writes for this many window sizes. */
  public static int count(int windows) {
    int perScope = COUNTERS.size() + 1 + 4 + 3 + 2 + 1 + HISTOGRAMS.size() * QUANTILES.size();
    return windows * SCOPES.size() * perScope;
  }

  private static void scopeRules(
      StringBuilder out, String scope, String labels, String range, long seconds) {
    String by = labels.isEmpty() ? "" : " by (" + labels + ")";
    String prefix = scope + "_" + range + ":";
    for (String counter : COUNTERS) {
      String name = counter.substring("vllm:".length()).replace("_total", "");
      rule(
          out,
          prefix + name + ":rate",
          "sum" + by + " (increase(" + counter + "[" + range + "])) / " + seconds);
    }
    rule(
        out,
        prefix + "requests:rate",
        "sum by ("
            + (labels.isEmpty() ? "" : labels + ", ")
            + "finished_reason) (increase(vllm:request_success_total["
            + range
            + "])) / "
            + seconds);
    for (String gauge : List.of("vllm:num_requests_running", "vllm:num_requests_waiting")) {
      String name = gauge.substring("vllm:".length());
      rule(
          out,
          prefix + name + ":sum",
          "sum" + by + " (avg_over_time(" + gauge + "[" + range + "]))");
      rule(
          out,
          prefix + name + ":max",
          "max" + by + " (max_over_time(" + gauge + "[" + range + "]))");
    }
    String kv = "vllm:kv_cache_usage_perc[" + range + "]";
    rule(out, prefix + "kv_cache_usage:mean", "avg" + by + " (avg_over_time(" + kv + "))");
    rule(out, prefix + "kv_cache_usage:max", "max" + by + " (max_over_time(" + kv + "))");
    rule(out, prefix + "kv_cache_usage:p90", "quantile" + by + " (0.9, avg_over_time(" + kv + "))");
    rule(
        out, prefix + "nodes_up", "sum" + by + " (max_over_time(up{job=\"vllm\"}[" + range + "]))");
    rule(
        out,
        prefix + "nodes_down",
        "sum" + by + " (1 - min_over_time(up{job=\"vllm\"}[" + range + "]))");
    rule(
        out,
        prefix + "prefix_cache_hit_ratio",
        "sum"
            + by
            + " (increase(vllm:prefix_cache_hits_total["
            + range
            + "])) / sum"
            + by
            + " (increase(vllm:prefix_cache_queries_total["
            + range
            + "]))");
    for (String histogram : HISTOGRAMS) {
      String name = histogram.substring("vllm:".length());
      for (String q : QUANTILES) {
        rule(
            out,
            prefix + name + ":p" + Math.round(Double.parseDouble(q) * 100),
            "histogram_quantile("
                + q
                + ", sum by ("
                + (labels.isEmpty() ? "" : labels + ", ")
                + "le) (increase("
                + histogram
                + "_bucket["
                + range
                + "])))");
      }
    }
  }

  private static void rule(StringBuilder out, String record, String expr) {
    out.append("      - record: ")
        .append(record)
        .append("\n        expr: '")
        .append(expr.replace("'", "''"))
        .append("'\n");
  }
}
