package io.fleetpulse.streams;

import io.fleetpulse.schemas.Histogram;
import io.fleetpulse.schemas.MetricFamily;
import io.fleetpulse.schemas.MetricType;
import io.fleetpulse.schemas.Sample;
import io.fleetpulse.schemas.Scrape;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds realistic vLLM scrapes (family and sample names, labels, timestamps) for the topology
 * tests. Every field is set explicitly: Avro 1.12 resolves an unset record-typed default only for
 * trusted classes, and this project's classes are trusted only once AvroSerde has been loaded, so
 * defaults would make tests order-dependent.
 */
public final class Scrapes {

  /** A minute boundary, so every window size used in the tests starts here. */
  public static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

  public static final String MODEL = "meta-llama/Llama-3.1-8B-Instruct";

  private final String cluster;
  private final String instance;
  private final long atMs;
  private final Map<String, MetricFamily> families = new LinkedHashMap<>();
  private final Map<String, String> targetLabels = new HashMap<>();
  private String modelName = MODEL;

  private Scrapes(String cluster, String instance, long atMs) {
    this.cluster = cluster;
    this.instance = instance;
    this.atMs = atMs;
  }

  /**
   * A good vLLM scrape of {@code instance} in {@code cluster}, {@code atMs} after {@link #BASE}.
   */
  public static Scrapes vllm(String cluster, String instance, long atMs) {
    return new Scrapes(cluster, instance, atMs);
  }

  /** A failed scrape: up=false, an error, no families. */
  public static Scrape down(String cluster, String instance, long atMs) {
    return base(cluster, instance, atMs)
        .setUp(false)
        .setError("connection refused")
        .setTargetLabels(new HashMap<>())
        .setFamilies(new ArrayList<>())
        .build();
  }

  public static long ms(double seconds) {
    return Math.round(seconds * 1000);
  }

  public static String key(Scrape scrape) {
    return scrape.getCluster() + "/" + scrape.getInstance();
  }

  public Scrapes modelName(String name) {
    this.modelName = name;
    return this;
  }

  public Scrapes targetLabel(String name, String value) {
    targetLabels.put(name, value);
    return this;
  }

  /** vllm:generation_tokens_total of data-parallel rank {@code engine}. */
  public Scrapes generation(int engine, double value) {
    return sample(
        "vllm:generation_tokens",
        MetricType.COUNTER,
        "vllm:generation_tokens_total",
        engine,
        value);
  }

  public Scrapes prompt(int engine, double value) {
    return sample(
        "vllm:prompt_tokens", MetricType.COUNTER, "vllm:prompt_tokens_total", engine, value);
  }

  public Scrapes running(int engine, double value) {
    return sample(
        "vllm:num_requests_running", MetricType.GAUGE, "vllm:num_requests_running", engine, value);
  }

  public Scrapes waiting(int engine, double value) {
    return sample(
        "vllm:num_requests_waiting", MetricType.GAUGE, "vllm:num_requests_waiting", engine, value);
  }

  public Scrapes kvUsage(int engine, double value) {
    return sample(
        "vllm:kv_cache_usage_perc", MetricType.GAUGE, "vllm:kv_cache_usage_perc", engine, value);
  }

  /** The KV gauge under its name before vLLM 0.9. */
  public Scrapes gpuCacheUsage(int engine, double value) {
    return sample(
        "vllm:gpu_cache_usage_perc", MetricType.GAUGE, "vllm:gpu_cache_usage_perc", engine, value);
  }

  /**
   * One series (rank {@code engine}) of a vLLM histogram family, e.g. {@code
   * vllm:time_to_first_token_seconds}.
   *
   * @param cumulativeCounts one per bound, then the +Inf bucket
   */
  public Scrapes histogram(
      String family, int engine, List<Double> bounds, List<Double> cumulativeCounts) {
    MetricFamily metricFamily =
        families.computeIfAbsent(
            family,
            name ->
                MetricFamily.newBuilder()
                    .setName(name)
                    .setType(MetricType.HISTOGRAM)
                    .setHelp("help of " + name)
                    .setSamples(new ArrayList<>())
                    .setHistograms(new ArrayList<>())
                    .build());
    metricFamily
        .getHistograms()
        .add(
            Histogram.newBuilder()
                .setLabels(Map.of("engine", Integer.toString(engine), "model_name", modelName))
                .setBounds(bounds)
                .setCumulativeCounts(cumulativeCounts)
                .setSum(0.0)
                .setCount(cumulativeCounts.get(cumulativeCounts.size() - 1))
                .build());
    return this;
  }

  /** A gauge sample with exactly {@code labels}, e.g. another engine's or one with rank labels. */
  public Scrapes gauge(String sampleName, Map<String, String> labels, double value) {
    MetricFamily metricFamily =
        families.computeIfAbsent(
            sampleName,
            name ->
                MetricFamily.newBuilder()
                    .setName(name)
                    .setType(MetricType.GAUGE)
                    .setHelp("help of " + name)
                    .setSamples(new ArrayList<>())
                    .setHistograms(new ArrayList<>())
                    .build());
    metricFamily
        .getSamples()
        .add(Sample.newBuilder().setName(sampleName).setLabels(labels).setValue(value).build());
    return this;
  }

  /** A family the engine profile does not read, as real scrapes are full of. */
  public Scrapes unrelated(String sampleName, double value) {
    return sample(sampleName, MetricType.COUNTER, sampleName, 0, value);
  }

  /** Shorthand for a single-rank node with every canonical signal. */
  public static Scrape node(
      String cluster,
      String instance,
      long atMs,
      double generation,
      double prompt,
      double running,
      double waiting,
      double kv) {
    return vllm(cluster, instance, atMs)
        .generation(0, generation)
        .prompt(0, prompt)
        .running(0, running)
        .waiting(0, waiting)
        .kvUsage(0, kv)
        .build();
  }

  public Scrape build() {
    return base(cluster, instance, atMs)
        .setUp(true)
        .setTargetLabels(targetLabels)
        .setFamilies(new ArrayList<>(families.values()))
        .build();
  }

  private Scrapes sample(
      String family, MetricType type, String sampleName, int engine, double value) {
    MetricFamily metricFamily =
        families.computeIfAbsent(
            family,
            name ->
                MetricFamily.newBuilder()
                    .setName(name)
                    .setType(type)
                    .setHelp("help of " + name)
                    .setSamples(new ArrayList<>())
                    .setHistograms(new ArrayList<>())
                    .build());
    List<Sample> samples = metricFamily.getSamples();
    samples.add(
        Sample.newBuilder()
            .setName(sampleName)
            .setLabels(Map.of("engine", Integer.toString(engine), "model_name", modelName))
            .setValue(value)
            .build());
    return this;
  }

  private static Scrape.Builder base(String cluster, String instance, long atMs) {
    return Scrape.newBuilder()
        .setCluster(cluster)
        .setInstance(instance)
        .setJob("vllm")
        .setEngine("vllm")
        .setTimestampMs(BASE.plusMillis(atMs))
        .setDurationSeconds(0.012);
  }
}
