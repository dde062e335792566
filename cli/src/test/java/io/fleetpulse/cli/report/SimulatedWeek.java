package io.fleetpulse.cli.report;

import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.LatencyQuantile;
import io.fleetpulse.schemas.RollupWindow;
import io.fleetpulse.schemas.Signal;
import io.fleetpulse.schemas.SignalState;
import io.fleetpulse.schemas.contract.Scope;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * A week of rollup windows of a 100-node fleet with known figures, as the rollup tiers would hold
 * them: two models in two clusters, a diurnal load, and for llama-8b a queue-time knee at {@link
 * #KNEE} tokens/s per node that its daily peak ({@link #LLAMA_PEAK}) passes; qwen-32b stays far
 * below it. Each tier is built on its own, with simple closed forms, so that tests can state the
 * expected numbers without recomputing the report.
 */
public final class SimulatedWeek {

  static final Instant START = Instant.parse("2026-11-23T00:00:00Z");
  static final Instant END = START.plus(Duration.ofDays(7));
  static final String LLAMA = "llama-8b";
  static final String QWEN = "qwen-32b";
  static final List<String> CLUSTERS = List.of("us-east", "eu-west");
  static final int LLAMA_NODES = 60;
  static final int QWEN_NODES = 40;
  static final double KNEE = 1000;
  static final double LLAMA_PEAK = 1200;
  static final double QWEN_PEAK = 400;

  /** llama-8b's KV cache is saturated from 10:00 to 11:00 every day. */
  static final int SATURATED_MINUTES_PER_DAY = 60;

  /** On day 3 from 00:00 to 10:00, two llama-8b nodes are down. */
  static final int DOWN_NODES = 2;

  static final int DOWN_DAY = 3;
  static final int DOWN_HOURS = 10;

  private static final double[] QUANTILES = {0.5, 0.9, 0.95, 0.99};

  private SimulatedWeek() {}

  /**
   * Generation tokens of one model in one 1 h window, all nodes: 1000 × (day+1) × (hour+1) × nodes.
   */
  static double hourTokens(String model, int day, int hour) {
    return 1000.0 * (day + 1) * (hour + 1) * nodes(model);
  }

  /** A model's generation tokens on one day: the sum of its hours, 300,000 × (day+1) × nodes. */
  static double dayTokens(String model, int day) {
    return 300_000.0 * (day + 1) * nodes(model);
  }

  static double ttftP99(String model, int day) {
    return model.equals(LLAMA) ? 0.2 + 0.01 * day : 0.5 + 0.01 * day;
  }

  /**
   * Tokens/s per node at a minute of the day: a cosine from the trough at midnight to noon's peak.
   */
  static double tokensPerNode(String model, int minuteOfDay) {
    double shape = (1 - Math.cos(2 * Math.PI * minuteOfDay / 1440.0)) / 2;
    return model.equals(LLAMA) ? 200 + 1000 * shape : 100 + 300 * shape;
  }

  /** p99 queue time: flat below the knee, rising 2 ms per token/s per node above it. */
  static double queueP99(String model, double perNode) {
    return model.equals(LLAMA) && perNode > KNEE ? 0.05 + (perNode - KNEE) * 0.002 : 0.03;
  }

  static int nodes(String model) {
    return model.equals(LLAMA) ? LLAMA_NODES : QWEN_NODES;
  }

  /**
   * Every window of the week: model and fleet scope, and with {@code everyScope} also cluster,
   * cluster_model and node scope, as the tiers of a real 100-node fleet would hold. Each is a tier
   * record whose node-seconds are its nodes up and down times its length: the week's nodes go down
   * and up on the hour.
   */
  static void forEachWindow(boolean everyScope, BiConsumer<String, RollupWindow> out) {
    for (int day = 0; day < 7; day++) {
      for (int minute = 0; minute < 1440; minute++) {
        long startMs = START.toEpochMilli() + (day * 1440L + minute) * 60_000;
        for (Part part : parts(everyScope)) {
          out.accept("1m", rollup(minute(part, startMs, minute)));
        }
      }
      for (int hour = 0; hour < 24; hour++) {
        long startMs = START.toEpochMilli() + (day * 24L + hour) * 3_600_000;
        for (Part part : parts(everyScope)) {
          out.accept("1h", rollup(hour(part, startMs, day, hour)));
        }
      }
      long dayStartMs = START.toEpochMilli() + day * 86_400_000L;
      for (Part part : parts(everyScope)) {
        out.accept("1d", rollup(day(part, dayStartMs, day)));
      }
    }
  }

  private static RollupWindow rollup(FleetWindow window) {
    double seconds =
        (window.getWindowEndMs().toEpochMilli() - window.getWindowStartMs().toEpochMilli())
            / 1000.0;
    return RollupWindow.newBuilder()
        .setWindow(window)
        .setTierWindows(60)
        .setAggregate(ByteBuffer.wrap(new byte[16]))
        .setNodeSecondsUp(window.getNodesUp() * seconds)
        .setNodeSecondsDown(window.getNodesDown() * seconds)
        .build();
  }

  /** One series of the week: a scope, the models it covers and the share of their nodes. */
  private record Part(
      Scope scope, String cluster, List<String> models, String node, double share) {}

  private static List<Part> parts(boolean everyScope) {
    List<Part> parts = new ArrayList<>();
    parts.add(new Part(Scope.FLEET, null, List.of(LLAMA, QWEN), null, 1));
    for (String model : List.of(LLAMA, QWEN)) {
      parts.add(new Part(Scope.MODEL, null, List.of(model), null, 1));
    }
    if (!everyScope) {
      return parts;
    }
    for (String cluster : CLUSTERS) {
      parts.add(new Part(Scope.CLUSTER, cluster, List.of(LLAMA, QWEN), null, 0.5));
      for (String model : List.of(LLAMA, QWEN)) {
        parts.add(new Part(Scope.CLUSTER_MODEL, cluster, List.of(model), null, 0.5));
        for (int n = 0; n < nodes(model) / CLUSTERS.size(); n++) {
          parts.add(
              new Part(
                  Scope.NODE,
                  cluster,
                  List.of(model),
                  model + "-" + cluster + "-" + n + ":8000",
                  1.0 / nodes(model)));
        }
      }
    }
    return parts;
  }

  private static FleetWindow.Builder base(Part part, String tier, long startMs, long lengthMs) {
    return FleetWindow.newBuilder()
        .setScope(part.scope().label())
        .setCluster(part.cluster())
        .setModel(part.models().size() == 1 ? part.models().get(0) : null)
        .setNode(part.node())
        .setEngine("vllm")
        .setWindow(tier)
        .setWindowStartMs(Instant.ofEpochMilli(startMs))
        .setWindowEndMs(Instant.ofEpochMilli(startMs + lengthMs));
  }

  private static int nodesOf(Part part) {
    return (int)
        Math.round(part.models().stream().mapToInt(SimulatedWeek::nodes).sum() * part.share());
  }

  private static FleetWindow minute(Part part, long startMs, int minuteOfDay) {
    int nodes = nodesOf(part);
    double tokensPerSecond = 0;
    double queue = 0;
    for (String model : part.models()) {
      double perNode = tokensPerNode(model, minuteOfDay);
      tokensPerSecond += perNode * nodes(model) * part.share();
      queue = Math.max(queue, queueP99(model, perNode));
    }
    boolean saturated = part.models().contains(LLAMA) && minuteOfDay >= 600 && minuteOfDay < 660;
    List<LatencyQuantile> latency = new ArrayList<>();
    quantiles(latency, "queue_time", "events", queue);
    quantiles(latency, "queue_time", "histogram", queue * 1.1);
    quantiles(latency, "time_to_first_token", "events", queue + 0.1);
    quantiles(latency, "inter_token_latency", "events", 0.02);
    return base(part, "1m", startMs, 60_000)
        .setGenerationTokensPerSecond(tokensPerSecond)
        .setGenerationTokens(tokensPerSecond * 60)
        .setKvCacheUsageMax(saturated ? 0.95 : 0.6)
        .setKvCacheUsageMean(0.5)
        .setNodesUp(nodes)
        .setLatency(latency)
        .build();
  }

  private static FleetWindow hour(Part part, long startMs, int day, int hour) {
    double tokens = 0;
    int down = 0;
    for (String model : part.models()) {
      tokens += hourTokens(model, day, hour) * part.share();
      if (model.equals(LLAMA) && day == DOWN_DAY && hour < DOWN_HOURS) {
        down += (int) Math.round(DOWN_NODES * part.share() * nodes(model) / LLAMA_NODES);
      }
    }
    return base(part, "1h", startMs, 3_600_000)
        .setGenerationTokens(tokens)
        .setPromptTokens(tokens / 2)
        .setGenerationTokensPerSecond(tokens / 3600)
        .setNodesUp(nodesOf(part) - down)
        .setNodesDown(down)
        .build();
  }

  private static FleetWindow day(Part part, long startMs, int day) {
    List<LatencyQuantile> latency = new ArrayList<>();
    String model = part.models().get(0);
    if (model.equals(LLAMA)) {
      quantiles(latency, "time_to_first_token", "histogram", ttftP99(model, day) + 0.05);
      quantiles(latency, "time_to_first_token", "events", ttftP99(model, day));
      quantiles(latency, "inter_token_latency", "events", 0.02);
    } else {
      quantiles(latency, "time_to_first_token", "histogram", ttftP99(model, day));
      quantiles(latency, "inter_token_latency", "histogram", 0.04);
    }
    return base(part, "1d", startMs, 86_400_000)
        .setNodesUp(nodesOf(part))
        .setLatency(latency)
        .build();
  }

  /** The four quantiles of a family and source, p99 being {@code p99} and the others below it. */
  private static void quantiles(
      List<LatencyQuantile> out, String family, String source, double p99) {
    for (double q : QUANTILES) {
      out.add(
          LatencyQuantile.newBuilder()
              .setFamily(family)
              .setSource(source)
              .setQuantile(q)
              .setValue(p99 * q / 0.99)
              .build());
    }
  }

  /**
   * The week's signals: kv_cache_saturation on llama-8b firing on day 1 from 10:00 to 10:30 (1800
   * s), and slow_node on one node firing from day 6 23:00 to the end of the week, unresolved.
   */
  static List<Signal> signals() {
    long day1 = START.toEpochMilli() + 86_400_000L;
    long day6 = START.toEpochMilli() + 6 * 86_400_000L;
    String node = LLAMA + "-us-east-0:8000";
    return List.of(
        llamaKv(SignalState.PENDING, day1 + 35_400_000L),
        llamaKv(SignalState.FIRING, day1 + 36_000_000L),
        llamaKv(SignalState.FIRING, day1 + 36_600_000L),
        llamaKv(SignalState.RESOLVED, day1 + 37_800_000L),
        signal("slow_node", Scope.NODE, "us-east", node, SignalState.FIRING, day6 + 82_800_000L));
  }

  private static Signal llamaKv(SignalState state, long atMs) {
    return signal("kv_cache_saturation", Scope.MODEL, null, null, state, atMs);
  }

  private static Signal signal(
      String name, Scope scope, String cluster, String node, SignalState state, long atMs) {
    return Signal.newBuilder()
        .setSignal(name)
        .setScope(scope.label())
        .setCluster(cluster)
        .setModel(LLAMA)
        .setNode(node)
        .setState(state)
        .setValue(1)
        .setThreshold(0.9)
        .setStartedMs(Instant.ofEpochMilli(atMs))
        .setUpdatedMs(Instant.ofEpochMilli(atMs))
        .build();
  }
}
