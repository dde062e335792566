package io.fleetpulse.simulator;

import io.fleetpulse.schemas.contract.EngineName;
import io.fleetpulse.simulator.batching.ClientTimeouts;
import io.fleetpulse.simulator.batching.EngineConfig;
import io.fleetpulse.simulator.batching.ListenerFanOut;
import io.fleetpulse.simulator.batching.SimulatedEngine;
import io.fleetpulse.simulator.batching.Workload;
import io.fleetpulse.simulator.events.RequestEventRecorder;
import io.fleetpulse.simulator.http.LoopbackHttpServer;
import io.fleetpulse.simulator.http.MetricsPage;
import io.fleetpulse.simulator.http.NodeHttpServer;
import io.fleetpulse.simulator.metrics.EngineFormats;
import io.fleetpulse.simulator.metrics.LabelExplosion;
import io.fleetpulse.simulator.metrics.NodeExposition;
import io.fleetpulse.simulator.truth.TokenHistory;
import io.fleetpulse.simulator.truth.TokenLedger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated inference server (vLLM unless told otherwise): an engine that follows the wall
 * clock, its /metrics on a loopback port, and the record of what it really did. Every state change
 * happens under one lock per node, so a scrape, a ticker pass and a ground-truth query each see the
 * node at a single instant.
 */
public final class SimulatedNode {

  private static final Logger LOG = LoggerFactory.getLogger(SimulatedNode.class);
  private static final Duration GROUND_TRUTH_RETENTION = Duration.ofMinutes(30);
  private static final int PAGE_CAPACITY = 64 * 1024;

  private final String cluster;
  private final String model;
  private final Clock clock;
  private final Object lock = new Object();
  private final NodeClock nodeClock = new NodeClock();
  private final TokenHistory history = new TokenHistory(GROUND_TRUTH_RETENTION);
  private final NodeExposition metrics;
  private final LabelExplosion labelExplosion;
  private final long startEpochMicros;
  private final SimulatedEngine engine;
  private final NodeHttpServer http;
  private final Object reachability = new Object();
  private boolean reachable = true;
  private final GroundTruth groundTruth = new NodeGroundTruth();
  private final RequestEventRecorder requestEvents;
  private final StringBuilder page = new StringBuilder(PAGE_CAPACITY);
  private long advancedToEpochMs;

  private SimulatedNode(
      String cluster,
      String model,
      EngineName engineName,
      Workload workload,
      ClientTimeouts timeouts,
      EngineConfig engineConfig,
      SplittableRandom random,
      Clock clock,
      LoopbackHttpServer httpServer) {
    this.cluster = cluster;
    this.model = model;
    this.clock = clock;
    long nowMs = clock.millis();
    this.advancedToEpochMs = nowMs;
    this.startEpochMicros = nowMs * 1000;
    this.metrics = EngineFormats.create(engineName, model, engineConfig, nowMs / 1000.0);
    this.labelExplosion = new LabelExplosion(engineName);
    TokenLedger ledger = new TokenLedger(history, nodeClock::wallMicros);
    this.requestEvents =
        new RequestEventRecorder(cluster, model, this::instance, nodeClock::wallMicros);
    this.engine =
        new SimulatedEngine(
            engineConfig,
            workload,
            timeouts,
            random,
            nodeClock.engineMicros(nowMs * 1000),
            new ListenerFanOut(List.of(metrics.engineListener(), ledger, requestEvents)));
    this.http = new NodeHttpServer(this::scrape, httpServer);
  }

  static SimulatedNode start(
      String cluster,
      String model,
      double requestsPerSecond,
      EngineConfig engineConfig,
      SplittableRandom random,
      Clock clock,
      LoopbackHttpServer httpServer)
      throws IOException {
    return start(
        cluster,
        model,
        EngineName.VLLM,
        Workload.constant(requestsPerSecond),
        ClientTimeouts.NONE,
        engineConfig,
        random,
        clock,
        httpServer);
  }

  static SimulatedNode start(
      String cluster,
      String model,
      EngineName engineName,
      Workload workload,
      ClientTimeouts timeouts,
      EngineConfig engineConfig,
      SplittableRandom random,
      Clock clock,
      LoopbackHttpServer httpServer)
      throws IOException {
    SimulatedNode node =
        new SimulatedNode(
            cluster,
            model,
            engineName,
            workload,
            timeouts,
            engineConfig,
            random,
            clock,
            httpServer);
    node.http.start();
    return node;
  }

  /**
   * A degraded GPU: from now on steps take {@code factor(seconds since the node started)} times as
   * long.
   */
  void slowDown(DoubleUnaryOperator factor) {
    synchronized (lock) {
      engine.slowDown(
          engineMicros -> factor.applyAsDouble((engineMicros - startEpochMicros) / 1e6));
    }
  }

  public String cluster() {
    return cluster;
  }

  public String model() {
    return model;
  }

  public int port() {
    return http.port();
  }

  /** The scrape target, {@code 127.0.0.1:<port>}. */
  public String instance() {
    return "127.0.0.1:" + port();
  }

  public URI metricsUri() {
    return URI.create("http://" + instance() + "/metrics");
  }

  public GroundTruth groundTruth() {
    return groundTruth;
  }

  /** Where this node's finished requests go as request events; nowhere until told. */
  public RequestEventRecorder requestEvents() {
    return requestEvents;
  }

  /**
   * A server restart: counters and histograms start again from zero with new {@code _created}
   * times, and queued and running requests are lost. The ground truth keeps counting the tokens
   * processed.
   */
  public void restart() {
    synchronized (lock) {
      long nowMs = advanceToNow();
      engine.restart(nodeClock.engineMicros(nowMs * 1000));
      metrics.restart(nowMs / 1000.0);
    }
    LOG.info("simulated node {}/{} restarted", cluster, instance());
  }

  /**
   * The node goes down: connections are refused and the engine freezes, so it does no work and
   * receives no requests until {@link #resume()}. Combine with {@link #restart()} for a crash that
   * loses state.
   */
  public void stop() {
    synchronized (lock) {
      nodeClock.stop(advanceToNow() * 1000);
    }
    http.stop();
    LOG.info("simulated node {}/{} stopped", cluster, instance());
  }

  /**
   * Takes the node's endpoint off the network or puts it back, while the engine serves on: a
   * flapping target. Does nothing when it is already so.
   */
  public void setReachable(boolean reachable) {
    synchronized (reachability) {
      if (reachable == this.reachable) {
        return;
      }
      this.reachable = reachable;
    }
    if (reachable) {
      try {
        http.start();
      } catch (IOException e) {
        throw new UncheckedIOException(
            "simulated node " + cluster + "/" + instance() + " cannot serve again", e);
      }
    } else {
      http.stop();
    }
    LOG.info(
        "simulated node {}/{} {} the network", cluster, instance(), reachable ? "back on" : "off");
  }

  /**
   * A label-cardinality explosion: from now on the node's {@code /metrics} carries {@code series}
   * more series, one per request id, in a family of the engine's own prefix; 0 ends it. The engine
   * and its ground truth are untouched.
   */
  public void explodeLabels(int series) {
    labelExplosion.setSeries(series);
    LOG.info("simulated node {}/{} serves {} extra series", cluster, instance(), series);
  }

  /** Serves again on the same port; the engine carries on from where it froze. */
  public void resume() {
    synchronized (lock) {
      nodeClock.resume(clock.millis() * 1000);
    }
    try {
      http.start();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "simulated node " + cluster + "/" + instance() + " cannot serve again", e);
    }
    LOG.info("simulated node {}/{} resumed", cluster, instance());
  }

  /** Plays the engine up to the clock's present; the fleet's ticker calls this for every node. */
  long advanceToNow() {
    synchronized (lock) {
      long nowMs = clock.millis();
      if (!nodeClock.stopped()) {
        engine.advanceTo(nodeClock.engineMicros(nowMs * 1000));
      }
      advancedToEpochMs = Math.max(advancedToEpochMs, nowMs);
      return nowMs;
    }
  }

  /** How far the node's state has been played, in wall-clock epoch milliseconds. */
  long advancedToEpochMs() {
    synchronized (lock) {
      return advancedToEpochMs;
    }
  }

  MetricsPage scrape() {
    synchronized (lock) {
      long nowMs = advanceToNow();
      page.setLength(0);
      metrics.render(page);
      labelExplosion.addTo(page);
      metrics.scrapeServed();
      return new MetricsPage(
          page.toString().getBytes(StandardCharsets.UTF_8), nowMs, metrics.contentType());
    }
  }

  /** Closes the listener for good, when the fleet shuts down. */
  void shutdown() {
    http.stop();
  }

  @Override
  public String toString() {
    return cluster + "/" + instance();
  }

  private final class NodeGroundTruth implements GroundTruth {

    @Override
    public double generationTokensBetween(long fromEpochMs, long toEpochMs) {
      synchronized (lock) {
        checkInterval(fromEpochMs, toEpochMs);
        return history.generationAt(toEpochMs * 1000) - history.generationAt(fromEpochMs * 1000);
      }
    }

    @Override
    public double promptTokensBetween(long fromEpochMs, long toEpochMs) {
      synchronized (lock) {
        checkInterval(fromEpochMs, toEpochMs);
        return history.promptAt(toEpochMs * 1000) - history.promptAt(fromEpochMs * 1000);
      }
    }

    private void checkInterval(long fromEpochMs, long toEpochMs) {
      if (fromEpochMs > toEpochMs) {
        throw new IllegalArgumentException(
            "ground truth of "
                + SimulatedNode.this
                + ": interval starts at "
                + Instant.ofEpochMilli(fromEpochMs)
                + ", after its end "
                + Instant.ofEpochMilli(toEpochMs));
      }
      long nowMs = advanceToNow();
      if (toEpochMs > nowMs) {
        throw new IllegalArgumentException(
            "ground truth of "
                + SimulatedNode.this
                + ": interval end "
                + Instant.ofEpochMilli(toEpochMs)
                + " is in the future (now "
                + Instant.ofEpochMilli(nowMs)
                + ")");
      }
    }
  }
}
