package io.fleetpulse.cli.scaleout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.fleetpulse.cli.broker.EmbeddedKafkaCluster;
import io.fleetpulse.cli.config.ConfigLoader;
import io.fleetpulse.cli.config.FleetPulseConfig;
import io.fleetpulse.cli.pipeline.Component;
import io.fleetpulse.cli.pipeline.Pipeline;
import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.Topics;
import io.fleetpulse.simulator.FleetSpec;
import io.fleetpulse.simulator.SimulatedFleet;
import io.fleetpulse.simulator.SimulatedNode;
import io.fleetpulse.streams.FleetStreamsApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FleetPulse scaled out on a three-broker cluster (one controller node apart), with two streams-app instances
 * sharing the work, while one instance is killed and one broker stops and comes back: the fleet's generation
 * tokens summed over the closed 10 s windows of a 40 s span must be what the simulated nodes generated.
 *
 * <p><b>Kill.</b> One JVM cannot SIGKILL a part of itself, so the victim's stream thread is interrupted wherever
 * it is (seen: inside a commit, inside a flush): Kafka Streams takes that as a fatal error and FleetStreamsApp's
 * handler answers SHUTDOWN_CLIENT. The interrupt also breaks the thread's clean-up, so towards Kafka it looks much
 * like a SIGKILL: nothing more is committed, its open transaction is aborted (by the client if the abort still
 * gets out, else by the coordinator after Streams' 10 s transaction timeout) and its consumer never leaves the
 * group. The dead member is then evicted with the Admin API, standing in for the 45 s session timeout, which
 * would exceed any practical grace period (evicting a dynamic member is possible only for all members at once,
 * so the survivor is fenced too and rejoins: a second fault for exactly-once to survive). The grace period is
 * 20 s so that the victim's uncommitted work, redone by the survivor, is not late even after a transaction
 * timeout.
 *
 * <p><b>Tolerance.</b> The span [S, E) is whole windows, starting after every node has been scraped and ending
 * before the last scrapes, so no partly covered first or last window enters the sum. Two assertions:
 * <ol>
 *   <li>No loss, no double counting: the sum equals what DESIGN.md's counter rule makes of the scrapes the
 *       collector published (each interval's increase apportioned by overlap), computed here from the scrapes
 *       topic, to floating-point rounding (1e-9 relative). One interval lost or counted twice is ~0.2% of it.
 *   <li>Ground truth: apportioning interpolates linearly inside the one scrape interval (a, b] that straddles
 *       each edge of the span, while the simulator's real count at the edge lies between what it showed at a
 *       and at b + that scrape's duration (a scrape is stamped when it starts, the page rendered a moment
 *       later). So per node and edge the two differ by at most the node's true increase over
 *       [a, b + duration]; the tolerance is the sum of those, about one scrape interval's tokens per node and
 *       edge, and is computed from the ground truth.
 * </ol>
 */
class ScaleOutFaultsIT {

  private static final long WINDOW_MS = 10_000;
  private static final long SPAN_MS = 40_000;
  private static final String APPLICATION_ID = "fleetpulse-streams";
  private static final String GENERATION_TOKENS = "vllm:generation_tokens_total";
  private static final Duration STEP_LIMIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void noTokenIsLostOrCountedTwiceThroughAStreamsCrashAndABrokerRestart() throws Exception {
    long testStarted = System.currentTimeMillis();
    try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start(dir.resolve("kafka"), 3);
        SimulatedFleet fleet = SimulatedFleet.start(new FleetSpec(List.of("us-east", "eu-west"), 2, null, 0, 7));
        Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      Path configFile = writeConfig(kafka, fleet);
      Topics topics = Topics.withDefaultPrefix();
      try (Pipeline survivor = Pipeline.start(load(configFile, "survivor"), Set.of(Component.STREAMS))) {
        Set<Thread> survivorThreads = streamThreads();
        try (Pipeline victim = Pipeline.start(load(configFile, "victim"), Set.of(Component.STREAMS));
            FleetStatsRecorder recorder = new FleetStatsRecorder(kafka.bootstrapServers(), topics.fleetStats());
            Pipeline collector = Pipeline.start(load(configFile, "survivor"), Set.of(Component.COLLECTOR))) {
          Set<Thread> victimThreads = new HashSet<>(streamThreads());
          victimThreads.removeAll(survivorThreads);
          assertFalse(victimThreads.isEmpty(), "the victim's stream threads should be told apart from the survivor's");
          await("both streams instances running with partitions of their own", () ->
              running(survivor) && running(victim) && membersWithPartitions(admin) == 2);
          long spanStart = nextWindowEnd(System.currentTimeMillis() + 2_000);

          sleepUntil(spanStart + 3_000);
          long killedAt = System.currentTimeMillis();
          kill(victim, victimThreads, admin);
          await("the survivor alone in the group, running", () ->
              running(survivor) && membersWithPartitions(admin) == 1);
          long tookOverAt = System.currentTimeMillis();
          int nodes = fleet.nodes().size();
          await("the survivor to catch up with the scrapes", () -> scrapesBehind(admin, topics) <= nodes);
          long caughtUpAt = System.currentTimeMillis();

          long stoppedAt = System.currentTimeMillis();
          kafka.stopBroker(1);
          long committedBefore = scrapesCommitted(admin, topics);
          await("three rounds of scrapes consumed and committed with a broker down", () ->
              scrapesCommitted(admin, topics) >= committedBefore + 3L * nodes);
          long restartedAt = System.currentTimeMillis();
          kafka.restartBroker(1);
          await("every partition back to three in-sync replicas", () -> allReplicasInSync(admin));
          long inSyncAt = System.currentTimeMillis();

          long spanEnd = Math.max(spanStart + SPAN_MS, nextWindowEnd(System.currentTimeMillis() + 3_000));
          await("the fleet window ending at the span's end " + spanEnd, Duration.ofSeconds(90), () ->
              recorder.windows("fleet", "10s").stream().anyMatch(w -> endMs(w) == spanEnd));
          System.out.printf(Locale.ROOT, "span %d..%d: victim killed at +%d ms, survivor alone at +%d ms, caught "
                  + "up at +%d ms; broker 2 down +%d..+%d ms, all replicas in sync at +%d ms%n",
              spanStart, spanEnd, killedAt - spanStart, tookOverAt - spanStart, caughtUpAt - spanStart,
              stoppedAt - spanStart, restartedAt - spanStart, inSyncAt - spanStart);

          assertTokensAreConserved(recorder, fleet, kafka.bootstrapServers(), topics, spanStart, spanEnd,
              survivor.streams().orElseThrow());
        }
      }
    }
    // The crashed instance's clients could not close cleanly; they must not linger all the same.
    await("every thread of both streams instances to end", () -> threadsNamed(APPLICATION_ID + "-").isEmpty());
    System.out.printf(Locale.ROOT, "ScaleOutFaultsIT took %d s%n", (System.currentTimeMillis() - testStarted) / 1000);
  }

  private static void assertTokensAreConserved(FleetStatsRecorder recorder, SimulatedFleet fleet,
      String bootstrapServers, Topics topics, long spanStart, long spanEnd, FleetStreamsApp survivor) {
    TreeMap<Long, List<FleetWindow>> byEnd = recorder.windows("fleet", "10s").stream()
        .filter(w -> endMs(w) > spanStart && endMs(w) <= spanEnd)
        .collect(Collectors.groupingBy(ScaleOutFaultsIT::endMs, TreeMap::new, Collectors.toList()));
    for (long end = spanStart + WINDOW_MS; end <= spanEnd; end += WINDOW_MS) {
      List<FleetWindow> emitted = byEnd.getOrDefault(end, List.of());
      assertEquals(1, emitted.size(), "the fleet window ending at " + end + " should be emitted exactly once");
      assertNotNull(emitted.get(0).getGenerationTokensPerSecond(),
          "the fleet window ending at " + end + " should have a generation rate");
    }
    double fleetPulse = byEnd.values().stream()
        .mapToDouble(w -> w.get(0).getGenerationTokensPerSecond() * WINDOW_MS / 1000.0)
        .sum();

    Map<String, PublishedCounter> published =
        PublishedCounter.readAll(bootstrapServers, topics.scrapes(), GENERATION_TOKENS);
    double fromScrapes = 0;
    double truth = 0;
    double tolerance = 0;
    for (SimulatedNode node : fleet.nodes()) {
      PublishedCounter counter = published.get(node.cluster() + "/" + node.instance());
      assertNotNull(counter, "no good scrape of " + node + " on the scrapes topic");
      fromScrapes += counter.apportionedIncrease(spanStart, spanEnd);
      truth += node.groundTruth().generationTokensBetween(spanStart, spanEnd);
      for (long edge : new long[] {spanStart, spanEnd}) {
        PublishedCounter.Interval around = counter.straddling(edge);
        long renderedBy = around.to().timestampMs() + (long) Math.ceil(around.to().durationSeconds() * 1000);
        tolerance += node.groundTruth().generationTokensBetween(around.from().timestampMs(), renderedBy);
      }
    }
    System.out.printf(Locale.ROOT, "generation tokens over %d s: FleetPulse %.3f, from the published scrapes "
            + "%.3f (difference %.3g), simulator %.0f (difference %.1f, %.3f%%; tolerance %.1f, %.3f%%); "
            + "late slices dropped by the survivor: %d%n",
        (spanEnd - spanStart) / 1000, fleetPulse, fromScrapes, fleetPulse - fromScrapes, truth,
        fleetPulse - truth, 100 * (fleetPulse - truth) / truth, tolerance, 100 * tolerance / truth,
        survivor.lateRecordsDropped());
    assertTrue(truth > 0, "the simulated fleet should have generated tokens");
    assertEquals(fromScrapes, fleetPulse, 1e-9 * fromScrapes,
        "FleetPulse's fleet total against the counter rule applied to every published scrape: a difference "
            + "is an interval lost or counted twice (late slices dropped: " + survivor.lateRecordsDropped() + ")");
    assertEquals(truth, fleetPulse, tolerance, "FleetPulse's fleet total against the simulator's ground truth");
  }

  /** The victim's crash and eviction; see the class comment for what they are and why. */
  private static void kill(Pipeline victim, Set<Thread> victimThreads, Admin admin) throws Exception {
    FleetStreamsApp app = victim.streams().orElseThrow();
    victimThreads.forEach(Thread::interrupt);
    await("the interrupted instance to fail", () ->
        app.state() == KafkaStreams.State.ERROR || app.state() == KafkaStreams.State.PENDING_ERROR);
    victim.close();
    admin.removeMembersFromConsumerGroup(APPLICATION_ID, new RemoveMembersFromConsumerGroupOptions())
        .all().get(30, TimeUnit.SECONDS);
  }

  /** Scrapes on the topic not yet consumed by the streams app, by its committed offsets. */
  private static long scrapesBehind(Admin admin, Topics topics) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed = committedOffsets(admin);
    long behind = 0;
    for (Map.Entry<TopicPartition, Long> end : scrapesEndOffsets(admin, topics).entrySet()) {
      OffsetAndMetadata position = committed.get(end.getKey());
      behind += end.getValue() - (position == null ? 0 : position.offset());
    }
    return behind;
  }

  /** Scrapes the streams app has consumed and committed, over all partitions. */
  private static long scrapesCommitted(Admin admin, Topics topics) throws Exception {
    return committedOffsets(admin).entrySet().stream()
        .filter(entry -> entry.getKey().topic().equals(topics.scrapes()))
        .mapToLong(entry -> entry.getValue().offset())
        .sum();
  }

  private static Map<TopicPartition, OffsetAndMetadata> committedOffsets(Admin admin) throws Exception {
    return admin.listConsumerGroupOffsets(APPLICATION_ID).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
  }

  private static Map<TopicPartition, Long> scrapesEndOffsets(Admin admin, Topics topics) throws Exception {
    TopicDescription scrapes = admin.describeTopics(List.of(topics.scrapes()))
        .allTopicNames().get(10, TimeUnit.SECONDS).get(topics.scrapes());
    Map<TopicPartition, OffsetSpec> latest = scrapes.partitions().stream().collect(Collectors.toMap(
        partition -> new TopicPartition(topics.scrapes(), partition.partition()), partition -> OffsetSpec.latest()));
    return admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
  }

  private static Set<Thread> streamThreads() {
    return threadsNamed(APPLICATION_ID + "-").stream()
        .filter(thread -> thread.getName().startsWith(APPLICATION_ID) && thread.getName().contains("-StreamThread-"))
        .collect(Collectors.toSet());
  }

  private static Set<Thread> threadsNamed(String part) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.isAlive() && thread.getName().contains(part))
        .collect(Collectors.toSet());
  }

  private static boolean running(Pipeline pipeline) {
    return pipeline.streams().orElseThrow().state() == KafkaStreams.State.RUNNING;
  }

  private static long membersWithPartitions(Admin admin) throws Exception {
    ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(APPLICATION_ID))
        .all().get(10, TimeUnit.SECONDS).get(APPLICATION_ID);
    return group.members().stream().filter(m -> !m.assignment().topicPartitions().isEmpty()).count();
  }

  private static boolean allReplicasInSync(Admin admin) throws Exception {
    Set<String> names = admin.listTopics(new ListTopicsOptions().listInternal(true))
        .names().get(10, TimeUnit.SECONDS);
    Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS);
    return topics.values().stream()
        .flatMap(topic -> topic.partitions().stream())
        .allMatch(partition -> partition.isr().size() == partition.replicas().size());
  }

  private static long endMs(FleetWindow window) {
    return window.getWindowEndMs().toEpochMilli();
  }

  private static long nextWindowEnd(long afterMs) {
    return Math.floorDiv(afterMs, WINDOW_MS) * WINDOW_MS + WINDOW_MS;
  }

  private static void sleepUntil(long epochMs) throws InterruptedException {
    Thread.sleep(Math.max(0, epochMs - System.currentTimeMillis()));
  }

  @FunctionalInterface
  private interface Condition {
    boolean holds() throws Exception;
  }

  private static void await(String what, Condition condition) throws Exception {
    await(what, STEP_LIMIT, condition);
  }

  private static void await(String what, Duration limit, Condition condition) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) {
        fail("waited " + limit.toSeconds() + " s for " + what);
      }
      Thread.sleep(100);
    }
  }

  private FleetPulseConfig load(Path configFile, String instance) {
    // Same application id, a state directory each: two instances of one streams app.
    return new ConfigLoader().load(configFile,
        Map.of("FLEETPULSE_STREAMS_STATE_DIR", dir.resolve("state-" + instance).toString()));
  }

  private Path writeConfig(EmbeddedKafkaCluster kafka, SimulatedFleet fleet) throws Exception {
    String targets = fleet.nodes().stream()
        .collect(Collectors.groupingBy(SimulatedNode::cluster, TreeMap::new, Collectors.toList()))
        .entrySet().stream()
        .map(cluster -> "        - targets: [" + cluster.getValue().stream()
            .map(node -> '"' + node.instance() + '"').collect(Collectors.joining(", ")) + "]\n"
            + "          labels: {cluster: " + cluster.getKey() + "}\n")
        .collect(Collectors.joining());
    Path configFile = dir.resolve("fleetpulse.yml");
    Files.writeString(configFile, """
        kafka:
          bootstrap_servers: "%s"
          partitions: 6
          replication_factor: 3
        collector:
          scrape_interval: 1s
          scrape_timeout: 800ms
          ingest:
            listen: 127.0.0.1:0
          scrape_configs:
            - job_name: vllm
              static_configs:
        %s
        streams:
          application_id: %s
          windows: [10s]
          grace: 20s
          replication_factor: 3
        """.formatted(kafka.bootstrapServers(), targets.stripTrailing(), APPLICATION_ID));
    return configFile;
  }
}
