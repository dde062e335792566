package io.fleetpulse.collector.ingest;

import io.fleetpulse.schemas.RequestEvent;
import java.util.List;

/** What one ingest request yielded: the events that passed, and why the others did not. */
record DecodedBatch(List<RequestEvent> events, List<Rejection> rejections) {

  DecodedBatch {
    events = List.copyOf(events);
    rejections = List.copyOf(rejections);
  }

  /**
   * One item that could not be accepted.
   *
   * @param position the 1-based line of a JSON-lines body, or the 1-based index of a span in an OTLP request
   */
  record Rejection(int position, String reason) {}
}
