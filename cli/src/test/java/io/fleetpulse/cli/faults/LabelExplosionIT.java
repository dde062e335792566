package io.fleetpulse.cli.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.cli.broker.EmbeddedKafkaBroker;
import io.fleetpulse.cli.config.ConfigLoader;
import io.fleetpulse.cli.pipeline.Component;
import io.fleetpulse.cli.pipeline.Pipeline;
import io.fleetpulse.cli.testing.Await;
import io.fleetpulse.cli.testing.FaultTestConfig;
import io.fleetpulse.cli.testing.FleetStatsRecorder;
import io.fleetpulse.cli.testing.TokenConservation;
import io.fleetpulse.cli.testing.TopicReader;
import io.fleetpulse.schemas.Scrape;
import io.fleetpulse.schemas.Topics;
import io.fleetpulse.simulator.FleetSpec;
import io.fleetpulse.simulator.SimulatedFleet;
import io.fleetpulse.simulator.SimulatedNode;
import io.fleetpulse.streams.window.TumblingWindows;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One target's label cardinality explodes mid-run (a per-request label, thousands of series),
 * through the real collector, streams app and sink. First the explosion fits the target's {@code
 * sample_limit} but not the collector-wide {@code max_series}, then it breaks the sample limit too:
 * either way that target's scrapes are refused with the limit named and counted, the global series
 * count never exceeds its limit, the rest of the fleet loses no token, and the sink's series stay
 * bounded.
 */
class LabelExplosionIT {

  private static final long WINDOW_MS = 5_000;

  /** A simulated vLLM node's page keeps about 360 series after the engine filter. */
  private static final int SAMPLE_LIMIT = 3_000;

  private static final int MAX_SERIES = 2_200;

  /** Within the sample limit, but over max_series with the other three nodes' series. */
  private static final int OVER_GLOBAL = 1_500;

  private static final int OVER_SAMPLE_LIMIT = 5_000;
  private static final Duration PHASE = Duration.ofSeconds(4);
  private static final Pattern SERIES =
      Pattern.compile("^fleetpulse_collector_series (\\S+)$", Pattern.MULTILINE);
  private static final Pattern LIMIT_FAILURES =
      Pattern.compile(
          "^fleetpulse_collector_scrape_failures_total\\{job=\"vllm\",reason=\"limit\"} (\\S+)$",
          Pattern.MULTILINE);

  @TempDir Path dir;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void theExplodingTargetIsRefusedAndNothingElseIsLostOrGrows() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
        SimulatedFleet steady =
            SimulatedFleet.start(new FleetSpec(List.of("us-east"), 3, null, 0, 7));
        SimulatedFleet wild = SimulatedFleet.start(new FleetSpec(List.of("wild"), 1, null, 0, 8))) {
      Topics topics = Topics.withDefaultPrefix();
      SimulatedNode exploding = wild.nodes().get(0);
      try (Pipeline pipeline =
              Pipeline.start(
                  new ConfigLoader()
                      .load(
                          FaultTestConfig.write(
                              dir,
                              broker.bootstrapServers(),
                              Map.of(
                                  "us-east",
                                  steady.nodes().stream().map(SimulatedNode::instance).toList(),
                                  "wild",
                                  List.of(exploding.instance()))),
                          Map.of(
                              "FLEETPULSE_COLLECTOR_SAMPLE_LIMIT", String.valueOf(SAMPLE_LIMIT),
                              "FLEETPULSE_COLLECTOR_MAX_SERIES", String.valueOf(MAX_SERIES),
                              "FLEETPULSE_SINK_LISTEN", "127.0.0.1:0")),
                  Set.of(Component.COLLECTOR, Component.STREAMS, Component.SINK));
          FleetStatsRecorder recorder =
              new FleetStatsRecorder(broker.bootstrapServers(), topics.fleetStats())) {
        URI collectorMetrics =
            URI.create(
                "http://127.0.0.1:" + pipeline.collectorHttp().orElseThrow().port() + "/metrics");
        URI sinkMetrics =
            URI.create("http://127.0.0.1:" + pipeline.sink().orElseThrow().port() + "/metrics");
        Await.until(
            "a first window of both clusters",
            Duration.ofSeconds(60),
            () ->
                recorder.windows("cluster", WINDOW_MS / 1000 + "s").stream()
                        .map(w -> w.getCluster())
                        .distinct()
                        .count()
                    == 2);
        long spanStart =
            TumblingWindows.endOfWindowContaining(System.currentTimeMillis(), WINDOW_MS);
        Thread.sleep(Math.max(0, spanStart + 1_000 - System.currentTimeMillis()));
        int sinkSeriesBefore = seriesLines(get(sinkMetrics));
        double limitFailuresBefore = value(LIMIT_FAILURES, get(collectorMetrics));

        double maxSeriesSeen = 0;
        for (int series : new int[] {OVER_GLOBAL, OVER_SAMPLE_LIMIT}) {
          exploding.explodeLabels(series);
          long phaseEnd = System.nanoTime() + PHASE.toNanos();
          while (System.nanoTime() < phaseEnd) {
            maxSeriesSeen = Math.max(maxSeriesSeen, value(SERIES, get(collectorMetrics)));
            Thread.sleep(200);
          }
        }
        int sinkSeriesDuring = seriesLines(get(sinkMetrics));
        double limitFailures = value(LIMIT_FAILURES, get(collectorMetrics)) - limitFailuresBefore;
        exploding.explodeLabels(0);

        long spanEnd =
            TumblingWindows.endOfWindowContaining(System.currentTimeMillis() + 2_000, WINDOW_MS);
        Await.until(
            "the us-east window ending at " + spanEnd,
            Duration.ofSeconds(60),
            () ->
                recorder.windows("cluster", WINDOW_MS / 1000 + "s").stream()
                    .anyMatch(
                        w ->
                            w.getCluster().equals("us-east")
                                && w.getWindowEndMs().toEpochMilli() == spanEnd));

        List<Scrape> explodingScrapes =
            TopicReader.readAll(broker.bootstrapServers(), topics.scrapes(), Scrape.class).stream()
                .map(ConsumerRecord::value)
                .filter(scrape -> scrape.getInstance().equals(exploding.instance()))
                .toList();
        List<String> refusals =
            explodingScrapes.stream()
                .filter(scrape -> !scrape.getUp())
                .map(Scrape::getError)
                .toList();
        System.out.printf(
            Locale.ROOT,
            "label explosion: %d limit failures counted, %d refused scrapes of the exploding"
                + " target, at most %.0f series held (limit %d), sink series %d before and %d"
                + " during%n",
            (long) limitFailures,
            refusals.size(),
            maxSeriesSeen,
            MAX_SERIES,
            sinkSeriesBefore,
            sinkSeriesDuring);
        assertTrue(
            refusals.stream().anyMatch(error -> error.startsWith("max_series exceeded")),
            "the explosion within sample_limit is refused by max_series: " + refusals);
        assertTrue(
            refusals.stream().anyMatch(error -> error.startsWith("sample_limit exceeded")),
            "the bigger one by sample_limit: " + refusals);
        assertTrue(
            limitFailures >= refusals.size() - 1,
            "every refusal is counted as reason limit on the collector's /metrics: "
                + limitFailures);
        assertTrue(maxSeriesSeen > 0, "the series gauge was read");
        assertTrue(maxSeriesSeen <= MAX_SERIES, "the global series limit held: " + maxSeriesSeen);
        assertTrue(
            explodingScrapes.get(explodingScrapes.size() - 1).getUp(),
            "the target is up again once its series are back to normal");
        // A young pipeline still adds a few dozen series of its own (the down node's signals,
        // quantiles once requests finish); the explosion would add thousands.
        assertTrue(
            sinkSeriesDuring - sinkSeriesBefore < OVER_GLOBAL / 10,
            "the sink's series stay bounded: " + sinkSeriesBefore + " -> " + sinkSeriesDuring);

        TokenConservation.assertClusterConserved(
            recorder,
            "us-east",
            steady.nodes(),
            broker.bootstrapServers(),
            topics.scrapes(),
            WINDOW_MS,
            spanStart,
            spanEnd);
        assertEquals(0, pipeline.streams().orElseThrow().lateRecordsDropped(), "late slices");
      }
    }
  }

  private String get(URI uri) throws Exception {
    HttpResponse<String> response =
        http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), uri + ": " + response.body());
    return response.body();
  }

  private static double value(Pattern sample, String page) {
    Matcher matcher = sample.matcher(page);
    return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
  }

  private static int seriesLines(String page) {
    return (int) page.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).count();
  }
}
