package io.fleetpulse.simulator.metrics;

import io.fleetpulse.simulator.batching.EngineConfig;
import io.fleetpulse.simulator.batching.EngineListener;
import io.fleetpulse.simulator.batching.FinishReason;
import io.fleetpulse.simulator.batching.FinishedRequest;
import io.fleetpulse.simulator.batching.StepReport;
import io.fleetpulse.simulator.exposition.Counter;
import io.fleetpulse.simulator.exposition.CounterFamily;
import io.fleetpulse.simulator.exposition.ExpositionRegistry;
import io.fleetpulse.simulator.exposition.Gauge;
import io.fleetpulse.simulator.exposition.GaugeFamily;
import io.fleetpulse.simulator.exposition.Histogram;
import io.fleetpulse.simulator.exposition.HistogramFamily;
import io.fleetpulse.simulator.exposition.LabelSet;
import java.util.EnumMap;
import java.util.Map;

/**
 * The {@code vllm:*} families of one V1 engine (engine index 0), named, labelled, bucketed and
 * ordered as vLLM's loggers.py registers them, fed from the simulated engine's events.
 */
public final class VllmEngineMetrics implements EngineListener {

  private final ExpositionRegistry registry;
  private final LabelSet engineLabels;
  private final double createdEpochSeconds;

  private final Gauge running;
  private final Gauge waiting;
  private final Gauge kvCacheUsage;
  private final Counter prefixCacheQueries;
  private final Counter prefixCacheHits;
  private final Counter preemptions;
  private final Counter promptTokens;
  private final Counter promptTokensComputed;
  private final Counter promptTokensCacheHit;
  private final Counter promptTokensCached;
  private final Counter generationTokens;
  private final Map<FinishReason, Counter> finishedRequests = new EnumMap<>(FinishReason.class);
  private final Histogram requestPromptTokens;
  private final Histogram requestGenerationTokens;
  private final Histogram iterationTokens;
  private final Histogram requestMaxGenerationTokens;
  private final Histogram requestParamsN;
  private final Histogram requestParamsMaxTokens;
  private final Histogram timeToFirstToken;
  private final Histogram interTokenLatency;
  private final Histogram requestTimePerOutputToken;
  private final Histogram e2eLatency;
  private final Histogram queueTime;
  private final Histogram inferenceTime;
  private final Histogram prefillTime;
  private final Histogram decodeTime;
  private final Histogram prefillComputedTokens;

  public VllmEngineMetrics(
      ExpositionRegistry registry,
      String modelName,
      EngineConfig engine,
      double createdEpochSeconds) {
    this.registry = registry;
    this.engineLabels = LabelSet.of("engine", "0", "model_name", modelName);
    this.createdEpochSeconds = createdEpochSeconds;

    running = gauge("vllm:num_requests_running", "Number of requests in model execution batches.");
    waiting = gauge("vllm:num_requests_waiting", "Number of requests waiting to be processed.");
    GaugeFamily sleepState =
        registry.register(
            new GaugeFamily(
                "vllm:engine_sleep_state",
                "Engine sleep state;"
                    + " awake = 0 means engine is sleeping; awake = 1 means engine is awake; weights_offloaded = 1 means"
                    + " sleep level 1; discard_all = 1 means sleep level 2."));
    sleepState.add(engineLabels.with("sleep_state", "awake")).set(1);
    sleepState.add(engineLabels.with("sleep_state", "weights_offloaded"));
    sleepState.add(engineLabels.with("sleep_state", "discard_all"));
    kvCacheUsage = gauge("vllm:kv_cache_usage_perc", "KV-cache usage. 1 means 100 percent usage.");

    prefixCacheQueries =
        counter(
            "vllm:prefix_cache_queries",
            "Prefix cache queries, in terms of number of queried tokens.");
    prefixCacheHits =
        counter(
            "vllm:prefix_cache_hits", "Prefix cache hits, in terms of number of cached tokens.");
    counter(
        "vllm:external_prefix_cache_queries",
        "External prefix cache queries from KV connector cross-instance"
            + " cache sharing, in terms of number of queried tokens.");
    counter(
        "vllm:external_prefix_cache_hits",
        "External prefix cache hits from KV connector cross-instance cache"
            + " sharing, in terms of number of cached tokens.");
    counter(
        "vllm:mm_cache_queries", "Multi-modal cache queries, in terms of number of queried items.");
    counter("vllm:mm_cache_hits", "Multi-modal cache hits, in terms of number of cached items.");
    preemptions =
        counter("vllm:num_preemptions", "Cumulative number of preemption from the engine.");
    promptTokens = counter("vllm:prompt_tokens", "Number of prefill tokens processed.");
    CounterFamily bySource =
        registry.register(
            CounterFamily.withCreated(
                "vllm:prompt_tokens_by_source",
                "Number of prompt tokens by source.",
                createdEpochSeconds));
    promptTokensComputed = bySource.add(engineLabels.with("source", "local_compute"));
    promptTokensCacheHit = bySource.add(engineLabels.with("source", "local_cache_hit"));
    bySource.add(engineLabels.with("source", "external_kv_transfer"));
    promptTokensCached =
        counter("vllm:prompt_tokens_cached", "Number of cached prompt tokens (local + external).");
    // Only a fully cached prompt recomputes a token; the simulated shared prefix is always shorter
    // than the prompt.
    counter(
        "vllm:prompt_tokens_recomputed", "Number of cached tokens recomputed for forward pass.");
    generationTokens = counter("vllm:generation_tokens", "Number of generation tokens processed.");
    CounterFamily success =
        registry.register(
            CounterFamily.withCreated(
                "vllm:request_success",
                "Count of successfully processed requests.",
                createdEpochSeconds));
    for (FinishReason reason : FinishReason.values()) {
      finishedRequests.put(
          reason, success.add(engineLabels.with("finished_reason", reason.label())));
    }

    double[] tokenCounts = VllmBuckets.oneTwoFive(engine.maxModelLen());
    requestPromptTokens =
        histogram("vllm:request_prompt_tokens", "Number of prefill tokens processed.", tokenCounts);
    requestGenerationTokens =
        histogram(
            "vllm:request_generation_tokens",
            "Number of generation tokens processed.",
            tokenCounts);
    iterationTokens =
        histogram(
            "vllm:iteration_tokens_total",
            "Histogram of number of tokens per engine_step.",
            VllmBuckets.oneTwoFive(VllmBuckets.BATCH_SIZE_LIMIT));
    requestMaxGenerationTokens =
        histogram(
            "vllm:request_max_num_generation_tokens",
            "Histogram of maximum number of requested generation tokens.",
            tokenCounts);
    requestParamsN =
        histogram(
            "vllm:request_params_n",
            "Histogram of the n request parameter.",
            VllmBuckets.COMPLETION_COUNT);
    requestParamsMaxTokens =
        histogram(
            "vllm:request_params_max_tokens",
            "Histogram of the max_tokens request parameter.",
            tokenCounts);
    timeToFirstToken =
        histogram(
            "vllm:time_to_first_token_seconds",
            "Histogram of time to first token in seconds.",
            VllmBuckets.PREFILL_LATENCY);
    interTokenLatency =
        histogram(
            "vllm:inter_token_latency_seconds",
            "Histogram of inter-token latency in seconds.",
            VllmBuckets.TOKEN_STEP_LATENCY);
    requestTimePerOutputToken =
        histogram(
            "vllm:request_time_per_output_token_seconds",
            "Histogram of time_per_output_token_seconds per request.",
            VllmBuckets.TOKEN_STEP_LATENCY);
    e2eLatency =
        histogram(
            "vllm:e2e_request_latency_seconds",
            "Histogram of e2e request latency in seconds.",
            VllmBuckets.ACCUMULATED_PHASE_LATENCY);
    queueTime =
        histogram(
            "vllm:request_queue_time_seconds",
            "Histogram of time spent in WAITING phase for request.",
            VllmBuckets.ACCUMULATED_PHASE_LATENCY);
    inferenceTime =
        histogram(
            "vllm:request_inference_time_seconds",
            "Histogram of time spent in RUNNING phase for request.",
            VllmBuckets.ACCUMULATED_PHASE_LATENCY);
    prefillTime =
        histogram(
            "vllm:request_prefill_time_seconds",
            "Histogram of time spent in PREFILL phase for request.",
            VllmBuckets.ACCUMULATED_PHASE_LATENCY);
    decodeTime =
        histogram(
            "vllm:request_decode_time_seconds",
            "Histogram of time spent in DECODE phase for request.",
            VllmBuckets.ACCUMULATED_PHASE_LATENCY);
    prefillComputedTokens =
        histogram(
            "vllm:request_prefill_kv_computed_tokens",
            "Histogram of new KV tokens computed during prefill (excluding cached tokens).",
            tokenCounts);

    registry
        .register(
            new GaugeFamily("vllm:cache_config_info", "Information of the LLMEngine CacheConfig"))
        .add(
            LabelSet.of(
                "block_size",
                Integer.toString(engine.blockSize()),
                "cache_dtype",
                "auto",
                "enable_prefix_caching",
                "True",
                "engine",
                "0",
                "gpu_memory_utilization",
                "0.9",
                "num_cpu_blocks",
                "0",
                "num_gpu_blocks",
                Integer.toString(engine.numGpuBlocks())))
        .set(1);
  }

  private Gauge gauge(String name, String help) {
    return registry.register(new GaugeFamily(name, help)).add(engineLabels);
  }

  private Counter counter(String name, String help) {
    return registry
        .register(CounterFamily.withCreated(name, help, createdEpochSeconds))
        .add(engineLabels);
  }

  private Histogram histogram(String name, String help, double[] bounds) {
    return registry
        .register(new HistogramFamily(name, help, bounds, createdEpochSeconds))
        .add(engineLabels);
  }

  @Override
  public void schedulerState(int runningRequests, int waitingRequests, double kvCacheUsageRatio) {
    running.set(runningRequests);
    waiting.set(waitingRequests);
    kvCacheUsage.set(kvCacheUsageRatio);
  }

  @Override
  public void requestPreempted() {
    preemptions.inc(1);
  }

  @Override
  public void firstToken(double timeToFirstTokenSeconds) {
    timeToFirstToken.observe(timeToFirstTokenSeconds);
  }

  @Override
  public void stepFinished(StepReport step) {
    prefixCacheQueries.inc(step.prefixQueryTokens());
    prefixCacheHits.inc(step.prefixHitTokens());
    promptTokens.inc(step.promptTokens());
    promptTokensComputed.inc(step.promptTokens() - step.cachedPromptTokens());
    promptTokensCacheHit.inc(step.cachedPromptTokens());
    promptTokensCached.inc(step.cachedPromptTokens());
    generationTokens.inc(step.generationTokens());
    iterationTokens.observe(step.scheduledTokens());
    // One observation per decode token, all with the step's duration: cheap, and what vLLM sees per
    // request.
    interTokenLatency.observe(step.durationSeconds(), step.decodeTokens());
  }

  @Override
  public void requestFinished(FinishedRequest request) {
    finishedRequests.get(request.reason()).inc(1);
    requestPromptTokens.observe(request.promptTokens());
    requestGenerationTokens.observe(request.generationTokens());
    requestMaxGenerationTokens.observe(request.maxTokens());
    requestParamsN.observe(1);
    requestParamsMaxTokens.observe(request.maxTokens());
    requestTimePerOutputToken.observe(request.timePerOutputTokenSeconds());
    e2eLatency.observe(request.e2eSeconds());
    queueTime.observe(request.queueSeconds());
    inferenceTime.observe(request.inferenceSeconds());
    prefillTime.observe(request.prefillSeconds());
    decodeTime.observe(request.decodeSeconds());
    prefillComputedTokens.observe(request.prefillComputedTokens());
  }
}
