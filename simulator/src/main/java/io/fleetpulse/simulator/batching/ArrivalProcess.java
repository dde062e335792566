package io.fleetpulse.simulator.batching;

import java.util.SplittableRandom;

/** Poisson arrivals: exponential gaps at a fixed mean rate, in engine microseconds. */
final class ArrivalProcess {

    private final double meanGapMicros;
    private final SplittableRandom random;
    private final RequestSampler sampler;
    private long nextArrivalMicros;

    ArrivalProcess(double requestsPerSecond, long startMicros, SplittableRandom random, RequestSampler sampler) {
        if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond)) {
            throw new IllegalArgumentException("arrival rate must be a positive number of requests per second, got "
                    + requestsPerSecond);
        }
        this.meanGapMicros = 1e6 / requestsPerSecond;
        this.random = random;
        this.sampler = sampler;
        this.nextArrivalMicros = startMicros + gapMicros();
    }

    long nextArrivalMicros() {
        return nextArrivalMicros;
    }

    Request takeNext() {
        Request request = sampler.sample(nextArrivalMicros);
        nextArrivalMicros += gapMicros();
        return request;
    }

    /** Drops the arrivals up to and including {@code micros}: requests sent to a server that was restarting. */
    void skipThrough(long micros) {
        while (nextArrivalMicros <= micros) {
            nextArrivalMicros += gapMicros();
        }
    }

    private long gapMicros() {
        return Math.max(1, Math.round(-Math.log(1 - random.nextDouble()) * meanGapMicros));
    }
}
