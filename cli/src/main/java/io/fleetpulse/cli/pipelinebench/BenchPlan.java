package io.fleetpulse.cli.pipelinebench;

import io.fleetpulse.schemas.PrometheusDuration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What one pipeline benchmark run does.
 *
 * @param nodes simulated vLLM nodes
 * @param clusters clusters they are spread over, evenly
 * @param interval scrape interval, of FleetPulse and Prometheus alike
 * @param warmup how long it runs before measuring
 * @param duration how long it runs in all, warm-up included
 * @param bootstrapServers a Kafka of the caller's; empty: the embedded broker
 * @param vsPrometheus whether Prometheus scrapes the same fleet beside it
 * @param tolerance the relative error in fleet tokens/s a window may have and still be right
 * @param workDir where the broker's log, the streams state and Prometheus' data go
 */
public record BenchPlan(
    int nodes,
    int clusters,
    Duration interval,
    Duration warmup,
    Duration duration,
    String bootstrapServers,
    boolean vsPrometheus,
    double tolerance,
    Path workDir) {

  public boolean embedded() {
    return bootstrapServers.isBlank();
  }

  /** The clusters' names: bench-1, bench-2, ... */
  public List<String> clusterNames() {
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= clusters; i++) {
      names.add("bench-" + i);
    }
    return names;
  }

  /** What is wrong with these settings, or null when nothing is; names the option. */
  public static String problem(
      int nodes,
      int clusters,
      Duration interval,
      Duration warmup,
      Duration duration,
      double tolerance) {
    if (nodes < 1) {
      return "--nodes must be at least 1, got " + nodes;
    }
    if (clusters < 1 || nodes % clusters != 0) {
      return "--nodes ("
          + nodes
          + ") must be a multiple of --clusters ("
          + clusters
          + "), and --clusters at least 1: every cluster gets the same number of nodes";
    }
    if (interval.isNegative() || interval.isZero()) {
      return "--interval must be positive";
    }
    if (warmup.isNegative()) {
      return "--warmup must not be negative";
    }
    if (warmup.compareTo(duration) >= 0) {
      return "--warmup ("
          + PrometheusDuration.format(warmup)
          + ") must be shorter than --duration ("
          + PrometheusDuration.format(duration)
          + ")";
    }
    if (duration.minus(warmup).compareTo(interval.multipliedBy(2)) < 0) {
      return "--duration minus --warmup must be at least two --interval, to measure a scrape rate";
    }
    if (!(tolerance > 0 && tolerance < 1)) {
      return "--tolerance must be between 0 and 1 (a share, e.g. 0.05), got " + tolerance;
    }
    return null;
  }
}
