package io.fleetpulse.sink;

import io.fleetpulse.schemas.ListenAddress;
import java.time.Duration;

/**
 * The sink's configuration section. A null component means "use the default".
 *
 * @param listen where /metrics is served, {@code host:port}; port 0 picks a free port
 * @param staleAfter a series whose latest window ended longer ago than this is no longer exported
 * @param lookback how far back a (re)started sink reads, so it recovers the latest values
 */
public record SinkConfig(String listen, Duration staleAfter, Duration lookback) {

  public static final String DEFAULT_LISTEN = "127.0.0.1:9400";
  public static final Duration DEFAULT_STALE_AFTER = Duration.ofMinutes(5);
  public static final Duration DEFAULT_LOOKBACK = Duration.ofMinutes(10);

  public SinkConfig {
    listen = listen == null ? DEFAULT_LISTEN : listen;
    staleAfter = staleAfter == null ? DEFAULT_STALE_AFTER : staleAfter;
    lookback = lookback == null ? DEFAULT_LOOKBACK : lookback;
    ListenAddress.parse("sink.listen", listen);
    if (staleAfter.isZero() || staleAfter.isNegative()) {
      throw new IllegalArgumentException("sink.stale_after must be positive, got " + staleAfter);
    }
    if (lookback.isNegative()) {
      throw new IllegalArgumentException("sink.lookback must not be negative, got " + lookback);
    }
  }

  public static SinkConfig defaults() {
    return new SinkConfig(null, null, null);
  }

  public ListenAddress listenAddress() {
    return ListenAddress.parse("sink.listen", listen);
  }
}
