package io.fleetpulse.simulator.scenario;

import io.fleetpulse.simulator.batching.ClientTimeouts;
import java.time.Duration;

/**
 * When clients give up: no first token after {@code time_to_first_token}, no full answer after
 * {@code total}.
 */
public record TimeoutSpec(Duration timeToFirstToken, Duration total) {

  private static final Duration LONGEST = Duration.ofHours(1);

  public TimeoutSpec {
    if (timeToFirstToken != null) {
      Bounds.duration(timeToFirstToken, "time_to_first_token", Duration.ofMillis(100), LONGEST);
    }
    if (total != null) {
      Bounds.duration(total, "total", Duration.ofMillis(100), LONGEST);
    }
  }

  public static TimeoutSpec none() {
    return new TimeoutSpec(null, null);
  }

  ClientTimeouts timeouts() {
    return new ClientTimeouts(micros(timeToFirstToken), micros(total));
  }

  private static long micros(Duration timeout) {
    return timeout == null ? 0 : timeout.toNanos() / 1000;
  }
}
