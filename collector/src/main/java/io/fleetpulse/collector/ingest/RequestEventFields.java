package io.fleetpulse.collector.ingest;

import java.time.Instant;

/**
 * One request's fields as a client sent them, before validation; any of them may be missing (null).
 * The JSON-lines and OTLP decoders both fill one in, so both get exactly the same rules from {@link
 * RequestEventValidator}.
 */
record RequestEventFields(
    String requestId,
    String cluster,
    String node,
    String model,
    Instant arrivalTime,
    Double queueTimeSeconds,
    Double timeToFirstTokenSeconds,
    Double e2eLatencySeconds,
    Long promptTokens,
    Long generationTokens,
    String finishReason) {}
