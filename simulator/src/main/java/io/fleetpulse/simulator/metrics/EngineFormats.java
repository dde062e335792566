package io.fleetpulse.simulator.metrics;

import io.fleetpulse.schemas.contract.EngineName;
import io.fleetpulse.simulator.batching.EngineConfig;

/** The /metrics page of each engine FleetPulse knows, all fed by the same batching model. */
public final class EngineFormats {

  private EngineFormats() {}

  public static NodeExposition create(
      EngineName engine, String model, EngineConfig config, double startEpochSeconds) {
    return switch (engine) {
      case VLLM -> new NodeMetrics(model, config, startEpochSeconds);
      case TGI -> new TgiMetrics(config);
      case LLAMACPP -> new LlamaCppMetrics();
      case SGLANG -> new SglangMetrics(model, config, startEpochSeconds);
    };
  }
}
