package io.fleetpulse.simulator.simtime;

import io.fleetpulse.simulator.GroundTruth;
import io.fleetpulse.simulator.batching.ClientTimeouts;
import io.fleetpulse.simulator.batching.EngineConfig;
import io.fleetpulse.simulator.batching.EngineListener;
import io.fleetpulse.simulator.batching.FinishedRequest;
import io.fleetpulse.simulator.batching.ListenerFanOut;
import io.fleetpulse.simulator.batching.SimulatedEngine;
import io.fleetpulse.simulator.batching.Workload;
import io.fleetpulse.simulator.metrics.EngineFormats;
import io.fleetpulse.simulator.metrics.NodeExposition;
import io.fleetpulse.simulator.scenario.Fault;
import io.fleetpulse.simulator.truth.TokenHistory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One node in simulated time (microseconds since the run's start): its engine, its page in its
 * engine's format, its crash and restart, its flapping, the tokens it processed and the requests it
 * finished since the last scrape.
 */
final class SimNode implements EngineListener {

  private static final int PAGE_CAPACITY = 64 * 1024;

  private final NodeIdentity identity;
  private final long startEpochMicros;
  private final SimulatedEngine engine;
  private final NodeExposition exposition;
  private final TokenHistory history;
  private final SecondLedger ledger;
  private final NodeStats stats = new NodeStats();
  private final List<FinishedRequest> finished = new ArrayList<>();
  private final StringBuilder page = new StringBuilder(PAGE_CAPACITY);
  private final long crashAtMicros;
  private final long restartAtMicros;
  private final List<Instant> crashes = new ArrayList<>();
  private final List<Instant> restarts = new ArrayList<>();
  private final Fault.Flap flap;
  private boolean down;

  SimNode(
      NodeIdentity identity,
      EngineConfig config,
      Workload workload,
      ClientTimeouts timeouts,
      SplittableRandom random,
      long startEpochMicros,
      Duration runLength,
      Fault.Crash crash,
      Fault.Slow slow,
      Fault.Flap flap) {
    this.identity = identity;
    this.startEpochMicros = startEpochMicros;
    this.exposition =
        EngineFormats.create(identity.engine(), identity.model(), config, startEpochMicros / 1e6);
    this.history = new TokenHistory(runLength.plusMinutes(1));
    this.ledger = new SecondLedger(history, startEpochMicros);
    this.engine =
        new SimulatedEngine(
            config,
            workload,
            timeouts,
            random,
            0,
            new ListenerFanOut(List.of(exposition.engineListener(), ledger, stats, this)));
    if (slow != null) {
      engine.slowDown(micros -> slow.factorAt(micros / 1e6));
    }
    this.flap = flap;
    this.crashAtMicros = crash == null ? Long.MAX_VALUE : micros(crash.at());
    this.restartAtMicros =
        crash == null || crash.downFor() == null
            ? Long.MAX_VALUE
            : micros(crash.at().plus(crash.downFor()));
  }

  private static long micros(Duration duration) {
    return duration.toNanos() / 1000;
  }

  NodeIdentity identity() {
    return identity;
  }

  @Override
  public void requestFinished(FinishedRequest request) {
    finished.add(request);
  }

  /**
   * Plays the node up to {@code micros}, crashing and restarting it on the way as its fault says.
   */
  void advanceTo(long micros) {
    if (!down && crashAtMicros <= micros && crashes.isEmpty()) {
      engine.crash(crashAtMicros);
      down = true;
      crashes.add(epoch(crashAtMicros));
    }
    if (down && restartAtMicros <= micros) {
      engine.restart(restartAtMicros);
      exposition.restart((startEpochMicros + restartAtMicros) / 1e6);
      down = false;
      restarts.add(epoch(restartAtMicros));
    }
    engine.advanceTo(micros);
  }

  boolean down() {
    return down;
  }

  /** Whether a scrape at {@code micros} fails: the node is down, or its flap cuts it off. */
  boolean unreachableAt(long micros) {
    return down || (flap != null && flap.unreachableAt(micros / 1000));
  }

  /** The requests finished since the last call, in the order they ended. */
  List<FinishedRequest> takeFinished() {
    List<FinishedRequest> taken = List.copyOf(finished);
    finished.clear();
    return taken;
  }

  byte[] render() {
    page.setLength(0);
    exposition.render(page);
    exposition.scrapeServed();
    return page.toString().getBytes(StandardCharsets.UTF_8);
  }

  String contentType() {
    return exposition.contentType();
  }

  NodeSample sample(long micros) {
    return stats.sample((startEpochMicros + micros) / 1000, !down);
  }

  /**
   * Records the ledger through {@code micros}; call once the run is over, before asking the ground
   * truth.
   */
  GroundTruth finish(long micros) {
    ledger.recordThrough(micros);
    long endEpochMs = (startEpochMicros + micros) / 1000;
    return new GroundTruth() {
      @Override
      public double generationTokensBetween(long fromEpochMs, long toEpochMs) {
        check(fromEpochMs, toEpochMs, endEpochMs);
        return history.generationAt(toEpochMs * 1000) - history.generationAt(fromEpochMs * 1000);
      }

      @Override
      public double promptTokensBetween(long fromEpochMs, long toEpochMs) {
        check(fromEpochMs, toEpochMs, endEpochMs);
        return history.promptAt(toEpochMs * 1000) - history.promptAt(fromEpochMs * 1000);
      }
    };
  }

  private void check(long fromEpochMs, long toEpochMs, long endEpochMs) {
    if (fromEpochMs > toEpochMs || toEpochMs > endEpochMs) {
      throw new IllegalArgumentException(
          "ground truth of "
              + identity.instance()
              + ": interval ["
              + Instant.ofEpochMilli(fromEpochMs)
              + ", "
              + Instant.ofEpochMilli(toEpochMs)
              + "] is not within the run, which"
              + " ended at "
              + Instant.ofEpochMilli(endEpochMs));
    }
  }

  List<Instant> crashes() {
    return crashes;
  }

  List<Instant> restarts() {
    return restarts;
  }

  long epochMicros(long micros) {
    return startEpochMicros + micros;
  }

  private Instant epoch(long micros) {
    long epochMicros = startEpochMicros + micros;
    return Instant.ofEpochSecond(epochMicros / 1_000_000, (epochMicros % 1_000_000) * 1000);
  }
}
