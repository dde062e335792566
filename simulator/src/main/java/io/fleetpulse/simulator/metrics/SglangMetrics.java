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

/**
 * SGLang's {@code sglang:} families as collector.py registers them with prometheus_client: the
 * scheduler's gauges and queue-time histogram ({@code engine_type}, {@code model_name}), refreshed
 * every {@value #LOG_INTERVAL_STEPS} decode steps as SGLang logs them, then the tokenizer manager's
 * counters and latency histograms ({@code model_name}), counted when a request finishes.
 */
final class SglangMetrics implements NodeExposition, EngineListener {

  private static final int LOG_INTERVAL_STEPS = 40;
  private static final double[] QUEUE_TIME = {
    0.0, 0.1, 0.2, 0.5, 1, 2, 3, 4, 5, 10, 15, 20, 30, 40, 50, 60, 70, 80, 90, 100, 200, 300, 400,
    500, 600, 700, 800, 900, 1000, 1200, 1400, 1600, 1800, 2000, 2500, 3000
  };
  private static final double[] TIME_TO_FIRST_TOKEN = {
    0.1, 0.2, 0.4, 0.6, 0.8, 1, 2, 4, 6, 8, 10, 20, 40, 60, 80, 100, 200, 400
  };
  private static final double[] INTER_TOKEN_LATENCY = {
    0.002, 0.004, 0.006, 0.008, 0.01, 0.015, 0.02, 0.025, 0.03, 0.035, 0.04, 0.06, 0.08, 0.1, 0.2,
    0.4, 0.6, 0.8, 1, 2, 4, 6, 8
  };
  private static final double[] E2E_LATENCY = {
    0.1, 0.2, 0.4, 0.6, 0.8, 1, 2, 4, 6, 8, 10, 20, 40, 60, 80, 100, 200, 400, 600, 1200, 1800, 2400
  };

  private final ExpositionRegistry registry = new ExpositionRegistry();
  private final int capacityTokens;
  private final Gauge running;
  private final Gauge usedTokens;
  private final Gauge tokenUsage;
  private final Gauge genThroughput;
  private final Gauge queued;
  private final Gauge cacheHitRate;
  private final Gauge retracted;
  private final Histogram queueTime;
  private final Counter promptTokens;
  private final Counter generationTokens;
  private final Counter cachedTokens;
  private final Counter requests;
  private final Counter abortedRequests;
  private final Histogram timeToFirstToken;
  private final Histogram interTokenLatency;
  private final Histogram e2eLatency;

  private int stepsSinceLog;
  private long intervalGenerationTokens;
  private long intervalMicros;
  private long intervalPrefixQueries;
  private long intervalPrefixHits;
  private int intervalPreemptions;

  SglangMetrics(String model, EngineConfig config, double createdEpochSeconds) {
    capacityTokens = config.numGpuBlocks() * config.blockSize();
    LabelSet scheduler = LabelSet.of("engine_type", "unified", "model_name", model);
    LabelSet tokenizer = LabelSet.of("model_name", model);
    running = gauge("num_running_reqs", "The number of running requests.", scheduler);
    usedTokens = gauge("num_used_tokens", "The number of used tokens.", scheduler);
    tokenUsage = gauge("token_usage", "The token usage.", scheduler);
    genThroughput = gauge("gen_throughput", "The generation throughput (token/s).", scheduler);
    queued = gauge("num_queue_reqs", "The number of requests in the waiting queue.", scheduler);
    cacheHitRate = gauge("cache_hit_rate", "The prefix cache hit rate.", scheduler);
    retracted = gauge("num_retracted_reqs", "The number of retracted requests.", scheduler);
    queueTime =
        registry
            .register(
                new HistogramFamily(
                    "sglang:queue_time_seconds",
                    "Histogram of queueing time in seconds.",
                    QUEUE_TIME,
                    createdEpochSeconds))
            .add(scheduler);
    promptTokens =
        counter(
            "prompt_tokens", "Number of prefill tokens processed.", tokenizer, createdEpochSeconds);
    generationTokens =
        counter(
            "generation_tokens",
            "Number of generation tokens processed.",
            tokenizer,
            createdEpochSeconds);
    cachedTokens =
        counter("cached_tokens", "Number of cached prompt tokens.", tokenizer, createdEpochSeconds);
    requests =
        counter("num_requests", "Number of requests processed.", tokenizer, createdEpochSeconds);
    abortedRequests =
        counter(
            "num_aborted_requests", "Number of requests aborted.", tokenizer, createdEpochSeconds);
    timeToFirstToken =
        registry
            .register(
                new HistogramFamily(
                    "sglang:time_to_first_token_seconds",
                    "Histogram of time to first token in seconds.",
                    TIME_TO_FIRST_TOKEN,
                    createdEpochSeconds))
            .add(tokenizer);
    interTokenLatency =
        registry
            .register(
                new HistogramFamily(
                    "sglang:inter_token_latency_seconds",
                    "Histogram of inter-token latency in seconds.",
                    INTER_TOKEN_LATENCY,
                    createdEpochSeconds))
            .add(tokenizer);
    e2eLatency =
        registry
            .register(
                new HistogramFamily(
                    "sglang:e2e_request_latency_seconds",
                    "Histogram of End-to-end request latency in seconds",
                    E2E_LATENCY,
                    createdEpochSeconds))
            .add(tokenizer);
  }

  private Gauge gauge(String name, String help, LabelSet labels) {
    return registry.register(new GaugeFamily("sglang:" + name, help)).add(labels);
  }

  private Counter counter(String name, String help, LabelSet labels, double createdEpochSeconds) {
    return registry
        .register(CounterFamily.withCreated("sglang:" + name, help, createdEpochSeconds))
        .add(labels);
  }

  @Override
  public EngineListener engineListener() {
    return this;
  }

  @Override
  public void schedulerState(int runningRequests, int waitingRequests, double kvCacheUsage) {
    running.set(runningRequests);
    queued.set(waitingRequests);
    tokenUsage.set(kvCacheUsage);
    usedTokens.set(Math.round(kvCacheUsage * capacityTokens));
  }

  @Override
  public void requestPreempted() {
    intervalPreemptions++;
  }

  @Override
  public void stepFinished(StepReport step) {
    // The tokenizer observes each decode interval once per new token but sums the interval once.
    if (step.decodeTokens() > 0) {
      interTokenLatency.observe(
          step.durationSeconds(), step.decodeTokens(), step.durationSeconds());
    }
    intervalGenerationTokens += step.generationTokens();
    intervalMicros += step.durationMicros();
    intervalPrefixQueries += step.prefixQueryTokens();
    intervalPrefixHits += step.prefixHitTokens();
    if (++stepsSinceLog == LOG_INTERVAL_STEPS) {
      genThroughput.set(intervalGenerationTokens * 1e6 / intervalMicros);
      if (intervalPrefixQueries > 0) {
        cacheHitRate.set((double) intervalPrefixHits / intervalPrefixQueries);
      }
      retracted.set(intervalPreemptions);
      stepsSinceLog = 0;
      intervalGenerationTokens = 0;
      intervalMicros = 0;
      intervalPrefixQueries = 0;
      intervalPrefixHits = 0;
      intervalPreemptions = 0;
    }
  }

  @Override
  public void requestFinished(FinishedRequest request) {
    requests.inc(1);
    if (request.reason() == FinishReason.ABORT) {
      abortedRequests.inc(1);
    }
    promptTokens.inc(request.promptTokens());
    generationTokens.inc(request.generationTokens());
    cachedTokens.inc(request.promptTokens() - request.prefillComputedTokens());
    queueTime.observe(request.queueSeconds());
    if (request.hasFirstToken()) {
      timeToFirstToken.observe(request.timeToFirstTokenSeconds());
    }
    e2eLatency.observe(request.e2eSeconds());
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
  public void scrapeServed() {}

  @Override
  public void restart(double startEpochSeconds) {
    registry.restart(startEpochSeconds);
    schedulerState(0, 0, 0);
    genThroughput.set(0);
    cacheHitRate.set(0);
    retracted.set(0);
  }
}
