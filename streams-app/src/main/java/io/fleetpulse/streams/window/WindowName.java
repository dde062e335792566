package io.fleetpulse.streams.window;

import io.fleetpulse.schemas.PrometheusDuration;
import java.time.Duration;

/**
 * Names a window size as Prometheus writes durations (10s, 1m, 1h, 1m30s), the exported {@code
 * window} label.
 */
public final class WindowName {

  private WindowName() {}

  public static String of(Duration size) {
    return ofMillis(size.toMillis());
  }

  public static String ofMillis(long sizeMs) {
    if (sizeMs <= 0) {
      throw new IllegalArgumentException("a window size must be positive, got " + sizeMs + " ms");
    }
    return PrometheusDuration.format(Duration.ofMillis(sizeMs));
  }
}
