package io.fleetpulse.simulator.scenario;

import io.fleetpulse.schemas.contract.EngineName;
import io.fleetpulse.simulator.FleetSpec;
import io.fleetpulse.simulator.batching.EngineConfig;

/**
 * {@code nodes} nodes in every cluster running one engine and model; a cluster's groups take its
 * node indices in order.
 *
 * @param engine vllm, tgi, llamacpp or sglang
 * @param engineConfig the batching model's capacity and speed (max_num_seqs, num_gpu_blocks,
 *     step_base_time, ...)
 */
public record NodeGroup(int nodes, String engine, String model, EngineConfig engineConfig) {

  public NodeGroup {
    Bounds.number(nodes, "nodes", 1, 1000);
    engine = engine == null ? EngineName.VLLM.wireName() : engine;
    String given = engine;
    EngineName.fromWireName(engine)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "engine '" + given + "' is not one of vllm, tgi, llamacpp, sglang"));
    if (model != null && model.isBlank()) {
      throw new IllegalArgumentException("model must not be blank");
    }
    model = model == null ? FleetSpec.DEFAULT_MODEL : model;
    engineConfig = engineConfig == null ? EngineConfig.defaults() : engineConfig;
  }

  public EngineName engineName() {
    return EngineName.fromWireName(engine).orElseThrow();
  }
}
