package io.fleetpulse.streams;

import io.fleetpulse.schemas.ListenAddress;
import io.fleetpulse.schemas.PrometheusDuration;
import io.fleetpulse.schemas.web.WebSecurity;
import io.fleetpulse.streams.signal.SignalsConfig;
import io.fleetpulse.streams.window.NodeScope;
import io.fleetpulse.streams.window.WindowPolicy;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;

/**
 * Settings of the streams app. A null component means "use the default".
 *
 * @param applicationId Kafka Streams application id: names the consumer group, internal topics and
 *     state
 * @param windows tumbling window sizes; each is aggregated and emitted on its own
 * @param grace how long after its end a window waits, at the latest, for nodes that have not
 *     reported past it (in stream time); also how far behind the clock the pipeline may run before
 *     it reports itself behind
 * @param numStreamThreads stream threads in this instance
 * @param stateDir where the local state stores live
 * @param replicationFactor of the internal topics; -1 takes the broker's default
 * @param listen where the app's own /metrics (its health) is served, {@code host:port}; port 0
 *     picks a free one
 * @param nodeScope which windows the node scope is published for: {@code all}, {@code off} or one
 *     window size
 * @param maxRequestLatency the longest latency a request event may report; a longer one is
 *     dead-lettered
 * @param signals the early-warning detectors' settings
 * @param eventLateness how long after a window's end it waits for request events, at most the
 *     grace; keep {@code collector.ingest.max_finish_age} shorter, so that no event the collector
 *     accepts comes too late
 * @param webConfigFile a web config file in Prometheus' format (TLS, basic auth) securing the
 *     health endpoint; null: plain HTTP, open
 */
public record StreamsAppConfig(
    String applicationId,
    List<Duration> windows,
    Duration grace,
    Integer numStreamThreads,
    String stateDir,
    Integer replicationFactor,
    String listen,
    String nodeScope,
    Duration maxRequestLatency,
    SignalsConfig signals,
    Duration eventLateness,
    String webConfigFile) {

  public static final String WEB_CONFIG_FILE_OPTION = "streams.web_config_file";

  public static final String DEFAULT_APPLICATION_ID = "fleetpulse-streams";
  public static final List<Duration> DEFAULT_WINDOWS =
      List.of(Duration.ofSeconds(10), Duration.ofMinutes(1));
  public static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);
  public static final int DEFAULT_NUM_STREAM_THREADS = 1;
  public static final String DEFAULT_STATE_DIR = "./.fleetpulse/streams-state";
  public static final int BROKER_DEFAULT_REPLICATION_FACTOR = -1;
  public static final String DEFAULT_LISTEN = "127.0.0.1:9402";
  public static final String DEFAULT_NODE_SCOPE = NodeScope.ALL;
  public static final Duration DEFAULT_MAX_REQUEST_LATENCY = Duration.ofHours(1);
  public static final Duration DEFAULT_EVENT_LATENESS = Duration.ofSeconds(5);

  public StreamsAppConfig {
    applicationId = applicationId == null ? DEFAULT_APPLICATION_ID : applicationId;
    windows = windows == null ? DEFAULT_WINDOWS : List.copyOf(windows);
    grace = grace == null ? DEFAULT_GRACE : grace;
    numStreamThreads = numStreamThreads == null ? DEFAULT_NUM_STREAM_THREADS : numStreamThreads;
    stateDir = stateDir == null ? DEFAULT_STATE_DIR : stateDir;
    replicationFactor =
        replicationFactor == null ? BROKER_DEFAULT_REPLICATION_FACTOR : replicationFactor;
    listen = listen == null ? DEFAULT_LISTEN : listen;
    nodeScope = nodeScope == null ? DEFAULT_NODE_SCOPE : nodeScope;
    maxRequestLatency = maxRequestLatency == null ? DEFAULT_MAX_REQUEST_LATENCY : maxRequestLatency;
    if (maxRequestLatency.isNegative() || maxRequestLatency.isZero()) {
      throw new IllegalArgumentException(
          "streams.max_request_latency must be positive, got " + maxRequestLatency);
    }
    validate(applicationId, windows, grace, numStreamThreads, stateDir, replicationFactor);
    eventLateness = eventLateness == null ? min(DEFAULT_EVENT_LATENESS, grace) : eventLateness;
    if (eventLateness.isNegative() || eventLateness.compareTo(grace) > 0) {
      throw new IllegalArgumentException(
          "streams.event_lateness must be from 0 to the grace ("
              + PrometheusDuration.format(grace)
              + "), got "
              + PrometheusDuration.format(eventLateness));
    }
    signals = signals == null ? defaultSignals(windows) : signals;
    ListenAddress.parse("streams.listen", listen);
    signals.checkWindowIn(windows);
    NodeScope.parse(nodeScope, windows);
    WebSecurity.fromFile(WEB_CONFIG_FILE_OPTION, webConfigFile);
  }

  /** Plain HTTP, open: no web config file. */
  public StreamsAppConfig(
      String applicationId,
      List<Duration> windows,
      Duration grace,
      Integer numStreamThreads,
      String stateDir,
      Integer replicationFactor,
      String listen,
      String nodeScope,
      Duration maxRequestLatency,
      SignalsConfig signals,
      Duration eventLateness) {
    this(
        applicationId,
        windows,
        grace,
        numStreamThreads,
        stateDir,
        replicationFactor,
        listen,
        nodeScope,
        maxRequestLatency,
        signals,
        eventLateness,
        null);
  }

  /**
   * The core settings, with the node scope, the latency bound and the detectors at their defaults.
   */
  public StreamsAppConfig(
      String applicationId,
      List<Duration> windows,
      Duration grace,
      Integer numStreamThreads,
      String stateDir,
      Integer replicationFactor,
      String listen) {
    this(
        applicationId,
        windows,
        grace,
        numStreamThreads,
        stateDir,
        replicationFactor,
        listen,
        null,
        null,
        null,
        null);
  }

  /**
   * The detectors at their defaults, reading the default 10 s window, or the shortest window when
   * the app does not aggregate 10 s ones: the shortest reacts first. Set explicitly, the window
   * must be one of the app's.
   */
  private static SignalsConfig defaultSignals(List<Duration> windows) {
    SignalsConfig defaults = SignalsConfig.defaults();
    return windows.contains(defaults.window())
        ? defaults
        : defaults.withWindow(windows.stream().min(Duration::compareTo).orElseThrow());
  }

  public static StreamsAppConfig defaults() {
    return new StreamsAppConfig(
        null, null, null, null, null, null, null, null, null, null, null, null);
  }

  /** The one windowing policy of every stage. */
  public WindowPolicy windowPolicy() {
    return new WindowPolicy(windows, grace, eventLateness);
  }

  public NodeScope nodeScopeSetting() {
    return NodeScope.parse(nodeScope, windows);
  }

  /** TLS and basic auth of the health endpoint, its web config file read again. */
  public WebSecurity webSecurity() {
    return WebSecurity.fromFile(WEB_CONFIG_FILE_OPTION, webConfigFile);
  }

  /** Where the health endpoint binds. */
  public ListenAddress listenAddress() {
    return ListenAddress.parse("streams.listen", listen);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static void validate(
      String applicationId,
      List<Duration> windows,
      Duration grace,
      int numStreamThreads,
      String stateDir,
      int replicationFactor) {
    if (applicationId.isBlank()) {
      throw new IllegalArgumentException("streams.application_id must not be blank");
    }
    if (windows.isEmpty()) {
      throw new IllegalArgumentException("streams.windows must list at least one window size");
    }
    for (Duration window : windows) {
      if (window.toMillis() <= 0 || !window.equals(Duration.ofMillis(window.toMillis()))) {
        throw new IllegalArgumentException(
            "streams.windows: " + window + " is not a positive whole number of milliseconds");
      }
    }
    if (new HashSet<>(windows).size() != windows.size()) {
      throw new IllegalArgumentException("streams.windows lists a window size twice: " + windows);
    }
    if (grace.isNegative()) {
      throw new IllegalArgumentException("streams.grace must not be negative, got " + grace);
    }
    if (numStreamThreads < 1) {
      throw new IllegalArgumentException(
          "streams.num_stream_threads must be at least 1, got " + numStreamThreads);
    }
    if (stateDir.isBlank()) {
      throw new IllegalArgumentException("streams.state_dir must not be blank");
    }
    if (replicationFactor != BROKER_DEFAULT_REPLICATION_FACTOR && replicationFactor < 1) {
      throw new IllegalArgumentException(
          "streams.replication_factor must be -1 (broker default) or at least 1, got "
              + replicationFactor);
    }
  }
}
