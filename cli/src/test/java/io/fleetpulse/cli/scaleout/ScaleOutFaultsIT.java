package io.fleetpulse.cli.scaleout;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.fleetpulse.cli.broker.EmbeddedKafkaCluster;
import io.fleetpulse.cli.config.ConfigLoader;
import io.fleetpulse.cli.config.FleetPulseConfig;
import io.fleetpulse.cli.pipeline.Component;
import io.fleetpulse.cli.pipeline.Pipeline;
import io.fleetpulse.cli.testing.Await;
import io.fleetpulse.cli.testing.CollectorYaml;
import io.fleetpulse.cli.testing.FleetStatsRecorder;
import io.fleetpulse.cli.testing.TokenConservation;
import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.Topics;
import io.fleetpulse.simulator.FleetSpec;
import io.fleetpulse.simulator.SimulatedFleet;
import io.fleetpulse.streams.FleetStreamsApp;
import io.fleetpulse.streams.window.TumblingWindows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
 * FleetPulse scaled out on a three-broker cluster (one controller node apart), with two streams-app
 * instances sharing the work, while one instance is killed and one broker stops and comes back: the
 * fleet's generation tokens summed over the closed 10 s windows of a 40 s span must be what the
 * simulated nodes generated.
 *
 * <p><b>Kill.</b> One JVM cannot SIGKILL a part of itself, so the victim's stream thread is
 * interrupted wherever it is (seen: inside a commit, inside a flush): Kafka Streams takes that as a
 * fatal error and FleetStreamsApp's handler answers SHUTDOWN_CLIENT. The interrupt also breaks the
 * thread's clean-up, so towards Kafka it looks much like a SIGKILL: nothing more is committed, its
 * open transaction is aborted (by the client if the abort still gets out, else by the coordinator
 * after the 6 s transaction timeout) and its consumer never leaves the group. The dead member is
 * then evicted with the Admin API rather than left to its session timeout, to add a second fault (a
 * real SIGKILL and the session timeout alone are faults.StreamsFailoverIT's): evicting a dynamic
 * member is possible only for all members at once, so the survivor is fenced too and rejoins, a
 * second fault for exactly-once to survive. The grace period is 20 s so that the victim's
 * uncommitted work, redone by the survivor, is not late even after a transaction timeout.
 *
 * <p><b>Tolerance.</b> See {@link TokenConservation}: no interval lost or counted twice, and the
 * simulator's ground truth to within the scrape intervals at the span's edges.
 */
class ScaleOutFaultsIT {

  private static final long WINDOW_MS = 10_000;
  private static final long SPAN_MS = 40_000;
  private static final String APPLICATION_ID = "fleetpulse-streams";
  private static final Duration STEP_LIMIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void noTokenIsLostOrCountedTwiceThroughAStreamsCrashAndABrokerRestart() throws Exception {
    long testStarted = System.currentTimeMillis();
    try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start(dir.resolve("kafka"), 3);
        SimulatedFleet fleet =
            SimulatedFleet.start(new FleetSpec(List.of("us-east", "eu-west"), 2, null, 0, 7));
        Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      Path configFile = writeConfig(kafka, fleet);
      Topics topics = Topics.withDefaultPrefix();
      try (Pipeline survivor =
          Pipeline.start(load(configFile, "survivor"), Set.of(Component.STREAMS))) {
        Set<Thread> survivorThreads = streamThreads();
        try (Pipeline victim =
                Pipeline.start(load(configFile, "victim"), Set.of(Component.STREAMS));
            FleetStatsRecorder recorder =
                new FleetStatsRecorder(kafka.bootstrapServers(), topics.fleetStats());
            Pipeline collector =
                Pipeline.start(load(configFile, "survivor"), Set.of(Component.COLLECTOR))) {
          Set<Thread> victimThreads = new HashSet<>(streamThreads());
          victimThreads.removeAll(survivorThreads);
          assertFalse(
              victimThreads.isEmpty(),
              "the victim's stream threads should be told apart from the survivor's");
          await(
              "both streams instances running with partitions of their own",
              () -> running(survivor) && running(victim) && membersWithPartitions(admin) == 2);
          long spanStart =
              TumblingWindows.endOfWindowContaining(System.currentTimeMillis() + 2_000, WINDOW_MS);

          sleepUntil(spanStart + 3_000);
          long killedAt = System.currentTimeMillis();
          kill(victim, victimThreads, admin);
          await(
              "the survivor alone in the group, running",
              () -> running(survivor) && membersWithPartitions(admin) == 1);
          long tookOverAt = System.currentTimeMillis();
          int nodes = fleet.nodes().size();
          await(
              "the survivor to catch up with the scrapes",
              () -> scrapesBehind(admin, topics) <= nodes);
          long caughtUpAt = System.currentTimeMillis();

          long stoppedAt = System.currentTimeMillis();
          kafka.stopBroker(1);
          long committedBefore = scrapesCommitted(admin, topics);
          await(
              "three rounds of scrapes consumed and committed with a broker down",
              () -> scrapesCommitted(admin, topics) >= committedBefore + 3L * nodes);
          long restartedAt = System.currentTimeMillis();
          kafka.restartBroker(1);
          await("every partition back to three in-sync replicas", () -> allReplicasInSync(admin));
          long inSyncAt = System.currentTimeMillis();

          long spanEnd =
              Math.max(
                  spanStart + SPAN_MS,
                  TumblingWindows.endOfWindowContaining(
                      System.currentTimeMillis() + 3_000, WINDOW_MS));
          await(
              "the fleet window ending at the span's end " + spanEnd,
              Duration.ofSeconds(90),
              () -> recorder.windows("fleet", "10s").stream().anyMatch(w -> endMs(w) == spanEnd));
          System.out.printf(
              Locale.ROOT,
              "span %d..%d: victim killed at +%d ms, survivor alone at +%d ms, caught "
                  + "up at +%d ms; broker 2 down +%d..+%d ms, all replicas in sync at +%d ms%n",
              spanStart,
              spanEnd,
              killedAt - spanStart,
              tookOverAt - spanStart,
              caughtUpAt - spanStart,
              stoppedAt - spanStart,
              restartedAt - spanStart,
              inSyncAt - spanStart);

          assertTokensAreConserved(
              recorder,
              fleet,
              kafka.bootstrapServers(),
              topics,
              spanStart,
              spanEnd,
              survivor.streams().orElseThrow());
        }
      }
    }
    // The crashed instance's clients could not close cleanly; they must not linger all the same.
    await(
        "every thread of both streams instances to end",
        () -> threadsNamed(APPLICATION_ID + "-").isEmpty());
    System.out.printf(
        Locale.ROOT,
        "ScaleOutFaultsIT took %d s%n",
        (System.currentTimeMillis() - testStarted) / 1000);
  }

  private static void assertTokensAreConserved(
      FleetStatsRecorder recorder,
      SimulatedFleet fleet,
      String bootstrapServers,
      Topics topics,
      long spanStart,
      long spanEnd,
      FleetStreamsApp survivor) {
    System.out.println("late slices dropped by the survivor: " + survivor.lateRecordsDropped());
    TokenConservation.assertConserved(
        recorder, fleet, bootstrapServers, topics.scrapes(), WINDOW_MS, spanStart, spanEnd);
  }

  /** The victim's crash and eviction; see the class comment for what they are and why. */
  private static void kill(Pipeline victim, Set<Thread> victimThreads, Admin admin)
      throws Exception {
    FleetStreamsApp app = victim.streams().orElseThrow();
    victimThreads.forEach(Thread::interrupt);
    await(
        "the interrupted instance to fail",
        () ->
            app.state() == KafkaStreams.State.ERROR
                || app.state() == KafkaStreams.State.PENDING_ERROR);
    victim.close();
    admin
        .removeMembersFromConsumerGroup(APPLICATION_ID, new RemoveMembersFromConsumerGroupOptions())
        .all()
        .get(30, TimeUnit.SECONDS);
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

  private static Map<TopicPartition, OffsetAndMetadata> committedOffsets(Admin admin)
      throws Exception {
    return admin
        .listConsumerGroupOffsets(APPLICATION_ID)
        .partitionsToOffsetAndMetadata()
        .get(10, TimeUnit.SECONDS);
  }

  private static Map<TopicPartition, Long> scrapesEndOffsets(Admin admin, Topics topics)
      throws Exception {
    TopicDescription scrapes =
        admin
            .describeTopics(List.of(topics.scrapes()))
            .allTopicNames()
            .get(10, TimeUnit.SECONDS)
            .get(topics.scrapes());
    Map<TopicPartition, OffsetSpec> latest =
        scrapes.partitions().stream()
            .collect(
                Collectors.toMap(
                    partition -> new TopicPartition(topics.scrapes(), partition.partition()),
                    partition -> OffsetSpec.latest()));
    return admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
  }

  private static Set<Thread> streamThreads() {
    return threadsNamed(APPLICATION_ID + "-").stream()
        .filter(
            thread ->
                thread.getName().startsWith(APPLICATION_ID)
                    && thread.getName().contains("-StreamThread-"))
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
    ConsumerGroupDescription group =
        admin
            .describeConsumerGroups(List.of(APPLICATION_ID))
            .all()
            .get(10, TimeUnit.SECONDS)
            .get(APPLICATION_ID);
    return group.members().stream()
        .filter(m -> !m.assignment().topicPartitions().isEmpty())
        .count();
  }

  private static boolean allReplicasInSync(Admin admin) throws Exception {
    Set<String> names =
        admin
            .listTopics(new ListTopicsOptions().listInternal(true))
            .names()
            .get(10, TimeUnit.SECONDS);
    Map<String, TopicDescription> topics =
        admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS);
    return topics.values().stream()
        .flatMap(topic -> topic.partitions().stream())
        .allMatch(partition -> partition.isr().size() == partition.replicas().size());
  }

  private static long endMs(FleetWindow window) {
    return window.getWindowEndMs().toEpochMilli();
  }

  private static void sleepUntil(long epochMs) throws InterruptedException {
    Thread.sleep(Math.max(0, epochMs - System.currentTimeMillis()));
  }

  private static void await(String what, Await.Condition condition) throws Exception {
    Await.until(what, STEP_LIMIT, condition);
  }

  private static void await(String what, Duration limit, Await.Condition condition)
      throws Exception {
    Await.until(what, limit, condition);
  }

  private FleetPulseConfig load(Path configFile, String instance) {
    // Same application id, a state directory each: two instances of one streams app.
    return new ConfigLoader()
        .load(
            configFile,
            Map.of("FLEETPULSE_STREAMS_STATE_DIR", dir.resolve("state-" + instance).toString()));
  }

  private Path writeConfig(EmbeddedKafkaCluster kafka, SimulatedFleet fleet) throws Exception {
    Path configFile = dir.resolve("fleetpulse.yml");
    Files.writeString(
        configFile,
        """
        kafka:
          bootstrap_servers: "%s"
          partitions: 6
          replication_factor: 3
        %s
        streams:
          application_id: %s
          windows: [10s]
          grace: 20s
          replication_factor: 3
        """
            .formatted(kafka.bootstrapServers(), CollectorYaml.scraping(fleet), APPLICATION_ID));
    return configFile;
  }
}
