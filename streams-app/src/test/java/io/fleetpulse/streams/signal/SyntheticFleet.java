package io.fleetpulse.streams.signal;

import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.contract.LatencyFamily;
import io.fleetpulse.schemas.contract.LatencySource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;

/**
 * A fluid model of a small continuous-batching fleet, stepped once a second and published as 10 s
 * windows (the cluster's and each node's): Poisson-like arrivals split over the nodes, a fixed
 * number of batch slots per node, each request holding one for a mean service time; what finds no
 * free slot waits in a FIFO queue. KV usage follows the requests running, queue time the backlog
 * over the drain rate, TTFT the queue time plus a prefill that slows with the batch. Not any real
 * engine: the detectors must work on it without being tuned to it.
 */
final class SyntheticFleet {

  static final int NODES = 4;
  static final int SLOTS = 64;
  static final double SERVICE_SECONDS = 20;

  /** Requests per second the whole fleet can finish. */
  static final double CAPACITY = NODES * SLOTS / SERVICE_SECONDS;

  static final double SLO_SECONDS = 2.0;

  private final Random random;
  private final DoubleUnaryOperator arrivals;
  private final double[] running = new double[NODES];
  private final double[] waiting = new double[NODES];
  private final List<FleetWindow> windows = new ArrayList<>();
  private Long breachMs;

  /**
   * @param arrivals the fleet's arrival rate (requests/s) at a time (s since the start)
   */
  SyntheticFleet(long seed, DoubleUnaryOperator arrivals) {
    this.random = new Random(seed);
    this.arrivals = arrivals;
    Arrays.fill(running, arrivals.applyAsDouble(0) / NODES * SERVICE_SECONDS);
  }

  /**
   * Runs for {@code windowCount} windows; returns every window, cluster first within each window
   * end.
   */
  List<FleetWindow> run(int windowCount) {
    for (int index = 0; index < windowCount; index++) {
      publish(index, stepWindow(index));
    }
    return windows;
  }

  /** The end of the first window whose cluster p99 TTFT is over the SLO, if one was. */
  Long breachMs() {
    return breachMs;
  }

  private NodeWindow[] stepWindow(int index) {
    NodeWindow[] sums = new NodeWindow[NODES];
    for (int node = 0; node < NODES; node++) {
      sums[node] = new NodeWindow();
    }
    for (int second = 0; second < 10; second++) {
      double t = index * 10.0 + second;
      double rate = arrivals.applyAsDouble(t) / NODES;
      for (int node = 0; node < NODES; node++) {
        double arrived = Math.max(0, rate + Math.sqrt(rate) * random.nextGaussian());
        double finished = running[node] / SERVICE_SECONDS;
        running[node] -= finished;
        double admitted = Math.min(waiting[node] + arrived, SLOTS - running[node]);
        waiting[node] += arrived - admitted;
        running[node] += admitted;
        sums[node].add(finished, running[node], waiting[node]);
      }
    }
    return sums;
  }

  private void publish(int index, NodeWindow[] nodes) {
    double[] kv = new double[NODES];
    double tokens = 0;
    double runningSum = 0;
    double waitingSum = 0;
    double count = 0;
    double[] queue = new double[4];
    double[] ttft = new double[4];
    double[] itl = new double[4];
    List<FleetWindow> nodeWindows = new ArrayList<>();
    for (int node = 0; node < NODES; node++) {
      NodeWindow window = nodes[node];
      kv[node] = Math.min(1, window.running / SLOTS * 0.95 + 0.01 * random.nextGaussian());
      double nodeTokens = window.running * 20 * (1 + 0.02 * random.nextGaussian());
      double drain = SLOTS / SERVICE_SECONDS;
      double wait = window.waiting / drain;
      double[] nodeQueue = {
        0.001 + 0.7 * wait, 0.003 + 1.1 * wait, 0.004 + 1.2 * wait, 0.006 + 1.3 * wait
      };
      double load = 1 + 0.5 * window.running / SLOTS;
      double[] prefill = {0.08 * load, 0.15 * load, 0.2 * load, 0.3 * load};
      double[] nodeTtft = new double[4];
      double[] nodeItl = new double[4];
      for (int q = 0; q < 4; q++) {
        double jitter = 1 + 0.05 * Math.abs(random.nextGaussian());
        nodeQueue[q] *= jitter;
        nodeTtft[q] = prefill[q] * jitter + nodeQueue[q];
        nodeItl[q] = (0.02 + 0.0003 * window.running) * (1 + 0.3 * q) * jitter;
        queue[q] += nodeQueue[q] * window.finished;
        ttft[q] += nodeTtft[q] * window.finished;
        itl[q] += nodeItl[q] * window.finished;
      }
      FleetWindow.Builder builder =
          TestWindows.node(index, "10.0.0." + (node + 1) + ":8000")
              .setGenerationTokensPerSecond(nodeTokens)
              .setRequestsRunningSum(window.running)
              .setRequestsRunningMax(window.running)
              .setRequestsWaitingSum(window.waiting)
              .setRequestsWaitingMax(window.waiting)
              .setKvCacheUsageMax(kv[node])
              .setKvCacheUsageMean(kv[node])
              .setKvCacheUsageP90(kv[node])
              .setPreemptionsPerSecond(0.0);
      latencies(builder, window.finished, nodeQueue, nodeTtft, nodeItl);
      nodeWindows.add(builder.build());
      tokens += nodeTokens;
      runningSum += window.running;
      waitingSum += window.waiting;
      count += window.finished;
    }
    for (int q = 0; q < 4; q++) {
      queue[q] /= count;
      ttft[q] /= count;
      itl[q] /= count;
    }
    double[] sorted = kv.clone();
    Arrays.sort(sorted);
    double rank = 0.9 * (NODES - 1);
    double p90 =
        sorted[(int) rank] + (rank - (int) rank) * (sorted[(int) rank + 1] - sorted[(int) rank]);
    FleetWindow.Builder cluster =
        TestWindows.cluster(index)
            .setGenerationTokensPerSecond(tokens)
            .setRequestsRunningSum(runningSum)
            .setRequestsWaitingSum(waitingSum)
            .setKvCacheUsageMax(sorted[NODES - 1])
            .setKvCacheUsageP90(p90)
            .setKvCacheUsageMean(Arrays.stream(kv).average().orElseThrow())
            .setPreemptionsPerSecond(0.0);
    latencies(cluster, count, queue, ttft, itl);
    windows.add(cluster.build());
    windows.addAll(nodeWindows);
    if (breachMs == null && ttft[3] > SLO_SECONDS) {
      breachMs = TestWindows.endMs(index);
    }
  }

  private static void latencies(
      FleetWindow.Builder window, double count, double[] queue, double[] ttft, double[] itl) {
    TestWindows.latency(
        window,
        LatencyFamily.QUEUE_TIME,
        LatencySource.HISTOGRAM,
        count,
        queue[0],
        queue[1],
        queue[2],
        queue[3]);
    TestWindows.latency(
        window,
        LatencyFamily.TIME_TO_FIRST_TOKEN,
        LatencySource.HISTOGRAM,
        count,
        ttft[0],
        ttft[1],
        ttft[2],
        ttft[3]);
    TestWindows.latency(
        window,
        LatencyFamily.INTER_TOKEN_LATENCY,
        LatencySource.HISTOGRAM,
        count,
        itl[0],
        itl[1],
        itl[2],
        itl[3]);
  }

  /** One node's window: requests finished over it, and its last gauges. */
  private static final class NodeWindow {
    double finished;
    double running;
    double waiting;

    void add(double finishedInSecond, double runningNow, double waitingNow) {
      finished += finishedInSecond;
      running = runningNow;
      waiting = waitingNow;
    }
  }
}
