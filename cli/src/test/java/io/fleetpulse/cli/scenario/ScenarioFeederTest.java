package io.fleetpulse.cli.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.cli.broker.EmbeddedKafkaBroker;
import io.fleetpulse.cli.config.KafkaSettings;
import io.fleetpulse.cli.testing.TopicReader;
import io.fleetpulse.cli.topics.TopicProvisioner;
import io.fleetpulse.schemas.KafkaConnection;
import io.fleetpulse.schemas.RequestEvent;
import io.fleetpulse.schemas.Scrape;
import io.fleetpulse.schemas.Topics;
import io.fleetpulse.schemas.contract.NodeKey;
import io.fleetpulse.simulator.scenario.Scenario;
import io.fleetpulse.simulator.scenario.ScenarioLoader;
import io.fleetpulse.simulator.simtime.ScenarioTruth;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A short scenario fed into an embedded broker and read back from its topics. */
class ScenarioFeederTest {

  /** In the past, as Kafka refuses timestamps more than an hour ahead of its clock. */
  private static final Instant START =
      Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));

  private static final String SCENARIO =
      """
      name: feeder-test
      seed: 9
      duration: 2m
      scrape_interval: 5s
      slo: {ttft_p99_seconds: 1}
      fleet:
        clusters: [us-east, eu-west]
        groups:
          - {nodes: 1, engine: vllm}
          - {nodes: 1, engine: tgi}
      arrivals: {type: constant, rate: 2}
      faults:
        - {type: crash, node: eu-west-1, at: 60s, down_for: 30s}
      """;

  @TempDir Path dataDir;

  @Test
  void producesEveryScrapeAndRequestKeyedByNodeAtItsSimulatedTime() {
    Scenario scenario = new ScenarioLoader().parse(SCENARIO, "feeder-test.yml");
    Topics topics = Topics.withDefaultPrefix();
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir)) {
      KafkaConnection kafka = KafkaConnection.plaintext(broker.bootstrapServers());
      TopicProvisioner.ensureTopics(
          kafka, KafkaSettings.defaults().withBootstrapServers(broker.bootstrapServers()));
      ScenarioTruth truth =
          ScenarioRunner.runIntoKafka(scenario, kafka, topics, START, 0, FeedProgress.NONE);

      List<ConsumerRecord<String, Scrape>> scrapes =
          TopicReader.readAll(broker.bootstrapServers(), topics.scrapes(), Scrape.class);
      List<ConsumerRecord<String, RequestEvent>> requests =
          TopicReader.readAll(broker.bootstrapServers(), topics.requests(), RequestEvent.class);

      assertEquals(truth.scrapes(), scrapes.size());
      assertEquals(truth.requests(), requests.size());
      assertTrue(requests.size() > 500, "4 nodes at 2 requests/s for 2 minutes");
      Set<String> keys =
          truth.nodes().stream()
              .map(node -> NodeKey.of(node.cluster(), node.instance()))
              .collect(Collectors.toSet());
      assertEquals(keys, scrapes.stream().map(ConsumerRecord::key).collect(Collectors.toSet()));
      for (ConsumerRecord<String, Scrape> record : scrapes) {
        Scrape scrape = record.value();
        assertEquals(NodeKey.of(scrape.getCluster(), scrape.getInstance()), record.key());
        assertEquals(scrape.getTimestampMs().toEpochMilli(), record.timestamp());
        assertFalse(scrape.getTimestampMs().isBefore(START));
        assertFalse(scrape.getTimestampMs().isAfter(START.plus(Duration.ofMinutes(2))));
      }
      for (ConsumerRecord<String, RequestEvent> record : requests) {
        RequestEvent event = record.value();
        assertEquals(NodeKey.of(event.getCluster(), event.getNode()), record.key());
        assertTrue(keys.contains(record.key()));
        long endMs =
            event.getArrivalTimeMs().toEpochMilli()
                + Math.round(event.getE2eLatencySeconds() * 1000);
        assertTrue(Math.abs(record.timestamp() - endMs) <= 1, "stamped when the request ended");
      }

      Map<Boolean, List<Scrape>> crashedByUp =
          scrapes.stream()
              .map(ConsumerRecord::value)
              .filter(scrape -> scrape.getInstance().equals("eu-west-1:8080"))
              .collect(Collectors.partitioningBy(Scrape::getUp));
      Instant crash = START.plusSeconds(60);
      Instant restart = START.plusSeconds(90);
      assertEquals(6, crashedByUp.get(false).size(), "down from 60 s to 90 s, scraped every 5 s");
      for (Scrape down : crashedByUp.get(false)) {
        assertFalse(
            down.getTimestampMs().isBefore(crash) || !down.getTimestampMs().isBefore(restart));
        assertEquals("connection failed: connection refused", down.getError());
        assertEquals("tgi", down.getJob());
      }
      for (Scrape up : crashedByUp.get(true)) {
        assertEquals("tgi", up.getEngine());
        assertNull(up.getError());
        assertEquals("eu-west", up.getTargetLabels().get("cluster"));
        assertEquals("eu-west-1:8080", up.getTargetLabels().get("instance"));
      }
      assertEquals(Map.of("eu-west-1:8080", List.of(crash)), truth.crashes());
    }
  }
}
