package io.fleetpulse.streams.events;

import io.fleetpulse.schemas.RequestEvent;
import io.fleetpulse.schemas.contract.EventTime;
import io.fleetpulse.streams.decode.RecordChecks;
import io.fleetpulse.streams.window.WindowPolicy;
import java.time.Duration;

/**
 * Whether a decoded request event can be counted; one that cannot goes to the dead-letter topic
 * with the reason. Latencies are bounded by a configured maximum, so a finish time (arrival plus
 * latency) is always one the windows and the broker hold.
 */
public final class RequestEventChecks implements RecordChecks<RequestEvent> {

  private final double maxLatencySeconds;

  public RequestEventChecks(Duration maxLatency) {
    this.maxLatencySeconds = maxLatency.toMillis() / 1000.0;
  }

  @Override
  public String problem(RequestEvent event, long wallClockMs) {
    if (event.getCluster().isBlank() || event.getNode().isBlank()) {
      return "request " + abbreviated(event.getRequestId()) + " names no cluster or node";
    }
    String name = RecordChecks.nameProblem("cluster", event.getCluster());
    for (String[] field :
        new String[][] {
          {"node", event.getNode()},
          {"model", event.getModel()},
          {"request_id", event.getRequestId()}
        }) {
      name = name != null ? name : RecordChecks.nameProblem(field[0], field[1]);
    }
    if (name != null) {
      return "request " + abbreviated(event.getRequestId()) + ": " + name;
    }
    String latency = firstBadLatency(event);
    if (latency != null) {
      return "request " + event.getRequestId() + ": " + latency;
    }
    if (event.getGenerationTokens() < 0 || event.getPromptTokens() < 0) {
      return "request " + event.getRequestId() + ": negative token count";
    }
    long arrival = event.getArrivalTimeMs().toEpochMilli();
    String time = WindowPolicy.eventTimeProblem(arrival, wallClockMs);
    if (time == null) {
      time = WindowPolicy.eventTimeProblem(EventTime.of(event), wallClockMs);
    }
    return time == null ? null : "request " + event.getRequestId() + ": arrival or finish " + time;
  }

  private String firstBadLatency(RequestEvent event) {
    String e2e = latencyProblem("e2e_latency_seconds", event.getE2eLatencySeconds());
    if (e2e != null) {
      return e2e;
    }
    if (event.getTimeToFirstTokenSeconds() != null) {
      String ttft =
          latencyProblem("time_to_first_token_seconds", event.getTimeToFirstTokenSeconds());
      if (ttft != null) {
        return ttft;
      }
    }
    if (event.getQueueTimeSeconds() != null) {
      String queue = latencyProblem("queue_time_seconds", event.getQueueTimeSeconds());
      if (queue != null) {
        return queue;
      }
    }
    if (event.getTimeToFirstTokenSeconds() != null
        && event.getTimeToFirstTokenSeconds() > event.getE2eLatencySeconds()) {
      return "time_to_first_token_seconds "
          + event.getTimeToFirstTokenSeconds()
          + " exceeds e2e_latency_seconds "
          + event.getE2eLatencySeconds();
    }
    return null;
  }

  private String latencyProblem(String field, double seconds) {
    if (!Double.isFinite(seconds) || seconds < 0) {
      return field + " " + seconds + " is not a finite, non-negative number";
    }
    if (seconds > maxLatencySeconds) {
      return field
          + " "
          + seconds
          + " is over the maximum of "
          + maxLatencySeconds
          + " s (streams.max_request_latency)";
    }
    return null;
  }

  private static String abbreviated(String text) {
    return text == null || text.length() <= 64 ? text : text.substring(0, 64) + "…";
  }
}
