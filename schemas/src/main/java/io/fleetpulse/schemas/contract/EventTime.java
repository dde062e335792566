package io.fleetpulse.schemas.contract;

import io.fleetpulse.schemas.RequestEvent;
import io.fleetpulse.schemas.Scrape;
import java.time.Duration;

/**
 * The instant a record is about, which is also its Kafka timestamp on the input topics: a scrape's
 * time, a request's finish. The streams app's stream time is read from those timestamps, so a
 * record delivered late (held by the collector through a broker outage) must carry its own time,
 * not the time it was sent, or it would push stream time past the windows it still belongs to.
 */
public final class EventTime {

  /**
   * How far ahead of the clock an event time may lie. Below the broker's default limit of an hour
   * (message.timestamp.after.max.ms), so no record accepted by the collector is refused there.
   */
  public static final Duration MAX_AHEAD = Duration.ofMinutes(30);

  private EventTime() {}

  public static long of(Scrape scrape) {
    return scrape.getTimestampMs().toEpochMilli();
  }

  /** When the request finished: arrival plus end-to-end latency. */
  public static long of(RequestEvent event) {
    return finishMs(event.getArrivalTimeMs().toEpochMilli(), event.getE2eLatencySeconds());
  }

  /** The finish of a request not yet made into an event, e.g. while its fields are checked. */
  public static long finishMs(long arrivalMs, double e2eLatencySeconds) {
    return arrivalMs + Math.round(e2eLatencySeconds * 1000);
  }
}
