package io.fleetpulse.streams.health;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;

/**
 * The streams app's own health, counted by its processors on every stream thread and served on its
 * /metrics endpoint. Counted as processed: under exactly-once a task that is aborted and retried
 * counts its records again, so these are health signals, not exact tallies.
 */
public final class StreamsAppMetrics {

  public static final String SCRAPES = "scrapes";
  public static final String REQUESTS = "requests";
  public static final String FLEET_STATS = "fleet_stats";
  public static final String NODE_STATS = "node_stats";

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private volatile IntPredicate inputBacklog = partition -> false;

  private final Counter recordsIn =
      Counter.builder()
          .name("fleetpulse_streams_records_in_total")
          .help(
              "Records read from the input topics, by input (scrapes, requests), decodable or not")
          .labelNames("input")
          .register(registry);

  private final Counter decodeFailures =
      Counter.builder()
          .name("fleetpulse_streams_decode_failures_total")
          .help(
              "Input records that could not be decoded or were invalid, sent to the dead-letter topic, by input")
          .labelNames("input")
          .register(registry);

  private final Counter recordsOut =
      Counter.builder()
          .name("fleetpulse_streams_records_out_total")
          .help("Records written to the output topics, by output (fleet_stats, node_stats)")
          .labelNames("output")
          .register(registry);

  private final Counter lateSlices =
      Counter.builder()
          .name("fleetpulse_streams_late_slices_dropped_total")
          .help(
              "Contributions (partials) that arrived after their window had been published, counted and not added")
          .register(registry);

  private final Counter lateRollupWindows =
      Counter.builder()
          .name("fleetpulse_streams_rollup_late_windows_dropped_total")
          .help(
              "Windows that reached a rollup tier after its window had been published, counted and not added")
          .register(registry);

  private final Counter processingFailures =
      Counter.builder()
          .name("fleetpulse_streams_processing_failures_total")
          .help(
              "Records that failed inside a processor, sent to the dead-letter topic with the exception, by processor")
          .labelNames("processor")
          .register(registry);

  /** Since when each behind node-stage task has been behind, by task id. */
  private final Map<String, Long> behindSinceByTask = new ConcurrentHashMap<>();

  public StreamsAppMetrics() {
    // Every series exists from the start, so a rate over them is defined before the first event.
    for (String input : new String[] {SCRAPES, REQUESTS}) {
      recordsIn.labelValues(input);
      decodeFailures.labelValues(input);
    }
    recordsOut.labelValues(FLEET_STATS);
    recordsOut.labelValues(NODE_STATS);
    GaugeWithCallback.builder()
        .name("fleetpulse_pipeline_behind")
        .help(
            "1 while a node-stage task of this instance processes records more than the grace behind the clock "
                + "(its windows wait for it), else 0")
        .callback(callback -> callback.call(behind() ? 1 : 0))
        .register(registry);
  }

  /**
   * Whether the consumers are behind the ends of the input partitions numbered {@code partition} (a
   * task's own): a processor that has seen no input for a while may let the wall clock close
   * windows only when this is false, or a backlog still unread would arrive after its windows
   * closed. The task of an empty partition has nothing unread, so it may.
   */
  public boolean inputBacklogged(int partition) {
    return inputBacklog.test(partition);
  }

  /** Where {@link #inputBacklogged} learns the consumers' lag, once the app has its clients. */
  public void watchInputBacklog(IntPredicate backlog) {
    this.inputBacklog = backlog;
  }

  public PrometheusRegistry registry() {
    return registry;
  }

  /**
   * The behind tasks of this instance, kept by {@link PipelineBehind} and reported as
   * fleetpulse_pipeline_behind.
   */
  public Map<String, Long> behindTasks() {
    return behindSinceByTask;
  }

  public boolean behind() {
    return !behindSinceByTask.isEmpty();
  }

  public void recordIn(String input) {
    recordsIn.labelValues(input).inc();
  }

  public void decodeFailure(String input) {
    decodeFailures.labelValues(input).inc();
  }

  public void recordOut(String output) {
    recordsOut.labelValues(output).inc();
  }

  public void processingFailure(String processor) {
    processingFailures.labelValues(processor).inc();
  }

  public void lateSliceDropped() {
    lateSlices.inc();
  }

  public void lateRollupWindowDropped() {
    lateRollupWindows.inc();
  }

  public long lateRollupWindowsDropped() {
    return (long) lateRollupWindows.get();
  }

  public long recordsIn(String input) {
    return (long) recordsIn.labelValues(input).get();
  }

  public long decodeFailures(String input) {
    return (long) decodeFailures.labelValues(input).get();
  }

  public long processingFailures(String processor) {
    return (long) processingFailures.labelValues(processor).get();
  }

  public long recordsOut(String output) {
    return (long) recordsOut.labelValues(output).get();
  }

  public long lateSlicesDropped() {
    return (long) lateSlices.get();
  }
}
