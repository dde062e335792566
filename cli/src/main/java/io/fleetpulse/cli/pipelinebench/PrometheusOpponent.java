package io.fleetpulse.cli.pipelinebench;

import io.fleetpulse.cli.external.PrometheusProcess;
import io.fleetpulse.collector.config.ScrapeConfig;
import io.fleetpulse.collector.config.StaticConfig;
import io.fleetpulse.schemas.PrometheusDuration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The real Prometheus scraping the same targets as the collector, at the same interval and timeout,
 * with {@link RecordingRules} for the same aggregates; its CPU time comes from /proc, its scrapes
 * and samples from its own series.
 */
final class PrometheusOpponent implements AutoCloseable {

  private final PrometheusProcess prometheus;
  private long cpuStartNanos;
  private long startMs;
  private MetricsPage ownAtStart;

  private PrometheusOpponent(PrometheusProcess prometheus) {
    this.prometheus = prometheus;
  }

  static PrometheusOpponent start(
      Path dir, ScrapeConfig job, Duration interval, Duration timeout, List<Duration> windows)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path rules = dir.resolve("rules.yml");
    Files.writeString(rules, RecordingRules.yaml(windows));
    return new PrometheusOpponent(
        PrometheusProcess.start(dir, config(job, interval, timeout, rules)));
  }

  static String config(ScrapeConfig job, Duration interval, Duration timeout, Path rules) {
    StringBuilder yaml =
        new StringBuilder()
            .append("global:\n  scrape_interval: ")
            .append(PrometheusDuration.format(interval))
            .append("\n  scrape_timeout: ")
            .append(PrometheusDuration.format(timeout))
            .append("\nrule_files: [\"")
            .append(rules)
            .append("\"]\nscrape_configs:\n  - job_name: ")
            .append(job.jobName())
            .append("\n    static_configs:\n");
    for (StaticConfig targets : job.staticConfigs()) {
      yaml.append("      - targets: [")
          .append(
              targets.targets().stream().map(t -> '"' + t + '"').collect(Collectors.joining(", ")))
          .append("]\n        labels: {")
          .append(
              targets.labels().entrySet().stream()
                  .sorted(Map.Entry.comparingByKey())
                  .map(label -> label.getKey() + ": \"" + label.getValue() + '"')
                  .collect(Collectors.joining(", ")))
          .append("}\n");
    }
    return yaml.toString();
  }

  /** Begins the measured stretch. */
  void startMeasuring() throws IOException, InterruptedException {
    ownAtStart = MetricsPage.fetch(prometheus.baseUrl() + "/metrics");
    cpuStartNanos = ProcessCpu.nanos(prometheus.pid());
    startMs = System.currentTimeMillis();
  }

  /** What Prometheus did from {@link #startMeasuring()} to now. */
  PrometheusCost stopMeasuring() throws IOException, InterruptedException {
    long cpu = ProcessCpu.nanos(prometheus.pid()) - cpuStartNanos;
    long endMs = System.currentTimeMillis();
    String range = ((endMs - startMs) / 1000) + "s";
    double scrapes = value("sum(count_over_time(up{job=\"vllm\"}[" + range + "]))", endMs);
    // up is 1 or 0 per scrape: the scrapes less the sum of up are the failed ones.
    double failed = scrapes - value("sum(sum_over_time(up{job=\"vllm\"}[" + range + "]))", endMs);
    double samples =
        value("sum(sum_over_time(scrape_samples_scraped{job=\"vllm\"}[" + range + "]))", endMs);
    MetricsPage own = MetricsPage.fetch(prometheus.baseUrl() + "/metrics");
    return new PrometheusCost(
        cpu,
        (long) scrapes,
        (long) failed,
        (long) samples,
        (long) increase(own, "prometheus_rule_group_iterations_missed_total"),
        (long) increase(own, "prometheus_rule_evaluation_failures_total"));
  }

  private double increase(MetricsPage now, String counter) {
    return now.sum(counter) - ownAtStart.sum(counter);
  }

  private double value(String promql, long timeMs) throws IOException, InterruptedException {
    return prometheus.query(promql, timeMs).orElse(0);
  }

  @Override
  public void close() throws InterruptedException {
    prometheus.close();
  }
}
