package io.fleetpulse.collector.ingest;

import io.fleetpulse.schemas.PrometheusDuration;
import io.fleetpulse.schemas.RequestEvent;
import io.fleetpulse.schemas.contract.EventTime;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

/**
 * The rules every request event must pass, whichever way it arrived, so that nothing accepted can
 * fail later: every value is bounded here. Reasons name fields as the JSON-lines format does.
 * Arrival times must lie within the configured window around this clock: anything else is a unit
 * mistake (milliseconds sent as seconds), a broken clock, or an event too old for any window still
 * open, which would be dropped downstream. Latencies are at most the configured maximum, texts at
 * most {@value #MAX_TEXT_BYTES} bytes of UTF-8, so an event's record is always far below Kafka's
 * record size limit.
 */
final class RequestEventValidator {

  static final Set<String> FINISH_REASONS = Set.of("stop", "length", "abort", "error");
  static final int MAX_TEXT_BYTES = 256;

  private final Clock clock;
  private final Duration maxArrivalAhead;
  private final Duration maxArrivalAge;
  private final Duration maxFinishAge;
  private final double maxLatencySeconds;

  RequestEventValidator(Clock clock, IngestConfig config) {
    this.clock = clock;
    this.maxArrivalAhead = config.maxArrivalAhead();
    this.maxArrivalAge = config.maxArrivalAge();
    this.maxFinishAge = config.maxFinishAge();
    this.maxLatencySeconds = config.maxLatency().toNanos() / 1e9;
  }

  RequestEvent validate(RequestEventFields fields) throws InvalidRequestEvent {
    Instant arrival = required(fields.arrivalTime(), "arrival_time");
    Instant now = clock.instant();
    if (arrival.isAfter(now.plus(maxArrivalAhead))) {
      throw new InvalidRequestEvent(
          "arrival_time "
              + arrival.truncatedTo(ChronoUnit.SECONDS)
              + " is more than "
              + PrometheusDuration.format(maxArrivalAhead)
              + " ahead of the collector's clock (collector.ingest."
              + "max_arrival_ahead; epoch seconds are expected, not milliseconds)");
    }
    if (arrival.isBefore(now.minus(maxArrivalAge))) {
      throw new InvalidRequestEvent(
          "arrival_time "
              + arrival.truncatedTo(ChronoUnit.SECONDS)
              + " is more than "
              + PrometheusDuration.format(maxArrivalAge)
              + " old, too late for any window (collector.ingest."
              + "max_arrival_age)");
    }
    double e2e =
        seconds(required(fields.e2eLatencySeconds(), "e2e_latency_seconds"), "e2e_latency_seconds");
    // The finish is the event's time downstream and its Kafka timestamp, bounded like the arrival.
    Instant finish = Instant.ofEpochMilli(EventTime.finishMs(arrival.toEpochMilli(), e2e));
    if (finish.isAfter(now.plus(maxArrivalAhead))) {
      throw new InvalidRequestEvent(
          "arrival_time plus e2e_latency_seconds, the finish "
              + finish.truncatedTo(ChronoUnit.SECONDS)
              + ", is more than "
              + PrometheusDuration.format(maxArrivalAhead)
              + " ahead of the collector's clock (collector.ingest.max_arrival_ahead)");
    }
    if (finish.isBefore(now.minus(maxFinishAge))) {
      throw new InvalidRequestEvent(
          "the request finished at "
              + finish.truncatedTo(ChronoUnit.MILLIS)
              + ", more than "
              + PrometheusDuration.format(maxFinishAge)
              + " ago: its window may be closed (collector.ingest.max_finish_age; report requests"
              + " as they finish)");
    }
    Double queue =
        fields.queueTimeSeconds() == null
            ? null
            : seconds(fields.queueTimeSeconds(), "queue_time_seconds");
    Double ttft =
        fields.timeToFirstTokenSeconds() == null
            ? null
            : seconds(fields.timeToFirstTokenSeconds(), "time_to_first_token_seconds");
    if (ttft != null && ttft > e2e) {
      throw new InvalidRequestEvent(
          "time_to_first_token_seconds " + ttft + " exceeds e2e_latency_seconds " + e2e);
    }
    if (queue != null && queue > e2e) {
      throw new InvalidRequestEvent(
          "queue_time_seconds " + queue + " exceeds e2e_latency_seconds " + e2e);
    }
    String finishReason = required(fields.finishReason(), "finish_reason");
    if (!FINISH_REASONS.contains(finishReason)) {
      throw new InvalidRequestEvent(
          "finish_reason \"" + finishReason + "\" is not one of stop, length, abort, error");
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
    // A UTF-8 character takes at most 3 bytes per UTF-16 unit, so short strings need no encoding to
    // be judged.
    if (value.length() * 3 > MAX_TEXT_BYTES
        && value.getBytes(StandardCharsets.UTF_8).length > MAX_TEXT_BYTES) {
      throw new InvalidRequestEvent(field + " is longer than " + MAX_TEXT_BYTES + " bytes");
    }
    return value;
  }

  private double seconds(double value, String field) throws InvalidRequestEvent {
    if (!Double.isFinite(value) || value < 0) {
      throw new InvalidRequestEvent(
          field + " must be a non-negative number of seconds, got " + value);
    }
    if (value > maxLatencySeconds) {
      throw new InvalidRequestEvent(
          field
              + " "
              + value
              + " is over the longest latency taken, "
              + maxLatencySeconds
              + " s (collector.ingest.max_latency)");
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
