package io.fleetpulse.simulator;

import io.fleetpulse.schemas.DaemonThreads;
import io.fleetpulse.simulator.batching.EngineConfig;
import io.fleetpulse.simulator.events.RequestEventPoster;
import io.fleetpulse.simulator.http.LoopbackHttpServer;
import io.fleetpulse.simulator.scenario.Fault;
import io.fleetpulse.simulator.scenario.NodeGroup;
import io.fleetpulse.simulator.scenario.Scenario;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fleet of simulated inference nodes, each serving /metrics on its own 127.0.0.1 port. All nodes
 * share one HTTP server (a single selector thread for every port, two threads rendering pages) and
 * one ticker that plays every engine forward every {@value #TICK_MILLIS} ms, so work happens even
 * where nobody scrapes, and a fleet of thousands of nodes costs a handful of threads.
 */
public final class SimulatedFleet implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SimulatedFleet.class);
  static final long TICK_MILLIS = 100;
  private static final int HTTP_THREADS = 2;

  private final Map<String, List<SimulatedNode>> nodesByCluster;
  private final List<SimulatedNode> nodes;
  private final ExecutorService httpExecutor;
  private final LoopbackHttpServer httpServer;
  private final ScheduledExecutorService ticker;
  private final AtomicBoolean closed = new AtomicBoolean();
  private RequestEventPoster requestEvents;

  private SimulatedFleet(
      Map<String, List<SimulatedNode>> nodesByCluster,
      ExecutorService httpExecutor,
      LoopbackHttpServer httpServer,
      ScheduledExecutorService ticker) {
    this.nodesByCluster = nodesByCluster;
    this.nodes = nodesByCluster.values().stream().flatMap(List::stream).toList();
    this.httpExecutor = httpExecutor;
    this.httpServer = httpServer;
    this.ticker = ticker;
  }

  /** Starts the fleet on the system clock with the default engine. */
  public static SimulatedFleet start(FleetSpec spec) throws IOException {
    return start(spec, EngineConfig.defaults(), Clock.systemUTC());
  }

  /**
   * @param clock drives every engine and timestamps the ground truth; tests pass a hand-moved one
   */
  public static SimulatedFleet start(FleetSpec spec, EngineConfig engine, Clock clock)
      throws IOException {
    NodeStarter starter =
        (cluster, index, seed, server) ->
            SimulatedNode.start(
                cluster,
                spec.model(),
                spec.requestsPerSecondPerNode(),
                engine,
                seed,
                clock,
                server);
    SimulatedFleet started = start(spec.clusters(), spec.nodesPerCluster(), spec.seed(), starter);
    LOG.info(
        "simulated vLLM fleet started: {} nodes serving {} in {}",
        started.nodes.size(),
        spec.model(),
        spec.clusters());
    return started;
  }

  /**
   * The scenario's fleet in real time: its engines, workload (time counted from now) and client
   * timeouts; a slow node slows down as the scenario says, a crashing node goes down at its time
   * (and loses its state) and comes back after its down time.
   */
  public static SimulatedFleet start(Scenario scenario, Clock clock) throws IOException {
    List<NodeGroup> groups = scenario.fleet().groups();
    NodeStarter starter =
        (cluster, index, seed, server) -> {
          NodeGroup group = groupOf(groups, index);
          return SimulatedNode.start(
              cluster,
              group.model(),
              group.engineName(),
              scenario.workload(),
              scenario.timeouts(),
              group.engineConfig(),
              seed,
              clock,
              server);
        };
    SimulatedFleet started =
        start(
            scenario.fleet().clusters(),
            scenario.fleet().nodesPerCluster(),
            scenario.seed(),
            starter);
    started.schedule(scenario.faults());
    LOG.info(
        "simulated fleet of scenario {} started: {} nodes in {}",
        scenario.name(),
        started.nodes.size(),
        scenario.fleet().clusters());
    return started;
  }

  private static NodeGroup groupOf(List<NodeGroup> groups, int index) {
    int first = 0;
    for (NodeGroup group : groups) {
      if (index < first + group.nodes()) {
        return group;
      }
      first += group.nodes();
    }
    throw new IllegalArgumentException("node index " + index + " is beyond the fleet's groups");
  }

  private void schedule(List<Fault> faults) {
    for (Fault fault : faults) {
      int dash = fault.node().lastIndexOf('-');
      SimulatedNode node =
          nodesIn(fault.node().substring(0, dash))
              .get(Integer.parseInt(fault.node().substring(dash + 1)));
      if (fault instanceof Fault.Slow slow) {
        node.slowDown(slow::factorAt);
      } else if (fault instanceof Fault.Crash crash) {
        ticker.schedule(
            () -> {
              node.stop();
              node.restart();
            },
            crash.at().toMillis(),
            TimeUnit.MILLISECONDS);
        if (crash.downFor() != null) {
          ticker.schedule(
              node::resume, crash.at().plus(crash.downFor()).toMillis(), TimeUnit.MILLISECONDS);
        }
      } else if (fault instanceof Fault.Flap flap) {
        scheduleFlap(node, flap);
      }
    }
  }

  /**
   * Follows the flap's phase, from the fleet's start as the crash times count, at the engines'
   * tick: finer than any scrape interval needs.
   */
  private void scheduleFlap(SimulatedNode node, Fault.Flap flap) {
    long startedNanos = System.nanoTime();
    ticker.scheduleAtFixedRate(
        () ->
            node.setReachable(!flap.unreachableAt((System.nanoTime() - startedNanos) / 1_000_000)),
        0,
        TICK_MILLIS,
        TimeUnit.MILLISECONDS);
  }

  /** Starts one node; the index counts from 0 within its cluster. */
  private interface NodeStarter {
    SimulatedNode start(String cluster, int index, SplittableRandom seed, LoopbackHttpServer server)
        throws IOException;
  }

  private static SimulatedFleet start(
      List<String> clusters, int nodesPerCluster, long seed, NodeStarter starter)
      throws IOException {
    ExecutorService httpExecutor =
        Executors.newFixedThreadPool(HTTP_THREADS, new DaemonThreads("fleetpulse-sim-http-"));
    LoopbackHttpServer httpServer = new LoopbackHttpServer(httpExecutor);
    ScheduledExecutorService ticker =
        Executors.newSingleThreadScheduledExecutor(new DaemonThreads("fleetpulse-sim-ticker-"));
    SplittableRandom seeds = new SplittableRandom(seed);
    Map<String, List<SimulatedNode>> nodesByCluster = new LinkedHashMap<>();
    try {
      for (String cluster : clusters) {
        List<SimulatedNode> clusterNodes = new ArrayList<>();
        for (int i = 0; i < nodesPerCluster; i++) {
          clusterNodes.add(starter.start(cluster, i, seeds.split(), httpServer));
        }
        nodesByCluster.put(cluster, List.copyOf(clusterNodes));
      }
    } catch (IOException | RuntimeException e) {
      nodesByCluster.values().forEach(started -> started.forEach(SimulatedNode::shutdown));
      httpServer.close();
      httpExecutor.shutdownNow();
      ticker.shutdownNow();
      throw e;
    }
    SimulatedFleet started = new SimulatedFleet(nodesByCluster, httpExecutor, httpServer, ticker);
    ticker.scheduleWithFixedDelay(started::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    // A fleet can have thousands of nodes: their addresses are for whoever asks for them.
    LOG.debug("simulated nodes: {}", started.nodes.stream().map(SimulatedNode::toString).toList());
    return started;
  }

  public List<SimulatedNode> nodes() {
    return nodes;
  }

  public List<SimulatedNode> nodesIn(String cluster) {
    List<SimulatedNode> clusterNodes = nodesByCluster.get(cluster);
    if (clusterNodes == null) {
      throw new IllegalArgumentException(
          "no simulated cluster '" + cluster + "'; clusters are " + nodesByCluster.keySet());
    }
    return clusterNodes;
  }

  /** The summed ground truth of one cluster's nodes. */
  public GroundTruth groundTruth(String cluster) {
    return new SummedGroundTruth(
        nodesIn(cluster).stream().map(SimulatedNode::groundTruth).toList());
  }

  /** The summed ground truth of every node. */
  public GroundTruth groundTruth() {
    return new SummedGroundTruth(nodes.stream().map(SimulatedNode::groundTruth).toList());
  }

  /**
   * From now on every node posts its finished requests, as JSON lines, to a collector's {@code
   * /v1/requests} at {@code url}, in a batch every {@code interval}.
   */
  public synchronized RequestEventPoster postRequestEventsTo(URI url, Duration interval) {
    if (requestEvents != null) {
      throw new IllegalStateException("request events already go to a collector");
    }
    requestEvents = RequestEventPoster.start(url, interval);
    nodes.forEach(node -> node.requestEvents().sendTo(requestEvents::add));
    return requestEvents;
  }

  private void tick() {
    for (SimulatedNode node : nodes) {
      try {
        node.advanceToNow();
      } catch (RuntimeException e) {
        // An exception escaping a scheduled task would silently cancel the ticker for every node.
        LOG.error("simulator ticker could not advance node {}", node, e);
      }
    }
  }

  /** Stops the ticker and every node's listener. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    ticker.shutdownNow();
    synchronized (this) {
      if (requestEvents != null) {
        requestEvents.close();
      }
    }
    nodes.forEach(SimulatedNode::shutdown);
    httpServer.close();
    httpExecutor.shutdownNow();
    LOG.info("simulated fleet stopped ({} nodes)", nodes.size());
  }
}
