package io.fleetpulse.collector.ingest;

import io.fleetpulse.collector.config.ByteSize;
import io.fleetpulse.schemas.ListenAddress;
import io.fleetpulse.schemas.PrometheusDuration;
import io.fleetpulse.schemas.contract.EventTime;
import io.fleetpulse.schemas.web.WebSecurity;
import java.time.Duration;

/**
 * The collector's HTTP endpoint ({@code collector.ingest}): its own /metrics, and the routes that
 * take per-request events (JSON lines on /v1/requests, OTLP/HTTP traces on /v1/traces). A null
 * component means the default.
 *
 * @param listen where the endpoint binds, {@code host:port} (IPv6 in brackets); port 0 picks a free
 *     port
 * @param bearerToken when set, both ingest routes require {@code Authorization: Bearer <token>};
 *     /metrics stays open
 * @param maxBodySize largest request body taken, after decompression, e.g. "4MB"; bigger ones are
 *     refused (413)
 * @param maxLatency longest latency an event may report (end to end, queue, first token)
 * @param maxArrivalAhead how far an event's arrival, and its finish (its Kafka timestamp), may lie
 *     ahead of the collector's clock; at most 30m, beyond which the streams app refuses them
 * @param maxArrivalAge how far an event's arrival may lie behind the collector's clock; keep it
 *     within what the streams app can still place in a window, so that nothing accepted is dropped
 *     there as late
 * @param maxFinishAge how long ago an event's request may have finished: the streams app waits
 *     {@code streams.event_lateness} after a window's end for its events, so keep this shorter, and
 *     no accepted event is dropped there as late
 * @param otlpGrpcListen where OTLP over gRPC is taken ({@code host:port}, e.g. 127.0.0.1:4317);
 *     null: not at all
 * @param webConfigFile a web config file in Prometheus' format (TLS, basic auth) securing the
 *     endpoint: TLS on every route, basic auth on /metrics, and on the ingest routes too unless
 *     {@code bearerToken} guards them; null: plain HTTP, open. The OTLP/gRPC listener is secured
 *     the same way: its TLS, and the bearer token or else its basic auth
 */
public record IngestConfig(
    String listen,
    String bearerToken,
    String maxBodySize,
    Duration maxLatency,
    Duration maxArrivalAhead,
    Duration maxArrivalAge,
    Duration maxFinishAge,
    String otlpGrpcListen,
    String webConfigFile) {

  public static final String WEB_CONFIG_FILE_OPTION = "collector.ingest.web_config_file";

  public static final String DEFAULT_LISTEN = "127.0.0.1:9401";
  public static final String DEFAULT_MAX_BODY_SIZE = "4MB";
  public static final Duration DEFAULT_MAX_LATENCY = Duration.ofHours(1);
  public static final Duration DEFAULT_MAX_ARRIVAL_AHEAD = Duration.ofMinutes(5);
  public static final Duration DEFAULT_MAX_ARRIVAL_AGE = Duration.ofHours(1);
  public static final Duration DEFAULT_MAX_FINISH_AGE = Duration.ofSeconds(3);

  /** Bodies are read whole into memory. */
  private static final long MAX_BODY_SIZE_LIMIT = 1L << 30;

  public IngestConfig {
    listen = listen == null ? DEFAULT_LISTEN : listen;
    ListenAddress.parse("collector.ingest.listen", listen);
    if (bearerToken != null && bearerToken.isBlank()) {
      throw new IllegalArgumentException(
          "collector.ingest.bearer_token must not be blank; leave it out for none");
    }
    maxBodySize = maxBodySize == null ? DEFAULT_MAX_BODY_SIZE : maxBodySize;
    long bytes = ByteSize.parse(maxBodySize, "collector.ingest.max_body_size");
    if (bytes <= 0 || bytes > MAX_BODY_SIZE_LIMIT) {
      throw new IllegalArgumentException(
          "collector.ingest.max_body_size must be more than 0 and at most 1GiB, got "
              + maxBodySize);
    }
    maxLatency = positive(maxLatency == null ? DEFAULT_MAX_LATENCY : maxLatency, "max_latency");
    maxArrivalAhead =
        positive(
            maxArrivalAhead == null ? DEFAULT_MAX_ARRIVAL_AHEAD : maxArrivalAhead,
            "max_arrival_ahead");
    if (maxArrivalAhead.compareTo(EventTime.MAX_AHEAD) > 0) {
      throw new IllegalArgumentException(
          "collector.ingest.max_arrival_ahead must be at most "
              + PrometheusDuration.format(EventTime.MAX_AHEAD)
              + " (the streams app refuses events further ahead), got "
              + PrometheusDuration.format(maxArrivalAhead));
    }
    maxArrivalAge =
        positive(
            maxArrivalAge == null ? DEFAULT_MAX_ARRIVAL_AGE : maxArrivalAge, "max_arrival_age");
    maxFinishAge =
        positive(maxFinishAge == null ? DEFAULT_MAX_FINISH_AGE : maxFinishAge, "max_finish_age");
    if (otlpGrpcListen != null) {
      ListenAddress.parse("collector.ingest.otlp_grpc_listen", otlpGrpcListen);
    }
    WebSecurity.fromFile(WEB_CONFIG_FILE_OPTION, webConfigFile);
  }

  public IngestConfig(String listen, String bearerToken, String maxBodySize) {
    this(listen, bearerToken, maxBodySize, null, null, null, null, null, null);
  }

  public static IngestConfig defaults() {
    return new IngestConfig(null, null, null);
  }

  /** The same settings listening elsewhere. */
  public IngestConfig withListen(String newListen) {
    return listeningOn(newListen, otlpGrpcListen);
  }

  /** The same settings taking OTLP over gRPC at {@code newListen}. */
  public IngestConfig withOtlpGrpcListen(String newListen) {
    return listeningOn(listen, newListen);
  }

  private IngestConfig listeningOn(String http, String grpc) {
    return new IngestConfig(
        http,
        bearerToken,
        maxBodySize,
        maxLatency,
        maxArrivalAhead,
        maxArrivalAge,
        maxFinishAge,
        grpc,
        webConfigFile);
  }

  /** TLS and basic auth of the endpoint, its web config file read again. */
  public WebSecurity webSecurity() {
    return WebSecurity.fromFile(WEB_CONFIG_FILE_OPTION, webConfigFile);
  }

  public int maxBodyBytes() {
    return (int) ByteSize.parse(maxBodySize, "collector.ingest.max_body_size");
  }

  /** Where the endpoint binds, from {@link #listen()}. */
  public ListenAddress listenAddress() {
    return ListenAddress.parse("collector.ingest.listen", listen);
  }

  /** Never shows the token, so a logged or printed config leaks no secret. */
  @Override
  public String toString() {
    return "IngestConfig[listen="
        + listen
        + ", bearerToken="
        + (bearerToken == null ? "none" : "<hidden>")
        + ", maxBodySize="
        + maxBodySize
        + ", maxLatency="
        + PrometheusDuration.format(maxLatency)
        + ", maxArrivalAhead="
        + PrometheusDuration.format(maxArrivalAhead)
        + ", maxArrivalAge="
        + PrometheusDuration.format(maxArrivalAge)
        + ", maxFinishAge="
        + PrometheusDuration.format(maxFinishAge)
        + ", otlpGrpcListen="
        + otlpGrpcListen
        + ", webConfigFile="
        + webConfigFile
        + "]";
  }

  private static Duration positive(Duration duration, String option) {
    if (duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException(
          "collector.ingest." + option + " must be positive, got " + duration);
    }
    return duration;
  }
}
