package io.fleetpulse.simulator.metrics;

import io.fleetpulse.simulator.batching.EngineListener;
import io.fleetpulse.simulator.batching.StepReport;
import io.fleetpulse.simulator.exposition.CFloatFormat;

/**
 * llama-server's hand-written /metrics: eleven unlabelled {@code llamacpp:} families, counters
 * before gauges, values in C++ {@code %g}, seconds counters at millisecond resolution, and two
 * throughput gauges averaged over the steps since the previous scrape (a scrape resets them, as the
 * real server's does).
 */
final class LlamaCppMetrics implements NodeExposition, EngineListener {

  private long promptTokens;
  private long promptMicros;
  private long predictedTokens;
  private long predictedMicros;
  private long decodeCalls;
  private long busySlotsTotal;
  private int maxTokensPerDecode;
  private long promptTokensSinceScrape;
  private long promptMicrosSinceScrape;
  private long predictedTokensSinceScrape;
  private long predictedMicrosSinceScrape;
  private int processing;
  private int deferred;

  @Override
  public EngineListener engineListener() {
    return this;
  }

  @Override
  public void schedulerState(int running, int waiting, double kvCacheUsage) {
    processing = running;
    deferred = waiting;
  }

  /**
   * A step's time is split between prompt and generation in proportion to the tokens each computed.
   */
  @Override
  public void stepFinished(StepReport step) {
    long promptShare =
        step.scheduledTokens() == 0
            ? 0
            : step.durationMicros() * step.prefillComputeTokens() / step.scheduledTokens();
    long predictedShare = step.durationMicros() - promptShare;
    promptTokens += step.promptTokens();
    promptTokensSinceScrape += step.promptTokens();
    promptMicros += promptShare;
    promptMicrosSinceScrape += promptShare;
    predictedTokens += step.generationTokens();
    predictedTokensSinceScrape += step.generationTokens();
    predictedMicros += predictedShare;
    predictedMicrosSinceScrape += predictedShare;
    decodeCalls++;
    busySlotsTotal += step.generationTokens();
    maxTokensPerDecode = Math.max(maxTokensPerDecode, step.scheduledTokens());
  }

  @Override
  public void render(StringBuilder out) {
    family(
        out, "prompt_tokens_total", "Number of prompt tokens processed.", "counter", promptTokens);
    family(
        out,
        "prompt_seconds_total",
        "Prompt process time",
        "counter",
        millisecondSeconds(promptMicros));
    family(
        out,
        "tokens_predicted_total",
        "Number of generation tokens processed.",
        "counter",
        predictedTokens);
    family(
        out,
        "tokens_predicted_seconds_total",
        "Predict process time",
        "counter",
        millisecondSeconds(predictedMicros));
    family(out, "n_decode_total", "Total number of llama_decode() calls", "counter", decodeCalls);
    family(out, "n_tokens_max", "Largest observed n_tokens.", "counter", maxTokensPerDecode);
    family(
        out,
        "n_busy_slots_per_decode",
        "Average number of busy slots per llama_decode() call",
        "counter",
        decodeCalls == 0 ? 0 : (double) busySlotsTotal / decodeCalls);
    family(
        out,
        "prompt_tokens_seconds",
        "Average prompt throughput in tokens/s.",
        "gauge",
        perSecond(promptTokensSinceScrape, promptMicrosSinceScrape));
    family(
        out,
        "predicted_tokens_seconds",
        "Average generation throughput in tokens/s.",
        "gauge",
        perSecond(predictedTokensSinceScrape, predictedMicrosSinceScrape));
    family(out, "requests_processing", "Number of requests processing.", "gauge", processing);
    family(out, "requests_deferred", "Number of requests deferred.", "gauge", deferred);
  }

  private static void family(
      StringBuilder out, String name, String help, String type, double value) {
    out.append("# HELP llamacpp:")
        .append(name)
        .append(' ')
        .append(help)
        .append('\n')
        .append("# TYPE llamacpp:")
        .append(name)
        .append(' ')
        .append(type)
        .append('\n')
        .append("llamacpp:")
        .append(name)
        .append(' ')
        .append(CFloatFormat.format(value))
        .append('\n');
  }

  private static double millisecondSeconds(long micros) {
    return (micros / 1000) / 1e3;
  }

  private static double perSecond(long tokens, long micros) {
    return micros == 0 ? 0 : tokens * 1e6 / micros;
  }

  @Override
  public String contentType() {
    return PLAIN_TEXT_0_0_4;
  }

  @Override
  public void scrapeServed() {
    promptTokensSinceScrape = 0;
    promptMicrosSinceScrape = 0;
    predictedTokensSinceScrape = 0;
    predictedMicrosSinceScrape = 0;
  }

  @Override
  public void restart(double startEpochSeconds) {
    promptTokens = 0;
    promptMicros = 0;
    predictedTokens = 0;
    predictedMicros = 0;
    decodeCalls = 0;
    busySlotsTotal = 0;
    maxTokensPerDecode = 0;
    scrapeServed();
    schedulerState(0, 0, 0);
  }
}
