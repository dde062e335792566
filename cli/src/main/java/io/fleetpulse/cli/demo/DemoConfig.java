package io.fleetpulse.cli.demo;

import io.fleetpulse.cli.broker.FreePort;
import io.fleetpulse.cli.config.FleetPulseConfig;
import io.fleetpulse.cli.config.KafkaSettings;
import io.fleetpulse.cli.pipeline.Pipeline;
import io.fleetpulse.collector.config.CollectorConfig;
import io.fleetpulse.collector.config.ScrapeConfig;
import io.fleetpulse.collector.config.StaticConfig;
import io.fleetpulse.collector.ingest.IngestConfig;
import io.fleetpulse.collector.ingest.IngestRoutes;
import io.fleetpulse.simulator.SimulatedFleet;
import io.fleetpulse.simulator.SimulatedNode;
import io.fleetpulse.sink.SinkConfig;
import io.fleetpulse.streams.StreamsAppConfig;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The config the demo runs with: every simulated node a target, labelled with its cluster and
 * model. Scrapes every 2 s and 10 s windows with an 8 s grace (the least the streams app's failover
 * allows), so the first numbers appear about half a minute after start. Once the pipeline runs,
 * {@link #postRequestEvents} has the fleet's nodes post their finished requests, every second, to
 * the collector's ingest endpoint on a free loopback port.
 */
public final class DemoConfig {

  public static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(2);
  public static final Duration GRACE = Duration.ofSeconds(8);
  public static final Duration REQUEST_EVENTS_INTERVAL = Duration.ofSeconds(1);

  private DemoConfig() {}

  public static FleetPulseConfig forFleet(SimulatedFleet fleet, String dataDir, String listen) {
    ScrapeConfig job = scrapeJob(fleet);
    String ingestListen = "127.0.0.1:" + FreePort.find();
    CollectorConfig collector =
        new CollectorConfig(
            SCRAPE_INTERVAL,
            Duration.ofMillis(1500),
            List.of(job),
            null,
            null,
            null,
            null,
            IngestConfig.defaults().withListen(ingestListen),
            null);
    StreamsAppConfig defaults = StreamsAppConfig.defaults();
    StreamsAppConfig streams =
        new StreamsAppConfig(
            defaults.applicationId(),
            List.of(Duration.ofSeconds(10), Duration.ofMinutes(1)),
            GRACE,
            defaults.numStreamThreads(),
            dataDir + "/streams-state",
            defaults.replicationFactor(),
            "127.0.0.1:0");
    SinkConfig sink = SinkConfig.defaults().withListen(listen);
    KafkaSettings kafka = KafkaSettings.of("", null, dataDir + "/kafka", 3);
    return new FleetPulseConfig(kafka, collector, streams, sink);
  }

  /** Job vllm: every node of the fleet a target, labelled with its cluster and model. */
  public static ScrapeConfig scrapeJob(SimulatedFleet fleet) {
    Map<String, List<String>> targetsByCluster = new LinkedHashMap<>();
    Map<String, String> modelByCluster = new LinkedHashMap<>();
    for (SimulatedNode node : fleet.nodes()) {
      targetsByCluster.computeIfAbsent(node.cluster(), c -> new ArrayList<>()).add(node.instance());
      modelByCluster.put(node.cluster(), node.model());
    }
    List<StaticConfig> statics = new ArrayList<>();
    targetsByCluster.forEach(
        (cluster, targets) ->
            statics.add(
                new StaticConfig(
                    targets, Map.of("cluster", cluster, "model", modelByCluster.get(cluster)))));
    return new ScrapeConfig("vllm", null, null, null, null, statics);
  }

  /**
   * Has the fleet post its finished requests to the pipeline's collector, once it listens: events
   * held back while it started would reach it older than it takes them ({@code
   * collector.ingest.max_finish_age}).
   */
  public static void postRequestEvents(SimulatedFleet fleet, Pipeline pipeline) {
    int port = pipeline.collectorHttp().orElseThrow().port();
    fleet.postRequestEventsTo(
        URI.create("http://127.0.0.1:" + port + IngestRoutes.REQUESTS_PATH),
        REQUEST_EVENTS_INTERVAL);
  }
}
