package io.fleetpulse.simulator.batching;

import java.util.SplittableRandom;
import java.util.function.LongToDoubleFunction;

/**
 * One simulated vLLM-style engine in virtual time (microseconds). It runs lazily: {@link
 * #advanceTo} plays every step that ends by then. A step's effects (tokens, finished requests) are
 * reported when it ends, so the counters anyone reads at time t are exactly those of the steps that
 * ended at or before t. Not thread-safe.
 */
public final class SimulatedEngine {

  private static final LongToDoubleFunction FULL_SPEED = micros -> 1.0;

  private final ArrivalProcess arrivals;
  private final ContinuousBatchScheduler scheduler;
  private LongToDoubleFunction stepTimeFactor = FULL_SPEED;
  private long engineMicros;
  private boolean stepInFlight;
  private long stepEndMicros;
  private boolean down;

  public SimulatedEngine(
      EngineConfig config,
      double requestsPerSecond,
      SplittableRandom random,
      long startMicros,
      EngineListener listener) {
    this(
        config,
        Workload.constant(requestsPerSecond),
        ClientTimeouts.NONE,
        random,
        startMicros,
        listener);
  }

  public SimulatedEngine(
      EngineConfig config,
      Workload workload,
      ClientTimeouts timeouts,
      SplittableRandom random,
      long startMicros,
      EngineListener listener) {
    this.arrivals =
        new ArrivalProcess(
            workload,
            startMicros,
            random,
            new RequestSampler(random, config.maxModelLen(), timeouts));
    this.scheduler = new ContinuousBatchScheduler(config, timeouts, listener);
    this.engineMicros = startMicros;
  }

  /**
   * A degraded GPU: every step starting at engine time t takes {@code factor(t)} times as long (at
   * least 1).
   */
  public void slowDown(LongToDoubleFunction factor) {
    this.stepTimeFactor = factor;
  }

  public void advanceTo(long nowMicros) {
    if (down) {
      return;
    }
    while (stepInFlight || beginNextStep(nowMicros)) {
      if (stepEndMicros > nowMicros) {
        return;
      }
      scheduler.completeStep(stepEndMicros);
      engineMicros = stepEndMicros;
      stepInFlight = false;
    }
  }

  /**
   * @return false when the engine has nothing to do until after {@code nowMicros}
   */
  private boolean beginNextStep(long nowMicros) {
    if (scheduler.idle() && arrivals.nextArrivalMicros() > engineMicros) {
      long nextArrival = arrivals.nextArrivalMicros();
      if (nextArrival > nowMicros) {
        engineMicros = Math.max(engineMicros, nowMicros);
        return false;
      }
      engineMicros = nextArrival;
    }
    while (arrivals.nextArrivalMicros() <= engineMicros) {
      scheduler.enqueue(arrivals.takeNext());
    }
    long duration = scheduler.beginStep(engineMicros);
    double factor = Math.max(1.0, stepTimeFactor.applyAsDouble(engineMicros));
    stepEndMicros = engineMicros + (factor == 1.0 ? duration : Math.round(duration * factor));
    stepInFlight = true;
    return true;
  }

  /**
   * The server dies at {@code nowMicros}: steps that ended by then count, the step in flight is
   * lost with every queued and running request, and nothing happens until {@link #restart}.
   */
  public void crash(long nowMicros) {
    advanceTo(nowMicros);
    scheduler.clear();
    stepInFlight = false;
    engineMicros = Math.max(engineMicros, nowMicros);
    down = true;
  }

  /**
   * The server (re)starts at {@code nowMicros} with nothing queued; a running one crashes first.
   * Requests sent while it was down never arrive.
   */
  public void restart(long nowMicros) {
    if (!down) {
      crash(nowMicros);
    }
    down = false;
    engineMicros = Math.max(engineMicros, nowMicros);
    arrivals.skipThrough(engineMicros);
  }
}
