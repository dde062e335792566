package io.fleetpulse.bench;

import com.datadoghq.sketch.ddsketch.DDSketch;
import io.fleetpulse.schemas.AvroSerde;
import io.fleetpulse.schemas.contract.Scope;
import io.fleetpulse.streams.aggregate.ScopeAggregates;
import io.fleetpulse.streams.events.LatencySketches;
import io.fleetpulse.streams.histogram.BucketQuantile;
import io.fleetpulse.streams.histogram.LayoutUnion;
import io.fleetpulse.streams.node.CounterDeltaTracker;
import io.fleetpulse.streams.profile.CanonicalCounter;
import io.fleetpulse.streams.profile.CounterSample;
import io.fleetpulse.streams.state.BucketCounts;
import io.fleetpulse.streams.state.GaugeObservation;
import io.fleetpulse.streams.state.NodeWindow;
import io.fleetpulse.streams.state.ScopeAggregate;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The per-record pieces of the aggregation, each on its own: counter deltas of one scrape, a
 * histogram merge and quantile, a DDSketch merge from bytes, the Avro encoding of a partial, and
 * adding one node's final contribution to a scope partial (what the combiner does per node, scope
 * and window).
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AggregationBenchmark {

  private static final List<Double> BOUNDS =
      List.of(
          0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5,
          10.0, 20.0, 40.0, 80.0);

  private final AvroSerde<ScopeAggregate> aggregateSerde = new AvroSerde<>(ScopeAggregate.class);
  private Map<String, Double> previousCounters;
  private List<CounterSample> counters;
  private List<BucketCounts> layouts;
  private ByteBuffer sketchA;
  private ByteBuffer sketchB;
  private NodeWindow contribution;
  private ScopeAggregate partial;
  private byte[] encodedPartial;

  @Setup
  public void prepare() {
    Random random = new Random(7);
    previousCounters = new HashMap<>();
    counters = new ArrayList<>();
    for (int rank = 0; rank < 8; rank++) {
      for (CanonicalCounter counter :
          new CanonicalCounter[] {
            CanonicalCounter.GENERATION_TOKENS,
            CanonicalCounter.PROMPT_TOKENS,
            CanonicalCounter.PREEMPTIONS
          }) {
        CounterSample sample =
            new CounterSample(
                counter,
                null,
                "vllm:" + counter.id() + "_total",
                Map.of("engine", Integer.toString(rank)),
                1000 + random.nextInt(1000));
        previousCounters.put(sample.seriesKey(), sample.value() - random.nextInt(100));
        counters.add(sample);
      }
    }
    layouts = List.of(buckets(random, BOUNDS), buckets(random, BOUNDS.subList(0, 12)));
    sketchA = sketch(random);
    sketchB = sketch(random);
    contribution = contribution(random);
    partial = ScopeAggregates.of(Scope.CLUSTER, contribution(random));
    encodedPartial = aggregateSerde.encode(partial);
  }

  @Benchmark
  public CounterDeltaTracker.Deltas counterDeltas() {
    return CounterDeltaTracker.track(previousCounters, counters);
  }

  @Benchmark
  public double histogramMergeAndQuantile() {
    return BucketQuantile.of(0.99, LayoutUnion.merge(layouts));
  }

  @Benchmark
  public ByteBuffer sketchMergeFromBytes() {
    return LatencySketches.merge(sketchA, sketchB);
  }

  @Benchmark
  public byte[] partialEncode() {
    return aggregateSerde.encode(partial);
  }

  @Benchmark
  public ScopeAggregate partialDecode() {
    return aggregateSerde.decode(encodedPartial);
  }

  /**
   * One node's final contribution added to a partial of its scope: read, merge, write back, as the
   * store sees it.
   */
  @Benchmark
  public byte[] addContributionToPartial() {
    ScopeAggregate kept = aggregateSerde.decode(encodedPartial);
    return aggregateSerde.encode(
        ScopeAggregates.merge(kept, ScopeAggregates.of(Scope.CLUSTER, contribution)));
  }

  private static BucketCounts buckets(Random random, List<Double> bounds) {
    List<Double> counts = new ArrayList<>();
    double total = 0;
    for (int i = 0; i <= bounds.size(); i++) {
      total += random.nextInt(50);
      counts.add(total);
    }
    return new BucketCounts(new ArrayList<>(bounds), counts);
  }

  private static ByteBuffer sketch(Random random) {
    DDSketch sketch = LatencySketches.empty();
    for (int i = 0; i < 500; i++) {
      sketch.accept(0.01 + random.nextDouble() * 5);
    }
    return LatencySketches.encode(sketch);
  }

  private static NodeWindow contribution(Random random) {
    Map<String, Double> counters = new HashMap<>();
    counters.put(CanonicalCounter.GENERATION_TOKENS.id(), 1000.0 + random.nextInt(100));
    counters.put(CanonicalCounter.PROMPT_TOKENS.id(), 4000.0 + random.nextInt(100));
    Map<String, List<BucketCounts>> histograms = new HashMap<>();
    for (String family :
        List.of(
            "time_to_first_token", "inter_token_latency", "e2e_request_latency", "queue_time")) {
      histograms.put(family, new ArrayList<>(List.of(buckets(random, BOUNDS))));
    }
    Map<String, Double> gauges =
        Map.of("requests_running", 12.0, "requests_waiting", 3.0, "kv_cache_usage", 0.4);
    return new NodeWindow(
        "bench",
        "node-1:8000",
        "llama",
        "vllm",
        10_000L,
        10_000L,
        10_000L,
        counters,
        histograms,
        new GaugeObservation(9_000L, true, new HashMap<>(gauges)),
        new HashMap<>());
  }
}
