package io.fleetpulse.simulator.scenario;

/**
 * The objective the ground truth is judged against: fleet TTFT p99 over the trailing minute, in
 * seconds.
 */
public record Slo(double ttftP99Seconds) {

  public Slo {
    Bounds.number(ttftP99Seconds, "ttft_p99_seconds", 0.001, 3600);
  }
}
