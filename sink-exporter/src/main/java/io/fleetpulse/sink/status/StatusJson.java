package io.fleetpulse.sink.status;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.LatencyQuantile;
import io.fleetpulse.schemas.Signal;
import io.fleetpulse.schemas.SignalState;
import io.fleetpulse.schemas.contract.Scope;
import io.fleetpulse.sink.SeriesKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of {@code GET /api/v1/status}: the latest windows above node scope, the pending and
 * firing signals, and each series' chart points. A window and a signal are written the same way
 * wherever they appear, so a history endpoint ({@code /api/v1/windows}) can answer with the same
 * window objects. Field names are those of the Avro records; a value the window does not have is
 * null, never zero.
 */
final class StatusJson {

  static final int VERSION = 1;

  private static final JsonFactory JSON = JsonFactory.builder().build();

  private StatusJson() {}

  static byte[] write(
      Instant now,
      Duration staleAfter,
      Collection<FleetWindow> windows,
      Collection<Signal> signals,
      Map<SeriesKey, List<HistoryPoint>> history) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeNumberField("version", VERSION);
      json.writeNumberField("generated_ms", now.toEpochMilli());
      json.writeNumberField("stale_after_seconds", staleAfter.toSeconds());
      json.writeNumberField("history_seconds", WindowHistory.SPAN.toSeconds());
      json.writeArrayFieldStart("windows");
      for (FleetWindow window : windows) {
        if (!Scope.NODE.label().equals(window.getScope())) {
          window(json, window);
        }
      }
      json.writeEndArray();
      json.writeArrayFieldStart("signals");
      for (Signal signal : signals) {
        if (signal.getState() == SignalState.FIRING || signal.getState() == SignalState.PENDING) {
          signal(json, signal);
        }
      }
      json.writeEndArray();
      json.writeArrayFieldStart("history");
      for (Map.Entry<SeriesKey, List<HistoryPoint>> series : history.entrySet()) {
        history(json, series.getKey(), series.getValue());
      }
      json.writeEndArray();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing the status JSON to memory failed", e);
    }
    return out.toByteArray();
  }

  static void window(JsonGenerator json, FleetWindow window) throws IOException {
    json.writeStartObject();
    json.writeStringField("scope", window.getScope());
    nullableString(json, "cluster", window.getCluster());
    nullableString(json, "model", window.getModel());
    nullableString(json, "node", window.getNode());
    nullableString(json, "engine", window.getEngine());
    json.writeStringField("window", window.getWindow());
    json.writeNumberField("window_start_ms", window.getWindowStartMs().toEpochMilli());
    json.writeNumberField("window_end_ms", window.getWindowEndMs().toEpochMilli());
    number(json, "observed_ratio", window.getObservedRatio());
    number(json, "generation_tokens_per_second", window.getGenerationTokensPerSecond());
    number(json, "prompt_tokens_per_second", window.getPromptTokensPerSecond());
    number(json, "generation_tokens", window.getGenerationTokens());
    number(json, "prompt_tokens", window.getPromptTokens());
    number(json, "requests_running_sum", window.getRequestsRunningSum());
    number(json, "requests_running_max", window.getRequestsRunningMax());
    number(json, "requests_waiting_sum", window.getRequestsWaitingSum());
    number(json, "requests_waiting_max", window.getRequestsWaitingMax());
    number(json, "kv_cache_usage_mean", window.getKvCacheUsageMean());
    number(json, "kv_cache_usage_max", window.getKvCacheUsageMax());
    number(json, "kv_cache_usage_p90", window.getKvCacheUsageP90());
    json.writeNumberField("nodes_up", window.getNodesUp());
    json.writeNumberField("nodes_down", window.getNodesDown());
    json.writeFieldName("requests_per_second");
    if (window.getRequestsPerSecond() == null) {
      json.writeNull();
    } else {
      json.writeStartObject();
      for (Map.Entry<String, Double> outcome : window.getRequestsPerSecond().entrySet()) {
        number(json, outcome.getKey(), outcome.getValue());
      }
      json.writeEndObject();
    }
    number(json, "preemptions_per_second", window.getPreemptionsPerSecond());
    number(json, "prefix_cache_hit_ratio", window.getPrefixCacheHitRatio());
    number(
        json, "generation_compute_seconds_per_token", window.getGenerationComputeSecondsPerToken());
    latency(json, window.getLatency());
    json.writeEndObject();
  }

  /**
   * {@code "latency": {family: {source: {quantile: seconds}}}}, e.g. {@code
   * latency.queue_time.histogram["0.99"]}.
   */
  private static void latency(JsonGenerator json, List<LatencyQuantile> quantiles)
      throws IOException {
    Map<String, Map<String, Map<String, Double>>> byFamily = new LinkedHashMap<>();
    for (LatencyQuantile quantile : quantiles) {
      if (!Double.isNaN(quantile.getValue())) {
        byFamily
            .computeIfAbsent(quantile.getFamily(), f -> new LinkedHashMap<>())
            .computeIfAbsent(quantile.getSource(), s -> new LinkedHashMap<>())
            .putIfAbsent(Double.toString(quantile.getQuantile()), quantile.getValue());
      }
    }
    json.writeObjectFieldStart("latency");
    for (Map.Entry<String, Map<String, Map<String, Double>>> family : byFamily.entrySet()) {
      json.writeObjectFieldStart(family.getKey());
      for (Map.Entry<String, Map<String, Double>> source : family.getValue().entrySet()) {
        json.writeObjectFieldStart(source.getKey());
        for (Map.Entry<String, Double> quantile : source.getValue().entrySet()) {
          number(json, quantile.getKey(), quantile.getValue());
        }
        json.writeEndObject();
      }
      json.writeEndObject();
    }
    json.writeEndObject();
  }

  static void signal(JsonGenerator json, Signal signal) throws IOException {
    json.writeStartObject();
    json.writeStringField("signal", signal.getSignal());
    json.writeStringField("scope", signal.getScope());
    nullableString(json, "cluster", signal.getCluster());
    nullableString(json, "model", signal.getModel());
    nullableString(json, "node", signal.getNode());
    json.writeStringField("state", signal.getState().name().toLowerCase(java.util.Locale.ROOT));
    json.writeStringField("severity", signal.getSeverity());
    number(json, "value", signal.getValue());
    number(json, "threshold", signal.getThreshold());
    json.writeNumberField("started_ms", signal.getStartedMs().toEpochMilli());
    json.writeNumberField("updated_ms", signal.getUpdatedMs().toEpochMilli());
    number(json, "seconds_to_exhaustion", signal.getSecondsToExhaustion());
    nullableString(json, "reason", signal.getReason());
    json.writeEndObject();
  }

  private static void history(JsonGenerator json, SeriesKey key, List<HistoryPoint> points)
      throws IOException {
    json.writeStartObject();
    json.writeStringField("scope", key.scope().label());
    List<String> names = key.scope().labelNames();
    for (int i = 0; i < names.size(); i++) {
      json.writeStringField(names.get(i), key.labelValues().get(i));
    }
    json.writeStringField("window", key.window());
    json.writeArrayFieldStart("points");
    for (HistoryPoint point : points) {
      json.writeStartObject();
      json.writeNumberField("window_end_ms", point.end().toEpochMilli());
      number(json, "generation_tokens_per_second", point.generationTokensPerSecond());
      number(json, "time_to_first_token_p99_seconds", point.timeToFirstTokenP99());
      number(json, "kv_cache_usage_max", point.kvCacheUsageMax());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  /** JSON has no NaN or infinity: those are written as null, like an absent value. */
  private static void number(JsonGenerator json, String name, Double value) throws IOException {
    if (value == null || value.isNaN() || value.isInfinite()) {
      json.writeNullField(name);
    } else {
      json.writeNumberField(name, value);
    }
  }

  private static void nullableString(JsonGenerator json, String name, String value)
      throws IOException {
    if (value == null) {
      json.writeNullField(name);
    } else {
      json.writeStringField(name, value);
    }
  }
}
