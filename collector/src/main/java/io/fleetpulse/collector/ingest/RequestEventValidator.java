package io.fleetpulse.collector.ingest;

import io.fleetpulse.schemas.RequestEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

/**
 * The rules every request event must pass, whichever way it arrived. Reasons name fields as the JSON-lines format
 * does. Arrival times must lie between 2000 and a day ahead of this clock: anything else is a unit mistake
 * (milliseconds sent as seconds) or a broken clock, and would land in windows that closed or never open.
 */
final class RequestEventValidator {

  static final Set<String> FINISH_REASONS = Set.of("stop", "length", "abort", "error");
  private static final Instant EARLIEST_ARRIVAL = Instant.parse("2000-01-01T00:00:00Z");
  private static final Duration LATEST_ARRIVAL_AHEAD = Duration.ofDays(1);

  private final Clock clock;

  RequestEventValidator(Clock clock) {
    this.clock = clock;
  }

  RequestEvent validate(RequestEventFields fields) throws InvalidRequestEvent {
    Instant arrival = required(fields.arrivalTime(), "arrival_time");
    if (arrival.isBefore(EARLIEST_ARRIVAL) || arrival.isAfter(clock.instant().plus(LATEST_ARRIVAL_AHEAD))) {
      throw new InvalidRequestEvent("arrival_time " + arrival.truncatedTo(ChronoUnit.SECONDS)
          + " is not between 2000 and a day from now (epoch seconds are expected, not milliseconds)");
    }
    double e2e = seconds(required(fields.e2eLatencySeconds(), "e2e_latency_seconds"), "e2e_latency_seconds");
    Double queue = fields.queueTimeSeconds() == null ? null : seconds(fields.queueTimeSeconds(), "queue_time_seconds");
    Double ttft = fields.timeToFirstTokenSeconds() == null
        ? null : seconds(fields.timeToFirstTokenSeconds(), "time_to_first_token_seconds");
    if (ttft != null && ttft > e2e) {
      throw new InvalidRequestEvent("time_to_first_token_seconds " + ttft + " exceeds e2e_latency_seconds " + e2e);
    }
    if (queue != null && queue > e2e) {
      throw new InvalidRequestEvent("queue_time_seconds " + queue + " exceeds e2e_latency_seconds " + e2e);
    }
    String finishReason = required(fields.finishReason(), "finish_reason");
    if (!FINISH_REASONS.contains(finishReason)) {
      throw new InvalidRequestEvent("finish_reason \"" + finishReason + "\" is not one of stop, length, abort, error");
    }
    return RequestEvent.newBuilder()
        .setRequestId(text(fields.requestId(), "request_id"))
        .setCluster(text(fields.cluster(), "cluster"))
        .setNode(text(fields.node(), "node"))
        .setModel(text(fields.model(), "model"))
        .setArrivalTimeMs(Instant.ofEpochMilli(arrival.toEpochMilli()))
        .setQueueTimeSeconds(queue)
        .setTimeToFirstTokenSeconds(ttft)
        .setE2eLatencySeconds(e2e)
        .setPromptTokens(tokens(fields.promptTokens(), "prompt_tokens"))
        .setGenerationTokens(tokens(fields.generationTokens(), "generation_tokens"))
        .setFinishReason(finishReason)
        .build();
  }

  private static <T> T required(T value, String field) throws InvalidRequestEvent {
    if (value == null) {
      throw new InvalidRequestEvent(field + " is missing");
    }
    return value;
  }

  private static String text(String value, String field) throws InvalidRequestEvent {
    if (required(value, field).isBlank()) {
      throw new InvalidRequestEvent(field + " is empty");
    }
    return value;
  }

  private static double seconds(double value, String field) throws InvalidRequestEvent {
    if (!Double.isFinite(value) || value < 0) {
      throw new InvalidRequestEvent(field + " must be a non-negative number of seconds, got " + value);
    }
    return value;
  }

  private static int tokens(Long value, String field) throws InvalidRequestEvent {
    long count = required(value, field);
    if (count < 0 || count > Integer.MAX_VALUE) {
      throw new InvalidRequestEvent(
          field + " must be a whole number from 0 to " + Integer.MAX_VALUE + ", got " + count);
    }
    return (int) count;
  }
}
