package io.fleetpulse.streams.decode;

/**
 * What the decoder made of one input record: the value, or the untouched bytes and why they could
 * not be used. Lives only between two processors, so it needs no serde.
 */
public record Decoded<T>(T value, byte[] raw, String failure) {

  public static <T> Decoded<T> of(T value) {
    return new Decoded<>(value, null, null);
  }

  public static <T> Decoded<T> refused(byte[] raw, String failure) {
    return new Decoded<>(null, raw, failure);
  }

  public boolean failed() {
    return failure != null;
  }
}
