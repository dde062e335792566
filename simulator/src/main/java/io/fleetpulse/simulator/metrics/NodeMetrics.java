package io.fleetpulse.simulator.metrics;

import io.fleetpulse.simulator.batching.EngineConfig;
import io.fleetpulse.simulator.batching.EngineListener;
import io.fleetpulse.simulator.batching.ListenerFanOut;
import io.fleetpulse.simulator.exposition.ExpositionRegistry;
import java.util.List;

/**
 * Everything one simulated vLLM server's /metrics shows, in the fixture's order. Not thread-safe.
 */
public final class NodeMetrics implements NodeExposition {

  private final ExpositionRegistry registry = new ExpositionRegistry();
  private final PythonProcessMetrics process;
  private final ApiServerMetrics apiServer;
  private final EngineListener listener;

  public NodeMetrics(String modelName, EngineConfig engine, double startEpochSeconds) {
    process = new PythonProcessMetrics(registry, startEpochSeconds);
    VllmEngineMetrics vllm = new VllmEngineMetrics(registry, modelName, engine, startEpochSeconds);
    apiServer = new ApiServerMetrics(registry, startEpochSeconds);
    listener = new ListenerFanOut(List.of(process, vllm, apiServer));
  }

  @Override
  public EngineListener engineListener() {
    return listener;
  }

  @Override
  public void render(StringBuilder out) {
    registry.render(out);
  }

  @Override
  public String contentType() {
    return ExpositionRegistry.CONTENT_TYPE;
  }

  @Override
  public void scrapeServed() {
    apiServer.scrapeServed();
  }

  /** A new process: counters and histograms from zero, new {@code _created} and start times. */
  @Override
  public void restart(double startEpochSeconds) {
    registry.restart(startEpochSeconds);
    process.restart(startEpochSeconds);
  }
}
