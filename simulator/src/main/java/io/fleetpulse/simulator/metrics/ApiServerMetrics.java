package io.fleetpulse.simulator.metrics;

import io.fleetpulse.simulator.batching.EngineListener;
import io.fleetpulse.simulator.batching.FinishedRequest;
import io.fleetpulse.simulator.exposition.Counter;
import io.fleetpulse.simulator.exposition.CounterFamily;
import io.fleetpulse.simulator.exposition.ExpositionRegistry;
import io.fleetpulse.simulator.exposition.LabelSet;

/**
 * prometheus-fastapi-instrumentator's request counter on vLLM's API server: chat completions and
 * scrapes.
 */
public final class ApiServerMetrics implements EngineListener {

  private final Counter chatCompletions;
  private final Counter scrapes;

  public ApiServerMetrics(ExpositionRegistry registry, double createdEpochSeconds) {
    CounterFamily requests =
        registry.register(
            CounterFamily.withCreated(
                "http_requests",
                "Total number of requests by method, status and handler.",
                createdEpochSeconds));
    chatCompletions =
        requests.add(
            LabelSet.of("handler", "/v1/chat/completions", "method", "POST", "status", "2xx"));
    scrapes = requests.add(LabelSet.of("handler", "/metrics", "method", "GET", "status", "2xx"));
  }

  /**
   * The instrumentator counts a request once its response is out, so a scrape shows the ones before
   * it.
   */
  public void scrapeServed() {
    scrapes.inc(1);
  }

  @Override
  public void requestFinished(FinishedRequest request) {
    chatCompletions.inc(1);
  }
}
