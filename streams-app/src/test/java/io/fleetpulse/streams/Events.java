package io.fleetpulse.streams;

import io.fleetpulse.schemas.RequestEvent;

/** Request events for the topology tests, every field set (see {@link Scrapes} on why). */
public final class Events {

  private static long nextId;

  private Events() {}

  /**
   * A finished request of {@link Scrapes#MODEL} on {@code node}, arriving {@code arrivalMs} after
   * {@link Scrapes#BASE}; it finished {@code e2e} seconds later.
   */
  public static RequestEvent event(
      String cluster,
      String node,
      long arrivalMs,
      Double queue,
      Double ttft,
      double e2e,
      int generationTokens) {
    return RequestEvent.newBuilder()
        .setRequestId("req-" + nextId++)
        .setCluster(cluster)
        .setNode(node)
        .setModel(Scrapes.MODEL)
        .setArrivalTimeMs(Scrapes.BASE.plusMillis(arrivalMs))
        .setQueueTimeSeconds(queue)
        .setTimeToFirstTokenSeconds(ttft)
        .setE2eLatencySeconds(e2e)
        .setPromptTokens(100)
        .setGenerationTokens(generationTokens)
        .setFinishReason("stop")
        .build();
  }
}
