package io.fleetpulse.sink;

import io.fleetpulse.schemas.ListenAddress;
import io.fleetpulse.schemas.web.WebSecurity;
import io.fleetpulse.sink.history.HistoryConfig;
import java.time.Duration;

/**
 * The sink's configuration section. A null component means "use the default".
 *
 * @param listen where /metrics and the status page are served, {@code host:port}; port 0 picks a
 *     free port
 * @param staleAfter a series whose latest window ended longer ago than this is no longer exported
 * @param lookback how far back a (re)started sink reads, so it recovers the latest values
 * @param restoreTimeout how long a starting sink reads the look-back before it serves, whether or
 *     not it got to the end
 * @param nodeScope how many node-scope series are exported
 * @param history how much of the rollup tiers is kept for {@code /api/v1/windows}
 * @param webConfigFile a web config file in Prometheus' format (TLS, basic auth) securing /metrics
 *     and the status page; null: plain HTTP, open
 */
public record SinkConfig(
    String listen,
    Duration staleAfter,
    Duration lookback,
    Duration restoreTimeout,
    NodeScopeConfig nodeScope,
    HistoryConfig history,
    String webConfigFile) {

  public static final String WEB_CONFIG_FILE_OPTION = "sink.web_config_file";

  public static final String DEFAULT_LISTEN = "127.0.0.1:9400";
  public static final Duration DEFAULT_STALE_AFTER = Duration.ofMinutes(5);
  public static final Duration DEFAULT_LOOKBACK = Duration.ofMinutes(10);
  public static final Duration DEFAULT_RESTORE_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration MAX_LOOKBACK = Duration.ofDays(1);
  private static final Duration MAX_RESTORE_TIMEOUT = Duration.ofMinutes(10);

  public SinkConfig {
    listen = listen == null ? DEFAULT_LISTEN : listen;
    staleAfter = staleAfter == null ? DEFAULT_STALE_AFTER : staleAfter;
    lookback = lookback == null ? DEFAULT_LOOKBACK : lookback;
    restoreTimeout = restoreTimeout == null ? DEFAULT_RESTORE_TIMEOUT : restoreTimeout;
    nodeScope = nodeScope == null ? NodeScopeConfig.defaults() : nodeScope;
    history = history == null ? HistoryConfig.defaults() : history;
    ListenAddress.parse("sink.listen", listen);
    if (staleAfter.isZero() || staleAfter.isNegative()) {
      throw new IllegalArgumentException("sink.stale_after must be positive, got " + staleAfter);
    }
    if (lookback.isNegative() || lookback.compareTo(MAX_LOOKBACK) > 0) {
      throw new IllegalArgumentException("sink.lookback must be 0s..24h, got " + lookback);
    }
    if (restoreTimeout.isNegative() || restoreTimeout.compareTo(MAX_RESTORE_TIMEOUT) > 0) {
      throw new IllegalArgumentException(
          "sink.restore_timeout must be 0s..10m, got " + restoreTimeout);
    }
    WebSecurity.fromFile(WEB_CONFIG_FILE_OPTION, webConfigFile);
  }

  /** Plain HTTP, open, the default history. */
  public SinkConfig(
      String listen,
      Duration staleAfter,
      Duration lookback,
      Duration restoreTimeout,
      NodeScopeConfig nodeScope) {
    this(listen, staleAfter, lookback, restoreTimeout, nodeScope, null, null);
  }

  public static SinkConfig defaults() {
    return new SinkConfig(null, null, null, null, null, null, null);
  }

  public SinkConfig withListen(String newListen) {
    return new SinkConfig(
        newListen, staleAfter, lookback, restoreTimeout, nodeScope, history, webConfigFile);
  }

  /** TLS and basic auth of the endpoint, its web config file read again. */
  public WebSecurity webSecurity() {
    return WebSecurity.fromFile(WEB_CONFIG_FILE_OPTION, webConfigFile);
  }

  public ListenAddress listenAddress() {
    return ListenAddress.parse("sink.listen", listen);
  }
}
