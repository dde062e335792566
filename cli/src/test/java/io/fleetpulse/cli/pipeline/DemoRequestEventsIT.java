package io.fleetpulse.cli.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.fleetpulse.cli.config.FleetPulseConfig;
import io.fleetpulse.cli.demo.DemoConfig;
import io.fleetpulse.cli.testing.TopicReader;
import io.fleetpulse.schemas.RequestEvent;
import io.fleetpulse.simulator.FleetSpec;
import io.fleetpulse.simulator.SimulatedFleet;
import io.fleetpulse.simulator.SimulatedNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's request events: the simulated nodes post every finished request to the collector's
 * ingest endpoint, which publishes them to the requests topic keyed by the node's cluster and
 * scrape target.
 */
class DemoRequestEventsIT {

  private static final String ACCEPTED_JSON_LINES =
      "fleetpulse_collector_request_events_total{result=\"accepted\",source=\"jsonl\"}";

  @TempDir Path dataDir;

  @Test
  void simulatedRequestsReachTheRequestsTopicThroughTheCollector() throws Exception {
    try (SimulatedFleet fleet = SimulatedFleet.start(FleetSpec.defaults())) {
      FleetPulseConfig config = DemoConfig.forFleet(fleet, dataDir.toString(), "127.0.0.1:0");
      try (Pipeline pipeline = Pipeline.start(config, EnumSet.of(Component.COLLECTOR))) {
        DemoConfig.postRequestEvents(fleet, pipeline);
        String collectorMetrics =
            "http://127.0.0.1:" + pipeline.collectorHttp().orElseThrow().port() + "/metrics";
        long deadline = System.currentTimeMillis() + 30_000;
        while (acceptedEvents(collectorMetrics) < 100) {
          if (System.currentTimeMillis() > deadline) {
            fail("the collector accepted fewer than 100 request events within 30 s");
          }
          Thread.sleep(500);
        }
        List<ConsumerRecord<String, RequestEvent>> events =
            TopicReader.readAll(
                pipeline.bootstrapServers(), "fleetpulse.requests.v1", RequestEvent.class);

        assertTrue(events.size() >= 50, "events on the requests topic: " + events.size());
        Set<String> nodeKeys =
            fleet.nodes().stream()
                .map(n -> n.cluster() + "/" + n.instance())
                .collect(Collectors.toSet());
        for (ConsumerRecord<String, RequestEvent> record : events) {
          RequestEvent event = record.value();
          assertEquals(event.getCluster() + "/" + event.getNode(), record.key());
          assertTrue(nodeKeys.contains(record.key()), "a simulated node's key: " + record.key());
          assertEquals(fleet.nodes().get(0).model(), event.getModel());
          assertTrue(event.getTimeToFirstTokenSeconds() <= event.getE2eLatencySeconds());
        }
        assertEquals(
            nodeKeys,
            events.stream().map(ConsumerRecord::key).collect(Collectors.toSet()),
            "every node sends events");
        System.out.printf(
            "%d request events from %d nodes on the requests topic%n",
            events.size(), fleet.nodes().stream().map(SimulatedNode::instance).distinct().count());
      }
    }
  }

  private static double acceptedEvents(String metricsUrl) throws Exception {
    String page =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(metricsUrl)).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    return page.lines()
        .filter(line -> line.startsWith(ACCEPTED_JSON_LINES))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }
}
