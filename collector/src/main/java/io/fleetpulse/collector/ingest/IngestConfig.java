package io.fleetpulse.collector.ingest;

import io.fleetpulse.schemas.ListenAddress;
import io.fleetpulse.collector.config.ByteSize;

/**
 * The collector's HTTP endpoint ({@code collector.ingest}): its own /metrics, and the routes that take per-request
 * events (JSON lines on /v1/requests, OTLP/HTTP traces on /v1/traces). A null component means the default.
 *
 * @param listen where the endpoint binds, {@code host:port} (IPv6 in brackets); port 0 picks a free port
 * @param bearerToken when set, both ingest routes require {@code Authorization: Bearer <token>}; /metrics stays open
 * @param maxBodySize largest request body taken, after decompression, e.g. "4MB"; bigger ones are refused (413)
 */
public record IngestConfig(String listen, String bearerToken, String maxBodySize) {

  public static final String DEFAULT_LISTEN = "127.0.0.1:9401";
  public static final String DEFAULT_MAX_BODY_SIZE = "4MB";
  /** Bodies are read whole into memory. */
  private static final long MAX_BODY_SIZE_LIMIT = 1L << 30;

  public IngestConfig {
    listen = listen == null ? DEFAULT_LISTEN : listen;
    ListenAddress.parse("collector.ingest.listen", listen);
    if (bearerToken != null && bearerToken.isBlank()) {
      throw new IllegalArgumentException("collector ingest.bearer_token must not be blank; leave it out for none");
    }
    maxBodySize = maxBodySize == null ? DEFAULT_MAX_BODY_SIZE : maxBodySize;
    long bytes = ByteSize.parse(maxBodySize, "collector ingest.max_body_size");
    if (bytes <= 0 || bytes > MAX_BODY_SIZE_LIMIT) {
      throw new IllegalArgumentException(
          "collector ingest.max_body_size must be more than 0 and at most 1GiB, got " + maxBodySize);
    }
  }

  public static IngestConfig defaults() {
    return new IngestConfig(null, null, null);
  }

  /** The same settings listening elsewhere. */
  public IngestConfig withListen(String newListen) {
    return new IngestConfig(newListen, bearerToken, maxBodySize);
  }

  public int maxBodyBytes() {
    return (int) ByteSize.parse(maxBodySize, "collector ingest.max_body_size");
  }

  /** Where the endpoint binds, from {@link #listen()}. */
  public ListenAddress listenAddress() {
    return ListenAddress.parse("collector.ingest.listen", listen);
  }
}
