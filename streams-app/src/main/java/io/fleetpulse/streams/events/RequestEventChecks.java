package io.fleetpulse.streams.events;

import io.fleetpulse.schemas.RequestEvent;
import io.fleetpulse.streams.window.WindowStoreKey;

/** Whether a decoded request event can be counted; one that cannot goes to the dead-letter topic with the reason. */
public final class RequestEventChecks {

  private RequestEventChecks() {}

  /** What is wrong with {@code event}, or null when nothing is. */
  public static String problem(RequestEvent event) {
    if (event.getCluster().isBlank() || event.getNode().isBlank()) {
      return "request " + event.getRequestId() + " names no cluster or node";
    }
    String latency = firstBadLatency(event);
    if (latency != null) {
      return "request " + event.getRequestId() + ": " + latency;
    }
    if (event.getGenerationTokens() < 0 || event.getPromptTokens() < 0) {
      return "request " + event.getRequestId() + ": negative token count";
    }
    long arrival = event.getArrivalTimeMs().toEpochMilli();
    if (arrival < 0 || RequestEventLatencies.finishedAtMs(event) > WindowStoreKey.MAX_EVENT_TIME_MS) {
      return "request " + event.getRequestId() + ": arrival " + arrival + " ms is outside 0.."
          + WindowStoreKey.MAX_EVENT_TIME_MS;
    }
    return null;
  }

  private static String firstBadLatency(RequestEvent event) {
    if (!usable(event.getE2eLatencySeconds())) {
      return "e2e_latency_seconds " + event.getE2eLatencySeconds() + " is not a finite, non-negative number";
    }
    if (event.getTimeToFirstTokenSeconds() != null && !usable(event.getTimeToFirstTokenSeconds())) {
      return "time_to_first_token_seconds " + event.getTimeToFirstTokenSeconds()
          + " is not a finite, non-negative number";
    }
    if (event.getQueueTimeSeconds() != null && !usable(event.getQueueTimeSeconds())) {
      return "queue_time_seconds " + event.getQueueTimeSeconds() + " is not a finite, non-negative number";
    }
    if (event.getTimeToFirstTokenSeconds() != null
        && event.getTimeToFirstTokenSeconds() > event.getE2eLatencySeconds()) {
      return "time_to_first_token_seconds " + event.getTimeToFirstTokenSeconds()
          + " exceeds e2e_latency_seconds " + event.getE2eLatencySeconds();
    }
    return null;
  }

  private static boolean usable(double seconds) {
    return Double.isFinite(seconds) && seconds >= 0;
  }
}
