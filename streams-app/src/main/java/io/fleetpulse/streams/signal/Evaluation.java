package io.fleetpulse.streams.signal;

/**
 * What a detector saw in one evaluation: its value against its threshold, whether the value is past
 * the enter threshold ({@code entering}) or back under the lower clear threshold ({@code
 * clearing}); between the two it is neither, which is what keeps a value hovering at the threshold
 * from flapping.
 *
 * @param secondsToExhaustion predicted time until the resource is full, or null (KV cache only)
 */
public record Evaluation(
    double value,
    double threshold,
    boolean entering,
    boolean clearing,
    String reason,
    Double secondsToExhaustion) {

  public Evaluation {
    if (entering && clearing) {
      throw new IllegalArgumentException("an evaluation cannot both enter and clear: " + reason);
    }
  }

  public Evaluation(
      double value, double threshold, boolean entering, boolean clearing, String reason) {
    this(value, threshold, entering, clearing, reason, null);
  }
}
