package io.fleetpulse.streams.events;

import io.fleetpulse.schemas.RequestEvent;
import io.fleetpulse.streams.profile.CanonicalHistogram;
import java.util.EnumMap;
import java.util.Map;

/** The latencies one finished request contributes to each canonical latency family. */
public final class RequestEventLatencies {

  private RequestEventLatencies() {}

  /**
   * Time to first token, end-to-end and queue time as the event reports them (when it does). The
   * inter-token latency is the request's time per output token after the first, TPOT = (e2e - ttft)
   * / (generation_tokens - 1): one value per request, defined only with a first-token time and more
   * than one generated token.
   */
  public static Map<CanonicalHistogram, Double> of(RequestEvent event) {
    Map<CanonicalHistogram, Double> latencies = new EnumMap<>(CanonicalHistogram.class);
    double e2e = event.getE2eLatencySeconds();
    latencies.put(CanonicalHistogram.E2E_REQUEST_LATENCY, e2e);
    Double ttft = event.getTimeToFirstTokenSeconds();
    if (ttft != null) {
      latencies.put(CanonicalHistogram.TIME_TO_FIRST_TOKEN, ttft);
      if (event.getGenerationTokens() > 1) {
        latencies.put(
            CanonicalHistogram.INTER_TOKEN_LATENCY,
            (e2e - ttft) / (event.getGenerationTokens() - 1));
      }
    }
    if (event.getQueueTimeSeconds() != null) {
      latencies.put(CanonicalHistogram.QUEUE_TIME, event.getQueueTimeSeconds());
    }
    return latencies;
  }
}
