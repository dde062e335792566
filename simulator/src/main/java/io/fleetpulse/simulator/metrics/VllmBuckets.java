package io.fleetpulse.simulator.metrics;

import java.util.ArrayList;
import java.util.List;

/** vLLM's histogram bucket bounds (vllm/v1/metrics/buckets.py), as served by the fixture. */
final class VllmBuckets {

  static final double[] PREFILL_LATENCY = {
    0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0,
    20.0, 40.0, 80.0, 160.0, 640.0, 2560.0
  };
  static final double[] TOKEN_STEP_LATENCY = {
    0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0,
    40.0, 80.0
  };
  static final double[] ACCUMULATED_PHASE_LATENCY = {
    0.1, 0.2, 0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 2.5, 5.0, 10.0, 15.0, 20.0, 30.0, 40.0, 50.0, 60.0,
    120.0, 240.0, 480.0, 960.0, 1920.0, 7680.0
  };
  static final double[] COMPLETION_COUNT = {1, 2, 5, 10, 20};

  /** vLLM's iteration-token histogram tops out at the 1-2-5 bound below this. */
  static final int BATCH_SIZE_LIMIT = 16384;

  private VllmBuckets() {}

  /**
   * 1, 2, 5, 10, 20, 50, ... up to and including {@code max}: vLLM's token-count buckets for
   * max_model_len.
   */
  static double[] oneTwoFive(int max) {
    List<Double> bounds = new ArrayList<>();
    for (long decade = 1; decade <= max; decade *= 10) {
      for (int step : new int[] {1, 2, 5}) {
        if (decade * step <= max) {
          bounds.add((double) (decade * step));
        }
      }
    }
    return bounds.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
