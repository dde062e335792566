package io.fleetpulse.cli.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.fleetpulse.cli.broker.EmbeddedKafkaBroker;
import io.fleetpulse.cli.config.KafkaSettings;
import io.fleetpulse.cli.testing.TopicReader;
import io.fleetpulse.cli.topics.TopicProvisioner;
import io.fleetpulse.collector.Collector;
import io.fleetpulse.collector.config.CollectorConfig;
import io.fleetpulse.collector.config.ScrapeConfig;
import io.fleetpulse.collector.config.StaticConfig;
import io.fleetpulse.collector.metrics.CollectorMetrics;
import io.fleetpulse.collector.publish.DeliveryConfig;
import io.fleetpulse.collector.publish.KafkaDelivery;
import io.fleetpulse.collector.publish.KafkaScrapePublisher;
import io.fleetpulse.schemas.KafkaConnection;
import io.fleetpulse.schemas.Scrape;
import io.fleetpulse.schemas.Topics;
import io.fleetpulse.simulator.FleetSpec;
import io.fleetpulse.simulator.SimulatedFleet;
import io.fleetpulse.simulator.SimulatedNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collector through a Kafka outage: the embedded broker stops while three simulated nodes are
 * scraped every second, and comes back on the same port. Scrapes taken meanwhile wait in the
 * collector's delivery buffer and arrive afterwards, once each and in order per target; with a
 * buffer too small for the outage, the oldest are dropped and counted instead.
 */
class KafkaOutageIT {

  private static final Duration INTERVAL = Duration.ofSeconds(1);
  private static final Duration OUTAGE = Duration.ofSeconds(30);

  /** Longer than this between two scrapes of a target, and scrapes are missing. */
  private static final Duration GAP = INTERVAL.multipliedBy(2);

  @TempDir static Path dataDir;
  private static EmbeddedKafkaBroker broker;

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedKafkaBroker.start(dataDir.resolve("kafka"));
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Test
  void scrapesTakenWhileKafkaIsDownArriveOnceEachAndInOrderWhenItReturns() throws Exception {
    Topics topics = topics("outage");
    CollectorMetrics metrics = new CollectorMetrics();
    KafkaDelivery delivery =
        KafkaDelivery.start(
            KafkaConnection.plaintext(broker.bootstrapServers()),
            DeliveryConfig.defaults(),
            metrics);
    long outageStart;
    long outageEnd;
    long taken;
    try (SimulatedFleet fleet =
            SimulatedFleet.start(new FleetSpec(List.of("us-east"), 3, null, 0, 11));
        Collector collector = collector(fleet, delivery, topics, metrics)) {
      collector.start();
      await(
          () -> produced(metrics, topics) >= 6,
          Duration.ofSeconds(20),
          "scrapes reach Kafka before the outage");

      broker.stop();
      outageStart = System.currentTimeMillis();
      Thread.sleep(OUTAGE.toMillis());
      broker.restart();
      outageEnd = System.currentTimeMillis();
      long returned = outageEnd;
      // Two more intervals give every target a scrape after the outage, whatever its slot in the
      // interval.
      await(
          () ->
              delivery.pending() <= 3
                  && System.currentTimeMillis() > returned + 2 * INTERVAL.toMillis(),
          Duration.ofSeconds(60),
          "the buffer drains after the outage");
      collector.close();
      taken = collector.scrapesCompleted() + collector.scrapesFailed();
    } finally {
      delivery.close();
    }
    assertEquals(0, delivery.dropped(), "nothing dropped: the outage fits the default buffer");
    assertEquals(0, delivery.failed());

    Map<String, List<Long>> timestamps = readScrapeTimestamps(topics);
    long onTopic = timestamps.values().stream().mapToLong(List::size).sum();
    assertEquals(taken, onTopic, "every scrape taken is on the topic exactly once");
    assertEquals((double) taken, produced(metrics, topics));
    assertEquals(3, timestamps.size());
    for (Map.Entry<String, List<Long>> target : timestamps.entrySet()) {
      List<Long> times = target.getValue();
      for (int i = 1; i < times.size(); i++) {
        long gap = times.get(i) - times.get(i - 1);
        assertTrue(
            gap > 0,
            target.getKey() + ": scrape at " + times.get(i) + " is a duplicate or out of order");
        assertTrue(
            gap <= 2 * INTERVAL.toMillis(),
            target.getKey() + ": " + gap + " ms without a scrape after " + times.get(i - 1));
      }
      assertTrue(
          times.get(0) < outageStart && times.get(times.size() - 1) > outageEnd,
          target.getKey() + ": scrapes span the outage");
    }
    System.out.printf(
        "outage of %d ms: %d scrapes taken, all on the topic once, in order, no gap over %d ms%n",
        outageEnd - outageStart, taken, 2 * INTERVAL.toMillis());
  }

  @Test
  void aBufferTooSmallForTheOutageDropsTheOldestScrapesAndCountsThem() throws Exception {
    Topics topics = topics("tiny");
    CollectorMetrics metrics = new CollectorMetrics();
    // Ten records: one in Kafka's hands, nine waiting; three targets fill that in three seconds.
    KafkaDelivery delivery =
        KafkaDelivery.start(
            KafkaConnection.plaintext(broker.bootstrapServers()),
            new DeliveryConfig(10, null),
            metrics);
    long outageStart;
    long taken;
    try (SimulatedFleet fleet =
            SimulatedFleet.start(new FleetSpec(List.of("us-east"), 3, null, 0, 12));
        Collector collector = collector(fleet, delivery, topics, metrics)) {
      collector.start();
      await(
          () -> produced(metrics, topics) >= 3,
          Duration.ofSeconds(20),
          "scrapes reach Kafka before the outage");

      broker.stop();
      outageStart = System.currentTimeMillis();
      // Twenty drops leave each target a hole of about seven intervals: no scrape delayed by a busy
      // machine is mistaken for one.
      await(() -> delivery.dropped() >= 20, Duration.ofSeconds(40), "the small buffer overflows");
      broker.restart();
      await(
          () -> delivery.pending() <= 3,
          Duration.ofSeconds(60),
          "the buffer drains after the outage");
      collector.close();
      taken = collector.scrapesCompleted() + collector.scrapesFailed();
    } finally {
      delivery.close();
    }

    assertEquals(
        (double) delivery.dropped(), metrics.bufferDropped.labelValues(topics.scrapes()).get());
    Map<String, List<Long>> timestamps = readScrapeTimestamps(topics);
    long onTopic = timestamps.values().stream().mapToLong(List::size).sum();
    assertEquals(taken - delivery.dropped(), onTopic, "every scrape not dropped arrived");
    // The dropped scrapes are the oldest of the outage: what each target kept of it is a run of its
    // newest scrapes, unbroken up to the end. The one exception is the record the producer held
    // (the unacknowledged window, one record here): Kafka has it, so it is never dropped, and it
    // may be from anywhere in the outage.
    int heldByProducer = 0;
    for (Map.Entry<String, List<Long>> target : timestamps.entrySet()) {
      List<Long> times = target.getValue();
      int runStart = times.size() - 1;
      while (runStart > 0 && times.get(runStart) - times.get(runStart - 1) <= GAP.toMillis()) {
        runStart--;
      }
      assertTrue(
          runStart > 0 && times.get(runStart) > outageStart + GAP.toMillis(),
          target.getKey() + ": a hole in the outage, which began at " + outageStart + " " + times);
      for (long time : times.subList(0, runStart)) {
        if (time > outageStart + GAP.toMillis()) {
          heldByProducer++;
        }
      }
    }
    assertTrue(
        heldByProducer <= 1,
        heldByProducer
            + " scrapes from the middle of the outage were kept while older ones were dropped: "
            + timestamps);
    System.out.printf(
        "small buffer: %d scrapes taken, %d dropped (oldest first), %d on the topic, %d held by the"
            + " producer%n",
        taken, delivery.dropped(), onTopic, heldByProducer);
  }

  private static Topics topics(String prefix) {
    Topics topics = new Topics(prefix);
    TopicProvisioner.ensureTopics(
        KafkaConnection.plaintext(broker.bootstrapServers()),
        KafkaSettings.of(broker.bootstrapServers(), prefix, null, 3));
    return topics;
  }

  private static Collector collector(
      SimulatedFleet fleet, KafkaDelivery delivery, Topics topics, CollectorMetrics metrics) {
    List<String> targets = fleet.nodes().stream().map(SimulatedNode::instance).toList();
    ScrapeConfig job =
        new ScrapeConfig(
            "vllm",
            null,
            null,
            null,
            null,
            List.of(new StaticConfig(targets, Map.of("cluster", "us-east"))));
    CollectorConfig config = new CollectorConfig(INTERVAL, Duration.ofMillis(800), List.of(job));
    return new Collector(config, new KafkaScrapePublisher(delivery, topics), metrics);
  }

  private static double produced(CollectorMetrics metrics, Topics topics) {
    return metrics.recordsProduced.labelValues(topics.scrapes()).get();
  }

  /** Every scrape's timestamp, per target, in the order the topic holds them. */
  private static Map<String, List<Long>> readScrapeTimestamps(Topics topics) {
    Map<String, List<Long>> byTarget = new HashMap<>();
    for (ConsumerRecord<String, Scrape> record :
        TopicReader.readAll(broker.bootstrapServers(), topics.scrapes(), Scrape.class)) {
      long timestamp = record.value().getTimestampMs().toEpochMilli();
      byTarget.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(timestamp);
    }
    return byTarget;
  }

  private static void await(BooleanSupplier condition, Duration patience, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("waited " + patience.toSeconds() + " s in vain until " + what);
      }
      Thread.sleep(100);
    }
  }
}
