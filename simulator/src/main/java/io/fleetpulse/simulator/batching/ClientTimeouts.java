package io.fleetpulse.simulator.batching;

/**
 * When a client gives up on its request, in microseconds after it sent it; 0 means never. A request
 * that has not produced its first token within {@code firstTokenMicros}, or not finished within
 * {@code totalMicros}, is aborted and frees its KV blocks.
 */
public record ClientTimeouts(long firstTokenMicros, long totalMicros) {

  public static final ClientTimeouts NONE = new ClientTimeouts(0, 0);

  public ClientTimeouts {
    if (firstTokenMicros < 0 || totalMicros < 0) {
      throw new IllegalArgumentException(
          "client timeouts must not be negative, got "
              + firstTokenMicros
              + " us and "
              + totalMicros
              + " us");
    }
  }

  boolean any() {
    return firstTokenMicros > 0 || totalMicros > 0;
  }

  long firstTokenDeadline(long arrivalMicros) {
    return Math.min(
        deadline(arrivalMicros, firstTokenMicros), deadline(arrivalMicros, totalMicros));
  }

  long finishDeadline(long arrivalMicros) {
    return deadline(arrivalMicros, totalMicros);
  }

  private static long deadline(long arrivalMicros, long timeoutMicros) {
    return timeoutMicros == 0 ? Long.MAX_VALUE : arrivalMicros + timeoutMicros;
  }
}
