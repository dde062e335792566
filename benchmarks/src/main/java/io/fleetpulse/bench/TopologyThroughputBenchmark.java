package io.fleetpulse.bench;

import io.fleetpulse.collector.parse.ExpositionParseException;
import io.fleetpulse.collector.parse.TextFormatParser;
import io.fleetpulse.schemas.AvroSerde;
import io.fleetpulse.schemas.Histogram;
import io.fleetpulse.schemas.KafkaConnection;
import io.fleetpulse.schemas.MetricFamily;
import io.fleetpulse.schemas.RequestEvent;
import io.fleetpulse.schemas.Sample;
import io.fleetpulse.schemas.Scrape;
import io.fleetpulse.schemas.Topics;
import io.fleetpulse.streams.FleetTopology;
import io.fleetpulse.streams.StreamsAppConfig;
import io.fleetpulse.streams.StreamsProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Records per second through the whole fleet topology on one stream thread: decoding, the node
 * stage (counter and histogram deltas, window slices, node stats) or the event stage, the fan-out
 * to five scopes and the windowed aggregation of both default window sizes, with exactly-once and
 * RocksDB stores, as the app runs it. Scrapes are the vLLM fixture from {@link #nodes} nodes every
 * 5 s with growing counters and histograms; request events come from the same nodes. A
 * TopologyTestDriver stands in for Kafka: it commits after every record, which a real stream thread
 * does every 200 ms, so these figures are a floor.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TopologyThroughputBenchmark {

  private static final Topics TOPICS = new Topics("bench");
  private static final long SCRAPE_INTERVAL_MS = 5_000;
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  @Param({"scrapes", "requests"})
  public String input;

  /**
   * Fleet size: the scrape interval is spread evenly over this many nodes, as the collector spreads
   * them.
   */
  @Param({"50", "250", "1000", "5000"})
  public int nodes;

  private final AvroSerde<Scrape> scrapeSerde = new AvroSerde<>(Scrape.class);
  private final AvroSerde<RequestEvent> eventSerde = new AvroSerde<>(RequestEvent.class);
  private final Map<String, TestOutputTopic<byte[], byte[]>> outputs = new HashMap<>();
  private Path stateDir;
  private TopologyTestDriver driver;
  private TestInputTopic<String, byte[]> topic;
  private List<MetricFamily> vllm;
  private long sequence;
  private String key;
  private byte[] value;
  private Instant timestamp;

  @Setup(Level.Trial)
  public void start() throws IOException, ExpositionParseException {
    stateDir = Files.createTempDirectory("fleetpulse-topology-bench");
    StreamsAppConfig config =
        new StreamsAppConfig("fleetpulse-bench", null, null, null, stateDir.toString(), null, null);
    driver =
        new TopologyTestDriver(
            FleetTopology.build(TOPICS, config),
            StreamsProperties.forTestDriver(
                StreamsProperties.of(KafkaConnection.plaintext("localhost:9092"), TOPICS, config)),
            START);
    String source = input.equals("scrapes") ? TOPICS.scrapes() : TOPICS.requests();
    topic =
        driver.createInputTopic(
            source, Serdes.String().serializer(), Serdes.ByteArray().serializer());
    vllm = new TextFormatParser().parse(EngineFixture.read("vllm.prom"));
  }

  /** Builds the next record outside the measured time. */
  @Setup(Level.Invocation)
  public void nextRecord() {
    int node = (int) (sequence % nodes);
    long round = sequence / nodes;
    if (input.equals("scrapes")) {
      timestamp = START.plusMillis(round * SCRAPE_INTERVAL_MS + node * SCRAPE_INTERVAL_MS / nodes);
      key = "bench/node-" + node + ":8000";
      value = scrapeSerde.encode(scrape(node, round));
    } else {
      RequestEvent event = event(node);
      timestamp = event.getArrivalTimeMs().plusMillis((long) (event.getE2eLatencySeconds() * 1000));
      key = "bench/node-" + node + ":8000";
      value = eventSerde.encode(event);
    }
    sequence++;
  }

  @Benchmark
  public void process() {
    topic.pipeInput(key, value, timestamp);
    drainOutputs();
  }

  @TearDown(Level.Trial)
  public void stop() {
    driver.close();
    try (var paths = Files.walk(stateDir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The driver keeps every record written (outputs, changelogs) until read; reading them keeps
   * memory flat.
   */
  private void drainOutputs() {
    for (String name : driver.producedTopicNames()) {
      outputs
          .computeIfAbsent(
              name,
              any ->
                  driver.createOutputTopic(
                      name, new ByteArrayDeserializer(), new ByteArrayDeserializer()))
          .readRecordsToList();
    }
  }

  /**
   * The fixture, its counters and latency histograms grown by {@code round} intervals of steady
   * traffic.
   */
  private Scrape scrape(int node, long round) {
    for (MetricFamily family : vllm) {
      for (Sample sample : family.getSamples()) {
        if (sample.getName().endsWith("_total")) {
          sample.setValue(1000 + round * 250.0 + node);
        }
      }
      for (Histogram histogram : family.getHistograms()) {
        List<Double> counts = new ArrayList<>(histogram.getCumulativeCounts().size());
        for (int i = 0; i < histogram.getCumulativeCounts().size(); i++) {
          counts.add((double) (round * (i + 1)));
        }
        histogram.setCumulativeCounts(counts);
        histogram.setCount(counts.get(counts.size() - 1));
      }
    }
    return Scrape.newBuilder()
        .setCluster("bench")
        .setInstance("node-" + node + ":8000")
        .setJob("vllm")
        .setEngine("vllm")
        .setTimestampMs(timestamp)
        .setDurationSeconds(0.01)
        .setUp(true)
        .setError(null)
        .setTargetLabels(Map.of("cluster", "bench"))
        .setFamilies(vllm)
        .build();
  }

  private RequestEvent event(int node) {
    double e2e = 1 + (sequence % 97) / 10.0;
    return RequestEvent.newBuilder()
        .setRequestId("request-" + sequence)
        .setCluster("bench")
        .setNode("node-" + node + ":8000")
        .setModel("meta-llama/Llama-3.1-8B-Instruct")
        .setArrivalTimeMs(START.plus(Duration.ofMillis(sequence * 2)))
        .setQueueTimeSeconds(0.05 + (sequence % 13) / 100.0)
        .setTimeToFirstTokenSeconds(0.2 + (sequence % 31) / 100.0)
        .setE2eLatencySeconds(e2e)
        .setPromptTokens(500)
        .setGenerationTokens(200)
        .setFinishReason("stop")
        .build();
  }
}
