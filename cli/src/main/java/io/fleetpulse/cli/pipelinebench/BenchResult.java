package io.fleetpulse.cli.pipelinebench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What one run of the pipeline benchmark measured over its measured stretch (after the warm-up).
 *
 * @param nodes simulated vLLM nodes, all scraped
 * @param interval scrape interval
 * @param measured the measured stretch's length
 * @param kafka "embedded" or the bootstrap servers
 * @param scrapes scrapes the collector completed in the stretch, up or down
 * @param failedScrapes of those, the ones that failed
 * @param samples samples the collector kept in the stretch
 * @param cpu CPU time by part over the stretch
 * @param peakHeapBytes the most heap in use at any sample, the whole run
 * @param sinkSeries series on the sink's /metrics at the end
 * @param expectedWindows fleet windows, by window name, that start and end within the stretch
 * @param arrivals those of them the sink held before the benchmark stopped waiting
 * @param behindSeconds seconds of the stretch during which the streams app reported
 *     fleetpulse_pipeline_behind
 * @param maxConsumerLag the most records the streams app's consumers were behind at any sample
 * @param lateSlicesDropped contributions the streams app dropped as late in the stretch
 * @param tolerance the largest relative error in fleet tokens/s a window may have and count as
 *     right
 * @param prometheus what Prometheus did beside it, when it ran
 */
public record BenchResult(
    int nodes,
    Duration interval,
    Duration measured,
    String kafka,
    long scrapes,
    long failedScrapes,
    long samples,
    ThreadCpuLedger.Usage cpu,
    long peakHeapBytes,
    int sinkSeries,
    Map<String, Integer> expectedWindows,
    List<WindowArrival> arrivals,
    long behindSeconds,
    long maxConsumerLag,
    long lateSlicesDropped,
    double tolerance,
    Optional<PrometheusCost> prometheus) {

  /** Below this share of the scrapes the schedule calls for, the collector fell behind. */
  static final double KEEPING_UP = 0.98;

  public double seconds() {
    return measured.toMillis() / 1000.0;
  }

  public double scheduledScrapesPerSecond() {
    return nodes * 1000.0 / interval.toMillis();
  }

  public double scrapesPerSecond() {
    return scrapes / seconds();
  }

  public double samplesPerSecond() {
    return samples / seconds();
  }

  /** CPU milliseconds one scrape cost in {@code part}. */
  public double cpuMsPerScrape(Part part) {
    return perScrape(cpu.nanos(part));
  }

  /** CPU milliseconds one scrape cost in the collector, streams app, broker and sink together. */
  public double pipelineCpuMsPerScrape() {
    return perScrape(Part.PIPELINE.stream().mapToLong(cpu::nanos).sum());
  }

  /**
   * The process' CPU time less the simulator's and the benchmark's threads: FleetPulse's cost with
   * the GC and JIT work it causes, as Prometheus' own CPU time holds its garbage collection.
   */
  public long fleetPulseProcessNanos() {
    return cpu.processNanos() - cpu.nanos(Part.SIMULATOR) - cpu.nanos(Part.BENCH);
  }

  double perScrape(long nanos) {
    return scrapes == 0 ? Double.NaN : nanos / 1e6 / scrapes;
  }

  /** Windows that arrived with nodes up other than all of them. */
  public long windowsMissingNodes() {
    return arrivals.stream().filter(a -> a.nodesUp() != nodes).count();
  }

  /** Windows whose fleet tokens/s is off the simulator's truth by more than the tolerance. */
  public long windowsOffTruth() {
    return arrivals.stream().filter(a -> !(a.relativeError() <= tolerance)).count();
  }

  public long windowsMissing() {
    int expected = expectedWindows.values().stream().mapToInt(Integer::intValue).sum();
    return Math.max(0, expected - arrivals.size());
  }

  /** Why the run does not count as keeping up and right; empty when it does. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (scrapesPerSecond() < KEEPING_UP * scheduledScrapesPerSecond()) {
      problems.add(
          String.format(
              Locale.ROOT,
              "the collector fell behind: %.1f scrapes/s of %.1f scheduled",
              scrapesPerSecond(),
              scheduledScrapesPerSecond()));
    }
    if (failedScrapes > 0) {
      problems.add(failedScrapes + " scrapes failed");
    }
    if (behindSeconds > 0) {
      problems.add(
          "the streams app reported fleetpulse_pipeline_behind for " + behindSeconds + " s");
    }
    if (windowsMissing() > 0) {
      problems.add(windowsMissing() + " fleet windows never reached the sink");
    }
    if (windowsMissingNodes() > 0) {
      problems.add(
          windowsMissingNodes()
              + " fleet windows counted fewer or more than "
              + nodes
              + " nodes up");
    }
    if (windowsOffTruth() > 0) {
      problems.add(
          String.format(
              Locale.ROOT,
              "%d fleet windows' tokens/s were more than %.0f%% off the truth",
              windowsOffTruth(),
              tolerance * 100));
    }
    if (lateSlicesDropped > 0) {
      problems.add(lateSlicesDropped + " contributions dropped as late");
    }
    return problems;
  }
}
