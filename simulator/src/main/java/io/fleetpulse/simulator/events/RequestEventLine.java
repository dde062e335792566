package io.fleetpulse.simulator.events;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * One finished request in the collector's JSON-lines ingest format ({@code POST /v1/requests}),
 * with the timings the simulated engine really produced. The arrival time keeps microseconds, as a
 * client clock would; a request that timed out before its first token has no time to first token
 * (NaN), and the line leaves it out.
 */
public record RequestEventLine(
    String requestId,
    String cluster,
    String node,
    String model,
    long arrivalEpochMicros,
    double queueTimeSeconds,
    double timeToFirstTokenSeconds,
    double e2eLatencySeconds,
    int promptTokens,
    int generationTokens,
    String finishReason) {

  /** Writes this event as one JSON object; the caller ends the line. */
  void writeTo(JsonGenerator json) throws IOException {
    json.writeStartObject();
    json.writeStringField("request_id", requestId);
    json.writeStringField("cluster", cluster);
    json.writeStringField("node", node);
    json.writeStringField("model", model);
    json.writeNumberField("arrival_time", arrivalEpochMicros / 1e6);
    json.writeNumberField("queue_time_seconds", queueTimeSeconds);
    if (!Double.isNaN(timeToFirstTokenSeconds)) {
      json.writeNumberField("time_to_first_token_seconds", timeToFirstTokenSeconds);
    }
    json.writeNumberField("e2e_latency_seconds", e2eLatencySeconds);
    json.writeNumberField("prompt_tokens", promptTokens);
    json.writeNumberField("generation_tokens", generationTokens);
    json.writeStringField("finish_reason", finishReason);
    json.writeEndObject();
  }
}
