package io.fleetpulse.cli.evaluate;

import io.fleetpulse.schemas.Histogram;
import io.fleetpulse.schemas.MetricFamily;
import io.fleetpulse.schemas.Scrape;
import io.fleetpulse.streams.histogram.BucketQuantile;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The alerts a team has without FleetPulse, evaluated over the same scraped series: llm-d's static
 * vLLM rules and the {@code predict_linear} rule people write for KV cache, with Prometheus'
 * semantics (each raw series on its own, a {@code for} clock per series, evaluated at every scrape
 * so the baselines get their earliest possible fire).
 */
public final class UpstreamBaselines {

  public static final String KV_HIGH = "llm-d: vllm:kv_cache_usage_perc > 0.90 for 10m";
  public static final String WAITING_HIGH = "llm-d: vllm:num_requests_waiting > 50 for 5m";
  public static final String TTFT_P99_HIGH =
      "llm-d: histogram_quantile(0.99, rate(vllm:time_to_first_token_seconds_bucket[5m])) > 10 for 10m";
  public static final String KV_PREDICT = "predict_linear(vllm:kv_cache_usage_perc[5m], 300) > 1";

  private static final List<String> KV_FAMILIES =
      List.of("vllm:kv_cache_usage_perc", "vllm:gpu_cache_usage_perc");
  private static final String WAITING_FAMILY = "vllm:num_requests_waiting";
  private static final String TTFT_FAMILY = "vllm:time_to_first_token_seconds";
  private static final long RANGE_MS = 5 * 60_000L;
  private static final double PREDICT_AHEAD_SECONDS = 300;

  private final Map<String, ForDuration> rules = new LinkedHashMap<>();
  private final Map<String, Deque<Point>> kvHistory = new HashMap<>();
  private final Map<String, Deque<HistogramPoint>> ttftHistory = new HashMap<>();
  private final KnownSeries knownKv = new KnownSeries();
  private final KnownSeries knownWaiting = new KnownSeries();
  private final KnownSeries knownTtft = new KnownSeries();

  public UpstreamBaselines() {
    rules.put(KV_HIGH, new ForDuration(KV_HIGH, 10 * 60_000L));
    rules.put(WAITING_HIGH, new ForDuration(WAITING_HIGH, 5 * 60_000L));
    rules.put(TTFT_P99_HIGH, new ForDuration(TTFT_P99_HIGH, 10 * 60_000L));
    rules.put(KV_PREDICT, new ForDuration(KV_PREDICT, 0));
  }

  /**
   * One scrape; each node's scrapes must come in time order. A failed scrape leaves its series
   * absent.
   */
  public void accept(Scrape scrape) {
    long at = scrape.getTimestampMs().toEpochMilli();
    String node = "node/" + scrape.getCluster() + "/" + scrape.getInstance();
    Map<String, Double> kv = new TreeMap<>();
    Map<String, Double> waiting = new TreeMap<>();
    Map<String, Histogram> ttft = new TreeMap<>();
    for (MetricFamily family : scrape.getFamilies()) {
      String name = family.getName();
      if (KV_FAMILIES.contains(name)) {
        family
            .getSamples()
            .forEach(sample -> kv.put(seriesOf(node, sample.getLabels()), sample.getValue()));
      } else if (WAITING_FAMILY.equals(name)) {
        family
            .getSamples()
            .forEach(sample -> waiting.put(seriesOf(node, sample.getLabels()), sample.getValue()));
      } else if (TTFT_FAMILY.equals(name)) {
        family.getHistograms().forEach(h -> ttft.put(seriesOf(node, h.getLabels()), h));
      }
    }
    evaluateGauges(node, at, kv, waiting);
    evaluateTtft(node, at, ttft);
  }

  private void evaluateGauges(
      String node, long at, Map<String, Double> kv, Map<String, Double> waiting) {
    knownKv
        .seenNow(node, kv.keySet())
        .forEach(
            series -> {
              Double value = kv.get(series);
              rules.get(KV_HIGH).evaluate(series, at, value != null && value > 0.90);
              Deque<Point> history = kvHistory.computeIfAbsent(series, s -> new ArrayDeque<>());
              if (value == null) {
                history.clear();
                rules.get(KV_PREDICT).evaluate(series, at, false);
                return;
              }
              history.addLast(new Point(at, value));
              while (history.peekFirst().atMs() <= at - RANGE_MS) {
                history.removeFirst();
              }
              rules
                  .get(KV_PREDICT)
                  .evaluate(series, at, predictLinear(history, at, PREDICT_AHEAD_SECONDS) > 1);
            });
    knownWaiting
        .seenNow(node, waiting.keySet())
        .forEach(
            series -> {
              Double value = waiting.get(series);
              rules.get(WAITING_HIGH).evaluate(series, at, value != null && value > 50);
            });
  }

  private void evaluateTtft(String node, long at, Map<String, Histogram> ttft) {
    knownTtft
        .seenNow(node, ttft.keySet())
        .forEach(
            series -> {
              Histogram now = ttft.get(series);
              Deque<HistogramPoint> history =
                  ttftHistory.computeIfAbsent(series, s -> new ArrayDeque<>());
              if (now == null) {
                history.clear();
                rules.get(TTFT_P99_HIGH).evaluate(series, at, false);
                return;
              }
              history.addLast(new HistogramPoint(at, now));
              while (history.peekFirst().atMs() < at - RANGE_MS) {
                history.removeFirst();
              }
              double p99 = quantileOfIncrease(0.99, history.peekFirst().histogram(), now);
              rules.get(TTFT_P99_HIGH).evaluate(series, at, p99 > 10);
            });
  }

  /** Episodes of every rule, by rule name in the order above. */
  public Map<String, List<FiringEpisode>> episodes() {
    Map<String, List<FiringEpisode>> all = new LinkedHashMap<>();
    rules.forEach((name, rule) -> all.put(name, rule.episodes()));
    return all;
  }

  /**
   * PromQL's {@code predict_linear(v[range], ahead)}: the least-squares line through the range's
   * samples, taken at the evaluation time and extended {@code aheadSeconds}; NaN with fewer than
   * two samples.
   */
  static double predictLinear(Deque<Point> points, long atMs, double aheadSeconds) {
    if (points.size() < 2) {
      return Double.NaN;
    }
    double n = points.size();
    double sumX = 0;
    double sumY = 0;
    double sumXy = 0;
    double sumXx = 0;
    for (Point point : points) {
      double x = (point.atMs() - atMs) / 1000.0;
      sumX += x;
      sumY += point.value();
      sumXy += x * point.value();
      sumXx += x * x;
    }
    double denominator = n * sumXx - sumX * sumX;
    if (denominator == 0) {
      return Double.NaN;
    }
    double slope = (n * sumXy - sumX * sumY) / denominator;
    double interceptAtNow = (sumY - slope * sumX) / n;
    return interceptAtNow + slope * aheadSeconds;
  }

  /**
   * histogram_quantile over the increase from {@code then} to {@code now}, a reset counting {@code
   * now}.
   */
  static double quantileOfIncrease(double q, Histogram then, Histogram now) {
    List<Double> increase = new ArrayList<>(now.getCumulativeCounts().size());
    boolean sameLayout = then.getBounds().equals(now.getBounds());
    boolean reset = !sameLayout || now.getCount() < then.getCount();
    for (int i = 0; i < now.getCumulativeCounts().size(); i++) {
      double current = now.getCumulativeCounts().get(i);
      increase.add(reset ? current : current - then.getCumulativeCounts().get(i));
    }
    return BucketQuantile.of(q, now.getBounds(), increase);
  }

  private static String seriesOf(String node, Map<String, String> labels) {
    return node + new TreeMap<>(labels);
  }

  record Point(long atMs, double value) {}

  /**
   * The series each node has shown, so that one gone from a scrape (a failed scrape, a restarted
   * server) is evaluated as absent, which ends its rule's episode as Prometheus would.
   */
  private static final class KnownSeries {

    private final Map<String, Set<String>> byNode = new HashMap<>();

    /** This scrape's series of {@code node} and every one it showed before, in a stable order. */
    Set<String> seenNow(String node, Set<String> present) {
      Set<String> known = byNode.computeIfAbsent(node, n -> new TreeSet<>());
      known.addAll(present);
      return known;
    }
  }

  private record HistogramPoint(long atMs, Histogram histogram) {}
}
