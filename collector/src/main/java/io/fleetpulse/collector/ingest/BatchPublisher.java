package io.fleetpulse.collector.ingest;

import io.fleetpulse.collector.metrics.CollectorMetrics;
import io.fleetpulse.collector.publish.RecordTooLargeException;
import io.fleetpulse.collector.publish.RequestEventPublisher;
import io.fleetpulse.schemas.logging.LogThrottle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a decoded batch's events on, in order, whichever way they arrived (HTTP or gRPC), counts
 * what was accepted and rejected, and logs one line per batch with rejections (at most one per
 * quiet period, with a count).
 */
final class BatchPublisher {

  private static final Logger log = LoggerFactory.getLogger(BatchPublisher.class);
  private static final Duration LOG_QUIET = Duration.ofSeconds(10);

  private final RequestEventPublisher publisher;
  private final CollectorMetrics metrics;
  private final String source;
  private final LogThrottle rejections = LogThrottle.every(LOG_QUIET);

  BatchPublisher(RequestEventPublisher publisher, CollectorMetrics metrics, String source) {
    this.publisher = publisher;
    this.metrics = metrics;
    this.source = source;
  }

  /**
   * Publishes {@code batch}; returns it with the events delivery refused moved to its rejections.
   */
  DecodedBatch publish(DecodedBatch batch, String from) {
    List<DecodedBatch.Rejection> refused = new ArrayList<>();
    for (DecodedBatch.Accepted item : batch.accepted()) {
      try {
        publisher.publish(item.event());
      } catch (RecordTooLargeException e) {
        refused.add(new DecodedBatch.Rejection(item.position(), e.getMessage()));
      }
    }
    DecodedBatch published = batch.withRefused(refused);
    metrics.requestEvents.labelValues(source, "accepted").inc(published.accepted().size());
    if (!published.rejections().isEmpty()) {
      metrics.requestEvents.labelValues(source, "rejected").inc(published.rejections().size());
      long heldBack = rejections.occurred();
      if (heldBack >= 0) {
        DecodedBatch.Rejection first = published.rejections().get(0);
        log.warn(
            "{}: accepted {}, rejected {} (first at {}: {}){}",
            from,
            published.accepted().size(),
            published.rejections().size(),
            first.position(),
            first.reason(),
            LogThrottle.heldBackSuffix(heldBack));
      }
    }
    return published;
  }
}
