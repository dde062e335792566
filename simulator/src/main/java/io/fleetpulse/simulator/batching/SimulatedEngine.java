package io.fleetpulse.simulator.batching;

import java.util.SplittableRandom;

/**
 * One simulated vLLM engine in virtual time (microseconds). It runs lazily: {@link #advanceTo} plays every
 * step that ends by then. A step's effects (tokens, finished requests) are reported when it ends, so the
 * counters anyone reads at time t are exactly those of the steps that ended at or before t. Not thread-safe.
 */
public final class SimulatedEngine {

    private final ArrivalProcess arrivals;
    private final ContinuousBatchScheduler scheduler;
    private long engineMicros;
    private boolean stepInFlight;
    private long stepEndMicros;

    public SimulatedEngine(EngineConfig config, double requestsPerSecond, SplittableRandom random, long startMicros,
                           EngineListener listener) {
        this.arrivals = new ArrivalProcess(requestsPerSecond, startMicros, random,
                new RequestSampler(random, config.maxModelLen()));
        this.scheduler = new ContinuousBatchScheduler(config, listener);
        this.engineMicros = startMicros;
    }

    public void advanceTo(long nowMicros) {
        while (stepInFlight || beginNextStep(nowMicros)) {
            if (stepEndMicros > nowMicros) {
                return;
            }
            scheduler.completeStep(stepEndMicros);
            engineMicros = stepEndMicros;
            stepInFlight = false;
        }
    }

    /** @return false when the engine has nothing to do until after {@code nowMicros} */
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
        stepEndMicros = engineMicros + scheduler.beginStep(engineMicros);
        stepInFlight = true;
        return true;
    }

    /**
     * A server restart at {@code nowMicros}: steps that ended by then count, the step in flight is lost with
     * every queued and running request, and requests sent meanwhile never arrive.
     */
    public void restart(long nowMicros) {
        advanceTo(nowMicros);
        scheduler.clear();
        stepInFlight = false;
        engineMicros = Math.max(engineMicros, nowMicros);
        arrivals.skipThrough(engineMicros);
    }
}
