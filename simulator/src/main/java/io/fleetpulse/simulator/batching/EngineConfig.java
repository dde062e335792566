package io.fleetpulse.simulator.batching;

import java.time.Duration;

/**
 * The simulated vLLM engine's capacity and speed. A zero or null component means "use the default",
 * so a YAML section only names what it changes.
 *
 * @param maxNumSeqs most requests in one batch (vLLM {@code --max-num-seqs})
 * @param maxNumBatchedTokens most tokens one step schedules (vLLM {@code --max-num-batched-tokens})
 * @param numGpuBlocks KV-cache blocks
 * @param blockSize tokens per KV-cache block
 * @param maxModelLen longest prompt plus output
 * @param stepBaseTime fixed cost of one engine step
 * @param stepTimePerSequence added per request in the batch
 * @param stepTimePerPrefillToken added per prompt token computed in the step
 */
public record EngineConfig(
    int maxNumSeqs,
    int maxNumBatchedTokens,
    int numGpuBlocks,
    int blockSize,
    int maxModelLen,
    Duration stepBaseTime,
    Duration stepTimePerSequence,
    Duration stepTimePerPrefillToken) {

  private static final int SHORTEST_MODEL_LEN = 64;

  public EngineConfig {
    maxNumSeqs = orDefault(maxNumSeqs, 256, "max_num_seqs");
    maxNumBatchedTokens = orDefault(maxNumBatchedTokens, 16384, "max_num_batched_tokens");
    numGpuBlocks = orDefault(numGpuBlocks, 4096, "num_gpu_blocks");
    blockSize = orDefault(blockSize, 16, "block_size");
    maxModelLen = orDefault(maxModelLen, 8192, "max_model_len");
    stepBaseTime = orDefault(stepBaseTime, Duration.ofMillis(15), "step_base_time");
    stepTimePerSequence =
        orDefault(stepTimePerSequence, Duration.ofNanos(100_000), "step_time_per_sequence");
    stepTimePerPrefillToken =
        orDefault(stepTimePerPrefillToken, Duration.ofNanos(10_000), "step_time_per_prefill_token");
    if (maxModelLen < SHORTEST_MODEL_LEN) {
      throw new IllegalArgumentException(
          "engine max_model_len must be at least " + SHORTEST_MODEL_LEN + ", got " + maxModelLen);
    }
    int longestRequestBlocks = (maxModelLen + blockSize) / blockSize;
    if (longestRequestBlocks > numGpuBlocks) {
      throw new IllegalArgumentException(
          "engine num_gpu_blocks "
              + numGpuBlocks
              + " x block_size "
              + blockSize
              + " cannot hold one max_model_len ("
              + maxModelLen
              + ") request: it needs "
              + longestRequestBlocks
              + " blocks");
    }
    if (stepBaseTime.isZero()) {
      throw new IllegalArgumentException(
          "engine step_base_time must be positive, or every step would take no time");
    }
  }

  public static EngineConfig defaults() {
    return new EngineConfig(0, 0, 0, 0, 0, null, null, null);
  }

  private static int orDefault(int value, int fallback, String name) {
    if (value < 0) {
      throw new IllegalArgumentException("engine " + name + " must not be negative, got " + value);
    }
    return value == 0 ? fallback : value;
  }

  private static Duration orDefault(Duration value, Duration fallback, String name) {
    if (value != null && value.isNegative()) {
      throw new IllegalArgumentException("engine " + name + " must not be negative, got " + value);
    }
    return value == null ? fallback : value;
  }
}
