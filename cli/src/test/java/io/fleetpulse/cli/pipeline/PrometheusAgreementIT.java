package io.fleetpulse.cli.pipeline;

import static io.fleetpulse.cli.pipeline.DemoPipelineIT.with;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.fleetpulse.cli.config.ConfigLoader;
import io.fleetpulse.cli.config.FleetPulseConfig;
import io.fleetpulse.cli.external.PrometheusProcess;
import io.fleetpulse.cli.testing.CollectorYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * FleetPulse against the real Prometheus, both scraping the same two vLLM-format servers every
 * second, compared over the same 10 s windows: the cluster's generation tokens/s against {@code
 * sum(increase(vllm:generation_tokens_total[10s])) / 10}, and its bucket-derived TTFT p99 against
 * {@code histogram_quantile(0.99, sum by (le)
 * (increase(vllm:time_to_first_token_seconds_bucket[10s])))}, each evaluated at the window's end.
 *
 * <p><b>Rate tolerance.</b> The served counters grow linearly at a known total rate R, so the only
 * error either system makes is the delay d between the timestamp a scraper puts on a sample (when
 * the scrape starts; Prometheus may also align it by up to 2 ms) and the instant the server renders
 * the value, at most {@value #MAX_RENDER_DELAY_MS} ms on loopback even on a loaded CI machine.
 * FleetPulse's window total is the difference of two linear interpolations between samples, each
 * off by at most R·d: its rate is off by at most R·d/w. Prometheus' increase() is (last −
 * first)·w/(t_last − t_first) when both the first and the last sample lie within 1.1 average scrape
 * intervals of the range's ends (else it extrapolates only half an interval; Prometheus scrapes on
 * a fixed schedule, so this holds in every window where it took all ten scrapes, which is checked
 * and a window where it did not is passed over): off by at most R·d/(t_last − t_first), with t_last
 * − t_first ≥ w − 2·1.1·interval. So |FleetPulse − Prometheus| ≤ R·d·(1/w + 1/(w − 2.2·interval)),
 * 2.3% of R here, and each is checked against R with its own share of that bound.
 *
 * <p><b>Quantile equality.</b> TTFT observations arrive only at fixed instants 3.5 s and 6.5 s into
 * a window, and in each window at one server only. Every FleetPulse scrape interval holding an
 * observation then lies wholly inside one window, so its window holds exactly the batches' counts;
 * Prometheus sees the same counts multiplied by the one extrapolation factor of that server's
 * scrapes (every bucket starts from 1000, so no bucket's extrapolation is cut at an estimated zero
 * point). histogram_quantile depends on count ratios only, and 0.99 of the window's 46 observations
 * is no whole count, so no rounding can move the answer across a bucket boundary: the two p99s must
 * agree to 1e-9.
 */
class PrometheusAgreementIT {

  private static final long WINDOW_MS = 10_000;
  private static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(1);
  private static final Duration SCRAPE_TIMEOUT = Duration.ofMillis(800);
  private static final long MAX_RENDER_DELAY_MS = 100;
  private static final int WINDOWS_TO_COMPARE = 3;
  private static final Duration LIMIT = Duration.ofSeconds(90);
  private static final String CLUSTER = "us-east";
  private static final String PROMETHEUS_RATE =
      "sum(increase(vllm:generation_tokens_total[10s])) / 10";
  private static final String PROMETHEUS_P99 =
      "histogram_quantile(0.99, sum by (le) (increase(vllm:time_to_first_token_seconds_bucket[10s])))";
  private static final String PROMETHEUS_FEWEST_SAMPLES =
      "min(count_over_time(vllm:generation_tokens_total[10s]))";

  @TempDir Path dir;

  @Test
  void clusterTokenRateAndHistogramP99AgreeWithPrometheusOverTheSameWindows() throws Exception {
    try (KnownSeriesServer first = new KnownSeriesServer(1000, 3000, 0, 2, WINDOW_MS);
        KnownSeriesServer second = new KnownSeriesServer(250, 500, 1, 2, WINDOW_MS);
        PrometheusProcess prometheus =
            PrometheusProcess.start(
                dir.resolve("prometheus"),
                SCRAPE_INTERVAL,
                SCRAPE_TIMEOUT,
                List.of(first.target(), second.target()),
                CLUSTER);
        Pipeline pipeline = Pipeline.start(config(first, second), Component.all())) {
      double trueRate = first.generationPerSecond() + second.generationPerSecond();
      // Both scrapers must have sampled each server before the window starts.
      long coveredFrom = System.currentTimeMillis() + 2 * SCRAPE_INTERVAL.toMillis();
      List<Comparison> compared =
          compareWindows(pipeline.sink().orElseThrow().port(), prometheus, coveredFrom);
      compared.forEach(c -> System.out.println(c.describe(trueRate)));
      assertAgreement(compared, trueRate);
    }
  }

  /**
   * One window as both systems saw it; FleetPulse's p99 is empty while the sink does not export it.
   */
  private record Comparison(
      long windowEndMs,
      double fleetPulseRate,
      double prometheusRate,
      Optional<Double> fleetPulseP99,
      double prometheusP99) {

    String describe(double trueRate) {
      return String.format(
          Locale.ROOT,
          "window ending %d: tokens/s true %.3f, FleetPulse %.4f (%+.4f%%), Prometheus %.4f (%+.4f%%), "
              + "difference %.4f%% of true; p99 FleetPulse %s, Prometheus %.12f",
          windowEndMs,
          trueRate,
          fleetPulseRate,
          100 * (fleetPulseRate - trueRate) / trueRate,
          prometheusRate,
          100 * (prometheusRate - trueRate) / trueRate,
          100 * Math.abs(fleetPulseRate - prometheusRate) / trueRate,
          fleetPulseP99
              .map(v -> String.format(Locale.ROOT, "%.12f (difference %.1e)", v, v - prometheusP99))
              .orElse("not exported"),
          prometheusP99);
    }
  }

  private static void assertAgreement(List<Comparison> compared, double trueRate) {
    double delayS = MAX_RENDER_DELAY_MS / 1000.0;
    double windowS = WINDOW_MS / 1000.0;
    double fleetPulseBound = trueRate * delayS / windowS;
    double prometheusBound =
        trueRate * delayS / (windowS - 2.2 * SCRAPE_INTERVAL.toMillis() / 1000.0);
    List<Executable> checks = new ArrayList<>();
    for (Comparison c : compared) {
      String window = "window ending " + c.windowEndMs();
      checks.add(
          () ->
              assertEquals(
                  c.prometheusRate(),
                  c.fleetPulseRate(),
                  fleetPulseBound + prometheusBound,
                  window + ": FleetPulse's generation tokens/s against Prometheus' increase()/10"));
      checks.add(
          () ->
              assertEquals(
                  trueRate,
                  c.fleetPulseRate(),
                  fleetPulseBound,
                  window + ": FleetPulse's generation tokens/s against the served rate"));
      checks.add(
          () ->
              assertEquals(
                  trueRate,
                  c.prometheusRate(),
                  prometheusBound,
                  window + ": Prometheus' increase()/10 against the served rate"));
      checks.add(
          () -> {
            assertTrue(
                c.prometheusP99() > 0.02 && c.prometheusP99() <= 5.0,
                window
                    + ": Prometheus' p99 should fall inside the served observations' buckets, got "
                    + c.prometheusP99());
            double fleetPulseP99 =
                c.fleetPulseP99()
                    .orElseThrow(
                        () ->
                            new AssertionError(
                                window
                                    + ": the sink exports no fleetpulse_time_to_first_token_seconds{quantile=\"0.99\",source=\"histogram\","
                                    + "scope=\"cluster\",cluster=\""
                                    + CLUSTER
                                    + "\",window=\"10s\"} for this window, for which "
                                    + "Prometheus says "
                                    + c.prometheusP99()));
            assertEquals(
                c.prometheusP99(),
                fleetPulseP99,
                1e-9,
                window + ": FleetPulse's TTFT p99 against Prometheus' histogram_quantile");
          });
    }
    assertAll(checks);
  }

  /**
   * Reads the sink until {@link #WINDOWS_TO_COMPARE} windows starting at or after {@code
   * coveredFrom} have been seen and asks Prometheus about each at its end. A window in which
   * Prometheus missed a scrape is passed over: the rate bound assumes it did not (see the class
   * comment).
   */
  private static List<Comparison> compareWindows(
      int sinkPort, PrometheusProcess prometheus, long coveredFrom) throws Exception {
    Map<String, String> cluster = Map.of("scope", "cluster", "cluster", CLUSTER, "window", "10s");
    List<Comparison> compared = new ArrayList<>();
    List<Long> passedOver = new ArrayList<>();
    long lastSeenEnd = 0;
    long deadline = System.currentTimeMillis() + LIMIT.toMillis();
    while (compared.size() < WINDOWS_TO_COMPARE) {
      if (System.currentTimeMillis() > deadline) {
        fail(
            "only "
                + compared.size()
                + " of "
                + WINDOWS_TO_COMPARE
                + " comparable windows within "
                + LIMIT
                + " (passed over for missed Prometheus scrapes: "
                + passedOver
                + ")\nPrometheus log:\n"
                + prometheus.logText());
      }
      SinkPage page = SinkPage.fetch(sinkPort);
      Optional<Double> end = page.value("fleetpulse_window_end_timestamp_seconds", cluster);
      Optional<Double> rate =
          page.value("fleetpulse_tokens_per_second", with(cluster, "direction", "generation"));
      long endMs = end.map(e -> Math.round(e * 1000)).orElse(0L);
      if (rate.isEmpty() || endMs == lastSeenEnd || endMs - WINDOW_MS < coveredFrom) {
        Thread.sleep(250);
        continue;
      }
      lastSeenEnd = endMs;
      Optional<Double> p99 =
          page.value(
              "fleetpulse_time_to_first_token_seconds",
              with(with(cluster, "quantile", "0.99"), "source", "histogram"));
      double fewestSamples = required(prometheus, PROMETHEUS_FEWEST_SAMPLES, endMs);
      if (fewestSamples < WINDOW_MS / SCRAPE_INTERVAL.toMillis()) {
        passedOver.add(endMs);
        continue;
      }
      compared.add(
          new Comparison(
              endMs,
              rate.get(),
              required(prometheus, PROMETHEUS_RATE, endMs),
              p99,
              required(prometheus, PROMETHEUS_P99, endMs)));
    }
    return compared;
  }

  private static double required(PrometheusProcess prometheus, String promql, long timeMs)
      throws Exception {
    OptionalDouble value = prometheus.query(promql, timeMs);
    if (value.isEmpty()) {
      fail(
          "Prometheus has no result for "
              + promql
              + " at "
              + timeMs
              + "\nPrometheus log:\n"
              + prometheus.logText());
    }
    return value.getAsDouble();
  }

  private FleetPulseConfig config(KnownSeriesServer first, KnownSeriesServer second)
      throws Exception {
    Path configFile = dir.resolve("fleetpulse.yml");
    Files.writeString(
        configFile,
        """
        kafka:
          bootstrap_servers: ""
          data_dir: %s
          partitions: 2
        %s
        streams:
          windows: [10s]
          grace: 8s
          state_dir: %s
        sink:
          listen: 127.0.0.1:0
        """
            .formatted(
                dir.resolve("kafka"),
                CollectorYaml.scraping(Map.of(CLUSTER, List.of(first.target(), second.target()))),
                dir.resolve("state")));
    return new ConfigLoader().load(configFile, Map.of());
  }
}
