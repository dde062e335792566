package io.fleetpulse.simulator.batching;

/**
 * vLLM's {@code finished_reason} label values; vLLM pre-creates a series for each, so ERROR shows
 * up at 0.
 */
public enum FinishReason {
  STOP("stop"),
  LENGTH("length"),
  ABORT("abort"),
  ERROR("error");

  private final String label;

  FinishReason(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
