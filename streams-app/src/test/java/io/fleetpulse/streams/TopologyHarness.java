package io.fleetpulse.streams;

import io.fleetpulse.schemas.AvroSerde;
import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.KafkaConnection;
import io.fleetpulse.schemas.NodeStats;
import io.fleetpulse.schemas.RequestEvent;
import io.fleetpulse.schemas.RollupWindow;
import io.fleetpulse.schemas.Scrape;
import io.fleetpulse.schemas.Signal;
import io.fleetpulse.schemas.Topics;
import io.fleetpulse.schemas.contract.EventTime;
import io.fleetpulse.streams.health.StreamsAppMetrics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The fleet topology in a TopologyTestDriver, configured with the app's own Streams properties (so
 * with exactly-once), its wall clock starting at {@link Scrapes#BASE}.
 */
public final class TopologyHarness implements AutoCloseable {

  public static final Topics TOPICS = new Topics("test");
  public static final Duration GRACE = Duration.ofSeconds(10);

  /**
   * None, unless a test asks: then a window closes when its scrapes say, and a test of closing
   * reads as the rules of the node stage alone.
   */
  public static final Duration NO_EVENT_LATENESS = Duration.ZERO;

  public static final String APPLICATION_ID = "fleetpulse-test";

  private final StreamsAppMetrics metrics = new StreamsAppMetrics();
  private final TopologyTestDriver driver;
  private final TestInputTopic<String, Scrape> scrapes;
  private final TestInputTopic<String, RequestEvent> requests;
  private final TestInputTopic<String, byte[]> rawScrapes;
  private final TestInputTopic<String, byte[]> rawRequests;
  private final TestOutputTopic<String, FleetWindow> fleetStats;
  private final TestOutputTopic<String, NodeStats> nodeStats;
  private final TestOutputTopic<byte[], byte[]> deadLetters;
  private final TestOutputTopic<String, Signal> signals;
  private final Map<String, TestOutputTopic<String, RollupWindow>> rollupTopics = new HashMap<>();
  private final List<KeyValue<String, FleetWindow>> emitted = new ArrayList<>();
  private final Map<String, List<KeyValue<String, RollupWindow>>> rolledUp = new HashMap<>();
  private long wallClockMs;

  public TopologyHarness(Path stateDir, Duration... windows) {
    this(stateDir, Scrapes.BASE, windows);
  }

  /**
   * A harness whose wall clock starts at {@code wallClockStart}, e.g. long after the scrapes it
   * will see.
   */
  public TopologyHarness(Path stateDir, Instant wallClockStart, Duration... windows) {
    this(stateDir, wallClockStart, null, windows);
  }

  /** A harness publishing the node scope as {@code nodeScope} says (null: the default). */
  public TopologyHarness(
      Path stateDir, Instant wallClockStart, String nodeScope, Duration... windows) {
    this(
        stateDir,
        APPLICATION_ID,
        wallClockStart,
        nodeScope,
        GRACE,
        NO_EVENT_LATENESS,
        List.of(windows));
  }

  /**
   * A harness of its own application id, grace and event lateness whose wall clock starts at {@code
   * wallClockStart}: e.g. a replay, after the fact, of what another harness saw live.
   */
  public static TopologyHarness replaying(
      Path stateDir,
      String applicationId,
      Instant wallClockStart,
      Duration grace,
      Duration eventLateness,
      Duration... windows) {
    return new TopologyHarness(
        stateDir, applicationId, wallClockStart, null, grace, eventLateness, List.of(windows));
  }

  /** A harness whose windows wait {@code eventLateness} after their end for request events. */
  public static TopologyHarness withEventLateness(
      Path stateDir, Duration eventLateness, Duration... windows) {
    return new TopologyHarness(
        stateDir, APPLICATION_ID, Scrapes.BASE, null, GRACE, eventLateness, List.of(windows));
  }

  private TopologyHarness(
      Path stateDir,
      String applicationId,
      Instant wallClockStart,
      String nodeScope,
      Duration grace,
      Duration eventLateness,
      List<Duration> windows) {
    StreamsAppConfig config =
        new StreamsAppConfig(
            applicationId,
            windows,
            grace,
            null,
            stateDir.toString(),
            null,
            null,
            nodeScope,
            null,
            null,
            eventLateness);
    Properties props =
        StreamsProperties.forTestDriver(
            StreamsProperties.of(
                KafkaConnection.plaintext("localhost:9092"), TOPICS, config, metrics));
    driver =
        new TopologyTestDriver(
            FleetTopology.build(TOPICS, config, metrics, () -> 1), props, wallClockStart);
    wallClockMs = wallClockStart.toEpochMilli();
    scrapes =
        driver.createInputTopic(
            TOPICS.scrapes(),
            Serdes.String().serializer(),
            new AvroSerde<>(Scrape.class).serializer());
    requests =
        driver.createInputTopic(
            TOPICS.requests(),
            Serdes.String().serializer(),
            new AvroSerde<>(RequestEvent.class).serializer());
    rawScrapes =
        driver.createInputTopic(
            TOPICS.scrapes(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
    rawRequests =
        driver.createInputTopic(
            TOPICS.requests(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
    fleetStats =
        driver.createOutputTopic(
            TOPICS.fleetStats(),
            Serdes.String().deserializer(),
            new AvroSerde<>(FleetWindow.class).deserializer());
    nodeStats =
        driver.createOutputTopic(
            TOPICS.nodeStats(),
            Serdes.String().deserializer(),
            new AvroSerde<>(NodeStats.class).deserializer());
    deadLetters =
        driver.createOutputTopic(
            TOPICS.deadLetter(),
            Serdes.ByteArray().deserializer(),
            Serdes.ByteArray().deserializer());
    signals =
        driver.createOutputTopic(
            TOPICS.signals(),
            Serdes.String().deserializer(),
            new AvroSerde<>(Signal.class).deserializer());
    for (String tier : Topics.ROLLUP_TIERS) {
      rollupTopics.put(
          tier,
          driver.createOutputTopic(
              TOPICS.rollup(tier),
              Serdes.String().deserializer(),
              new AvroSerde<>(RollupWindow.class).deserializer()));
    }
  }

  public static Duration seconds(long seconds) {
    return Duration.ofSeconds(seconds);
  }

  public void pipe(Scrape... scrapeRecords) {
    for (Scrape scrape : scrapeRecords) {
      scrapes.pipeInput(Scrapes.key(scrape), scrape, scrape.getTimestampMs());
    }
  }

  /**
   * Pipes request events keyed cluster/node, stamped with the time they were published: when they
   * finished.
   */
  public void pipeEvents(List<RequestEvent> events) {
    for (RequestEvent event : events) {
      requests.pipeInput(
          event.getCluster() + "/" + event.getNode(),
          event,
          Instant.ofEpochMilli(EventTime.of(event)));
    }
  }

  public void pipeRaw(String key, byte[] value) {
    rawScrapes.pipeInput(key, value);
  }

  public void pipeRawRequest(String key, byte[] value) {
    rawRequests.pipeInput(key, value);
  }

  /**
   * Moves the wall clock to {@code offsetMs} after BASE (never backwards), firing wall-clock
   * punctuators.
   */
  public void wallClockAt(long offsetMs) {
    advanceWallClock(
        Duration.ofMillis(Math.max(0, Scrapes.BASE.toEpochMilli() + offsetMs - wallClockMs)));
  }

  public void advanceWallClock(Duration duration) {
    driver.advanceWallClockTime(duration);
    wallClockMs += duration.toMillis();
  }

  /**
   * Lets a day of wall-clock time pass without input, which closes every window: first a pause
   * shorter than the grace, as a real clock passes it.
   */
  public void closeAllWindows() {
    advanceWallClock(GRACE.multipliedBy(3).dividedBy(4));
    advanceWallClock(Duration.ofDays(1));
  }

  /** Every FleetWindow emitted so far, in order. */
  public List<KeyValue<String, FleetWindow>> emitted() {
    emitted.addAll(fleetStats.readKeyValuesToList());
    return List.copyOf(emitted);
  }

  /** The windows emitted so far under {@code key} (e.g. {@code fleet/10s}), in order. */
  public List<FleetWindow> windows(String key) {
    return emitted().stream().filter(kv -> kv.key.equals(key)).map(kv -> kv.value).toList();
  }

  /** The one window emitted under {@code key} that starts {@code startOffsetMs} after BASE. */
  public FleetWindow window(String key, long startOffsetMs) {
    List<FleetWindow> matching =
        windows(key).stream()
            .filter(w -> w.getWindowStartMs().equals(Scrapes.BASE.plusMillis(startOffsetMs)))
            .toList();
    if (matching.size() != 1) {
      throw new AssertionError(
          matching.size()
              + " windows "
              + key
              + " starting at +"
              + startOffsetMs
              + " ms, expected exactly one; emitted: "
              + emitted());
    }
    return matching.get(0);
  }

  /** Every window of rollup tier {@code tier} (1m, 1h, 1d) emitted so far, in order. */
  public List<KeyValue<String, RollupWindow>> rollups(String tier) {
    List<KeyValue<String, RollupWindow>> all =
        rolledUp.computeIfAbsent(tier, any -> new ArrayList<>());
    all.addAll(rollupTopics.get(tier).readKeyValuesToList());
    return List.copyOf(all);
  }

  /** The windows of {@code tier} emitted so far for {@code scopeKey} (e.g. {@code fleet}). */
  public List<RollupWindow> rollups(String tier, String scopeKey) {
    return rollups(tier).stream()
        .filter(kv -> kv.key.startsWith(scopeKey + "|"))
        .map(kv -> kv.value)
        .toList();
  }

  /** The node-stats records emitted since the last call, in order. */
  public List<KeyValue<String, NodeStats>> nodeStats() {
    return nodeStats.readKeyValuesToList();
  }

  /** The signals emitted since the last call, in order. */
  public List<KeyValue<String, Signal>> signals() {
    return signals.readKeyValuesToList();
  }

  public List<TestRecord<byte[], byte[]>> deadLetters() {
    return deadLetters.readRecordsToList();
  }

  public long lateSlicesDropped() {
    return metrics.lateSlicesDropped();
  }

  public StreamsAppMetrics metrics() {
    return metrics;
  }

  public TopologyTestDriver driver() {
    return driver;
  }

  @Override
  public void close() {
    driver.close();
  }
}
