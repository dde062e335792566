package io.fleetpulse.simulator.metrics;

import io.fleetpulse.simulator.batching.EngineConfig;
import io.fleetpulse.simulator.batching.EngineListener;
import io.fleetpulse.simulator.batching.FinishReason;
import io.fleetpulse.simulator.batching.FinishedRequest;
import io.fleetpulse.simulator.batching.StepReport;
import io.fleetpulse.simulator.exposition.RustFloatFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * TGI's router metrics as metrics-exporter-prometheus prints them: counters without {@code _total},
 * HELP only where TGI describes the name, no model label, a blank line after every family,
 * histogram buckets from TGI's rules (durations {@code 0.0001·1.5^k}, token counts linear in max
 * input or total tokens, batch sizes 1..1024), and a series only once it was first touched. Request
 * outcomes are counted when a request ends: stop and length are successes, an abort (the client
 * went away or timed out) is a {@code dropped} failure.
 */
final class TgiMetrics implements NodeExposition, EngineListener {

  private static final int DURATION_BUCKETS = 35;
  private static final int LENGTH_BUCKETS = 100;
  private static final int BATCH_SIZE_BUCKETS = 1024;

  /**
   * Tokenization and validation of one request; TGI measures it, the batching model has no such
   * phase.
   */
  private static final double VALIDATION_SECONDS = 0.0007;

  /** Detokenizing and filtering a batch, as shares of its forward time. */
  private static final double DECODE_SHARE = 0.02;

  private static final double FILTER_SHARE = 0.01;
  private static final double CONCAT_SHARE = 0.015;
  private static final String[] METHODS = {"prefill", "decode"};

  private final long capacityTokens;
  private long requestCount;
  private long requestSuccess;
  private long requestDropped;
  private final long[] batchInference = new long[METHODS.length];
  private long batchConcat;
  private long batchSize;
  private long queueSize;
  private double kvUsage;
  private final MetricsRsHistogram requestDuration;
  private final MetricsRsHistogram validationDuration;
  private final MetricsRsHistogram queueDuration;
  private final MetricsRsHistogram inferenceDuration;
  private final MetricsRsHistogram meanTimePerToken;
  private final MetricsRsHistogram generatedTokens;
  private final MetricsRsHistogram inputLength;
  private final MetricsRsHistogram maxNewTokens;
  private final MetricsRsHistogram nextBatchSize;
  private final MetricsRsHistogram[] batchInferenceDuration;
  private final MetricsRsHistogram[] batchForwardDuration;
  private final MetricsRsHistogram[] batchDecodeDuration;
  private final MetricsRsHistogram[] batchFilterDuration;
  private final MetricsRsHistogram batchConcatDuration;
  private final List<MetricsRsHistogram> histograms = new ArrayList<>();

  TgiMetrics(EngineConfig config) {
    capacityTokens = (long) config.numGpuBlocks() * config.blockSize();
    double[] durations = durationBuckets();
    requestDuration = histogram("tgi_request_duration", "", durations);
    validationDuration = histogram("tgi_request_validation_duration", "", durations);
    queueDuration = histogram("tgi_request_queue_duration", "", durations);
    inferenceDuration = histogram("tgi_request_inference_duration", "", durations);
    meanTimePerToken = histogram("tgi_request_mean_time_per_token_duration", "", durations);
    double[] totalLengths = linearBuckets(config.maxModelLen(), LENGTH_BUCKETS);
    generatedTokens = histogram("tgi_request_generated_tokens", "", totalLengths);
    inputLength =
        histogram(
            "tgi_request_input_length",
            "",
            linearBuckets(config.maxModelLen() - 1, LENGTH_BUCKETS));
    maxNewTokens = histogram("tgi_request_max_new_tokens", "", totalLengths);
    double[] batchSizes = new double[BATCH_SIZE_BUCKETS];
    for (int i = 0; i < batchSizes.length; i++) {
      batchSizes[i] = i + 1;
    }
    nextBatchSize = histogram("tgi_batch_next_size", "", batchSizes);
    batchInferenceDuration = perMethod("tgi_batch_inference_duration", durations);
    batchForwardDuration = perMethod("tgi_batch_forward_duration", durations);
    batchDecodeDuration = perMethod("tgi_batch_decode_duration", durations);
    batchFilterDuration = perMethod("tgi_batch_filter_duration", durations);
    batchConcatDuration = histogram("tgi_batch_concat_duration", "method=\"decode\"", durations);
  }

  /** TGI's {@code 0.0001·1.5^k}, k = 1..35, multiplied up as its loop does. */
  private static double[] durationBuckets() {
    double[] bounds = new double[DURATION_BUCKETS];
    double bound = 0.0001;
    for (int k = 0; k < DURATION_BUCKETS; k++) {
      bound *= 1.5;
      bounds[k] = bound;
    }
    return bounds;
  }

  private static double[] linearBuckets(int maxTokens, int count) {
    double[] bounds = new double[count];
    double width = maxTokens / 100.0;
    for (int i = 0; i < count; i++) {
      bounds[i] = width * (i + 1);
    }
    return bounds;
  }

  private MetricsRsHistogram histogram(String name, String labels, double[] bounds) {
    MetricsRsHistogram histogram = new MetricsRsHistogram(name, labels, bounds);
    histograms.add(histogram);
    return histogram;
  }

  private MetricsRsHistogram[] perMethod(String name, double[] bounds) {
    MetricsRsHistogram[] byMethod = new MetricsRsHistogram[METHODS.length];
    for (int i = 0; i < METHODS.length; i++) {
      byMethod[i] = histogram(name, "method=\"" + METHODS[i] + "\"", bounds);
    }
    return byMethod;
  }

  @Override
  public EngineListener engineListener() {
    return this;
  }

  @Override
  public void requestQueued() {
    requestCount++;
  }

  @Override
  public void schedulerState(int running, int waiting, double kvCacheUsage) {
    batchSize = running;
    queueSize = waiting;
    kvUsage = kvCacheUsage;
  }

  @Override
  public void stepFinished(StepReport step) {
    if (step.prefillRequests() > 0) {
      batchStep(0, step.durationSeconds());
      nextBatchSize.observe(step.prefillRequests());
      if (step.decodeTokens() > 0) {
        batchConcat++;
        batchConcatDuration.observe(step.durationSeconds() * CONCAT_SHARE);
      }
    }
    if (step.decodeTokens() > 0) {
      batchStep(1, step.durationSeconds());
    }
  }

  private void batchStep(int method, double seconds) {
    batchInference[method]++;
    batchInferenceDuration[method].observe(seconds);
    batchForwardDuration[method].observe(seconds);
    batchDecodeDuration[method].observe(seconds * DECODE_SHARE);
    batchFilterDuration[method].observe(seconds * FILTER_SHARE);
  }

  @Override
  public void requestFinished(FinishedRequest request) {
    if (request.reason() == FinishReason.ABORT || request.reason() == FinishReason.ERROR) {
      requestDropped++;
      return;
    }
    requestSuccess++;
    requestDuration.observe(request.e2eSeconds());
    validationDuration.observe(VALIDATION_SECONDS);
    queueDuration.observe(request.queueSeconds());
    inferenceDuration.observe(request.inferenceSeconds());
    meanTimePerToken.observe(
        request.generationTokens() == 0
            ? 0
            : request.inferenceSeconds() / request.generationTokens());
    generatedTokens.observe(request.generationTokens());
    inputLength.observe(request.promptTokens());
    maxNewTokens.observe(request.maxTokens());
  }

  @Override
  public void render(StringBuilder out) {
    counter(out, "tgi_request_count", "Total number of requests", "", requestCount);
    counter(out, "tgi_request_success", "Number of successful requests", "", requestSuccess);
    if (requestDropped > 0) {
      counter(out, "tgi_request_failure", null, "{err=\"dropped\"}", requestDropped);
    }
    perMethodCounter(
        out, "tgi_batch_inference_count", "Inference calls per method (prefill or decode)");
    perMethodCounter(
        out,
        "tgi_batch_inference_success",
        "Number of successful inference calls per method (prefill or decode)");
    if (batchConcat > 0) {
      counter(out, "tgi_batch_concat", null, "{reason=\"backpressure\"}", batchConcat);
    }
    gauge(out, "tgi_batch_current_size", "Current batch size", batchSize);
    gauge(out, "tgi_queue_size", "Current queue size", queueSize);
    gauge(
        out,
        "tgi_batch_current_max_tokens",
        "Maximum tokens for the current batch",
        Math.round(kvUsage * capacityTokens));
    gauge(out, "tgi_batch_max_total_tokens", null, capacityTokens);
    histogramFamily(
        out, "tgi_request_duration", "Total time spent processing the request", requestDuration);
    histogramFamily(
        out,
        "tgi_request_validation_duration",
        "Time spent validating the request",
        validationDuration);
    histogramFamily(
        out, "tgi_request_queue_duration", "Time spent in the queue per request", queueDuration);
    histogramFamily(
        out, "tgi_request_inference_duration", "Request inference duration", inferenceDuration);
    histogramFamily(
        out,
        "tgi_request_mean_time_per_token_duration",
        "Mean time per token per request",
        meanTimePerToken);
    histogramFamily(
        out, "tgi_request_generated_tokens", "Generated tokens per request", generatedTokens);
    histogramFamily(out, "tgi_request_input_length", "Input token length per request", inputLength);
    histogramFamily(
        out, "tgi_request_max_new_tokens", "Maximum new tokens per request", maxNewTokens);
    histogramFamily(out, "tgi_batch_next_size", "Batch size of the next batch", nextBatchSize);
    histogramFamily(
        out, "tgi_batch_inference_duration", "Batch inference duration", batchInferenceDuration);
    histogramFamily(
        out,
        "tgi_batch_forward_duration",
        "Batch forward duration per method (prefill or decode)",
        batchForwardDuration);
    histogramFamily(
        out,
        "tgi_batch_decode_duration",
        "Time spent decoding a batch per method (prefill or decode)",
        batchDecodeDuration);
    histogramFamily(
        out,
        "tgi_batch_filter_duration",
        "Time spent filtering batches and sending generated tokens per method (prefill or decode)",
        batchFilterDuration);
    histogramFamily(out, "tgi_batch_concat_duration", null, batchConcatDuration);
    skippedTokens(out);
  }

  private static void header(StringBuilder out, String name, String help, String type) {
    if (help != null) {
      out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    }
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static void counter(
      StringBuilder out, String name, String help, String labels, long value) {
    header(out, name, help, "counter");
    out.append(name).append(labels).append(' ').append(value).append("\n\n");
  }

  private void perMethodCounter(StringBuilder out, String name, String help) {
    if (batchInference[0] == 0 && batchInference[1] == 0) {
      return;
    }
    header(out, name, help, "counter");
    for (int i = 0; i < METHODS.length; i++) {
      if (batchInference[i] > 0) {
        out.append(name)
            .append("{method=\"")
            .append(METHODS[i])
            .append("\"} ")
            .append(batchInference[i])
            .append('\n');
      }
    }
    out.append('\n');
  }

  private static void gauge(StringBuilder out, String name, String help, double value) {
    header(out, name, help, "gauge");
    out.append(name).append(' ');
    RustFloatFormat.append(out, value);
    out.append("\n\n");
  }

  private static void histogramFamily(
      StringBuilder out, String name, String help, MetricsRsHistogram... series) {
    boolean any = false;
    for (MetricsRsHistogram each : series) {
      any |= each.observed();
    }
    if (!any) {
      return;
    }
    header(out, name, help, "histogram");
    for (MetricsRsHistogram each : series) {
      if (each.observed()) {
        each.render(out);
      }
    }
    out.append('\n');
  }

  /**
   * Without speculative decoding nothing is skipped: an unbucketed distribution, hence a summary,
   * of zeros.
   */
  private void skippedTokens(StringBuilder out) {
    if (requestSuccess == 0) {
      return;
    }
    header(out, "tgi_request_skipped_tokens", "Speculated tokens per request", "summary");
    for (String quantile : new String[] {"0", "0.5", "0.9", "0.95", "0.99", "0.999", "1"}) {
      out.append("tgi_request_skipped_tokens{quantile=\"").append(quantile).append("\"} 0\n");
    }
    out.append("tgi_request_skipped_tokens_sum 0\ntgi_request_skipped_tokens_count ")
        .append(requestSuccess)
        .append("\n\n");
  }

  @Override
  public String contentType() {
    return PLAIN_TEXT_0_0_4;
  }

  @Override
  public void scrapeServed() {}

  @Override
  public void restart(double startEpochSeconds) {
    requestCount = 0;
    requestSuccess = 0;
    requestDropped = 0;
    batchInference[0] = 0;
    batchInference[1] = 0;
    batchConcat = 0;
    histograms.forEach(MetricsRsHistogram::reset);
    schedulerState(0, 0, 0);
  }
}
