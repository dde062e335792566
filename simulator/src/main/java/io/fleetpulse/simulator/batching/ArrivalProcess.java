package io.fleetpulse.simulator.batching;

import java.util.SplittableRandom;

/**
 * Poisson arrivals, in engine microseconds: each gap is exponential at the workload's rate at the
 * previous arrival, so a rate that changes slowly against the gaps is followed closely.
 */
final class ArrivalProcess {

  private final Workload workload;
  private final long startMicros;
  private final SplittableRandom random;
  private final RequestSampler sampler;
  private long nextArrivalMicros;

  ArrivalProcess(
      Workload workload, long startMicros, SplittableRandom random, RequestSampler sampler) {
    this.workload = workload;
    this.startMicros = startMicros;
    this.random = random;
    this.sampler = sampler;
    this.nextArrivalMicros = startMicros + gapMicros(startMicros);
  }

  long nextArrivalMicros() {
    return nextArrivalMicros;
  }

  Request takeNext() {
    Request request =
        sampler.sample(nextArrivalMicros, workload.shapeAt(nextArrivalMicros - startMicros));
    nextArrivalMicros += gapMicros(nextArrivalMicros);
    return request;
  }

  /**
   * Drops the arrivals up to and including {@code micros}: requests sent to a server that was down.
   */
  void skipThrough(long micros) {
    while (nextArrivalMicros <= micros) {
      nextArrivalMicros += gapMicros(nextArrivalMicros);
    }
  }

  private long gapMicros(long atMicros) {
    double rate = workload.requestsPerSecond(atMicros - startMicros);
    return Math.max(1, Math.round(-Math.log(1 - random.nextDouble()) * 1e6 / rate));
  }
}
