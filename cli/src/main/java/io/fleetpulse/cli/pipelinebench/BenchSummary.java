package io.fleetpulse.cli.pipelinebench;

import io.fleetpulse.schemas.PrometheusDuration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The benchmark's result as Markdown: the figures, the CPU per scrape by part, the verdict. */
public final class BenchSummary {

  private BenchSummary() {}

  public static String markdown(BenchResult result, String command) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "## fleetpulse bench-pipeline: %,d vLLM nodes every %s, %.0f s measured (Kafka: %s)%n%n",
            result.nodes(),
            PrometheusDuration.format(result.interval()),
            result.seconds(),
            result.kafka()));
    out.append("`").append(command).append("`\n\n");
    figures(out, result);
    cpu(out, result);
    result.prometheus().ifPresent(prometheus -> versus(out, result, prometheus));
    out.append(
        "Freshness is the wall time the sink first held a fleet window (polled every 100 ms) minus"
            + " the window's end: the newest scrape the window covers is at most one interval"
            + " older than its end, the oldest one window and one interval older.\n"
            + "CPU is per-thread CPU time (ThreadMXBean) grouped by the names each component gives"
            + " its threads; the simulator and the benchmark's own threads are not FleetPulse's"
            + " cost. Outside threads is the process' CPU time that no live thread accounts for:"
            + " GC, the JIT compiler, and threads that ended between two samples (1 s apart).\n\n");
    List<String> problems = result.problems();
    if (problems.isEmpty()) {
      out.append("**Kept up and right.**\n");
    } else {
      out.append("**BEHIND OR WRONG:** ").append(String.join("; ", problems)).append(".\n");
    }
    return out.toString();
  }

  private static void figures(StringBuilder out, BenchResult result) {
    out.append("| figure | value |\n| --- | --- |\n");
    row(
        out,
        "scrapes/s",
        String.format(
            Locale.ROOT,
            "%.1f of %.1f scheduled (%,d done, %,d failed)",
            result.scrapesPerSecond(),
            result.scheduledScrapesPerSecond(),
            result.scrapes(),
            result.failedScrapes()));
    row(
        out,
        "samples/s",
        String.format(Locale.ROOT, "%,.0f kept by the collector", result.samplesPerSecond()));
    Map<String, List<WindowArrival>> byWindow = new TreeMap<>(windowOrder());
    result.expectedWindows().keySet().forEach(w -> byWindow.put(w, new ArrayList<>()));
    result
        .arrivals()
        .forEach(a -> byWindow.computeIfAbsent(a.window(), w -> new ArrayList<>()).add(a));
    byWindow.forEach(
        (window, arrivals) ->
            row(
                out,
                "freshness, fleet " + window + " windows",
                freshness(arrivals, result.expectedWindows().getOrDefault(window, 0))));
    row(out, "fleet tokens/s vs truth", accuracy(result));
    row(
        out,
        "nodes up",
        result.arrivals().isEmpty()
            ? "no window to count them in"
            : result.windowsMissingNodes() == 0
                ? String.format(
                    Locale.ROOT, "%,d of %,d in every window", result.nodes(), result.nodes())
                : String.format(
                    Locale.ROOT,
                    "not %,d in %d of %d windows (%s)",
                    result.nodes(),
                    result.windowsMissingNodes(),
                    result.arrivals().size(),
                    result.arrivals().stream()
                        .filter(a -> a.nodesUp() != result.nodes())
                        .map(a -> Integer.toString(a.nodesUp()))
                        .distinct()
                        .limit(5)
                        .reduce((a, b) -> a + ", " + b)
                        .orElse("")));
    row(
        out,
        "behind",
        String.format(
            Locale.ROOT,
            "%s; consumer lag at most %,d records; %,d contributions dropped as late",
            result.behindSeconds() == 0
                ? "never"
                : "fleetpulse_pipeline_behind for " + result.behindSeconds() + " s",
            result.maxConsumerLag(),
            result.lateSlicesDropped()));
    row(out, "peak heap", String.format(Locale.ROOT, "%,d MB", result.peakHeapBytes() >> 20));
    row(out, "series on the sink", String.format(Locale.ROOT, "%,d", result.sinkSeries()));
    out.append('\n');
  }

  private static String freshness(List<WindowArrival> arrivals, int expected) {
    if (arrivals.isEmpty()) {
      return "none of " + expected + " windows arrived";
    }
    long[] sorted = arrivals.stream().mapToLong(WindowArrival::freshnessMs).sorted().toArray();
    return String.format(
        Locale.ROOT,
        "p50 %.1f s, p99 %.1f s, max %.1f s (%d of %d windows)",
        rank(sorted, 0.5) / 1000.0,
        rank(sorted, 0.99) / 1000.0,
        sorted[sorted.length - 1] / 1000.0,
        arrivals.size(),
        expected);
  }

  /** Nearest rank: the smallest value with at least {@code q} of them at or below it. */
  static long rank(long[] sorted, double q) {
    int index = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static String accuracy(BenchResult result) {
    if (result.arrivals().isEmpty()) {
      return "no window to compare";
    }
    double max =
        result.arrivals().stream().mapToDouble(WindowArrival::relativeError).max().orElse(0);
    double mean =
        result.arrivals().stream().mapToDouble(WindowArrival::relativeError).average().orElse(0);
    double sink =
        result.arrivals().stream().mapToDouble(WindowArrival::tokensPerSecond).average().orElse(0);
    double truth =
        result.arrivals().stream()
            .mapToDouble(WindowArrival::truthTokensPerSecond)
            .average()
            .orElse(0);
    return String.format(
        Locale.ROOT,
        "%,.0f vs %,.0f on average; error max %.2f%%, mean %.2f%% over %d windows (tolerance %.0f%%)",
        sink,
        truth,
        max * 100,
        mean * 100,
        result.arrivals().size(),
        result.tolerance() * 100);
  }

  private static void cpu(StringBuilder out, BenchResult result) {
    out.append("| part | CPU-ms per scrape | cores |\n| --- | ---: | ---: |\n");
    for (Part part : Part.PIPELINE) {
      cpuRow(out, result, part.label(), result.cpu().nanos(part));
    }
    long pipeline = Part.PIPELINE.stream().mapToLong(result.cpu()::nanos).sum();
    cpuRow(out, result, "**FleetPulse (the four above)**", pipeline);
    cpuRow(
        out,
        result,
        "**FleetPulse with GC and JIT (process less simulator and bench)**",
        result.fleetPulseProcessNanos());
    String unattributed =
        result.cpu().busiestUnattributed().isEmpty()
            ? "unattributed threads"
            : "unattributed threads ("
                + String.join(", ", result.cpu().busiestUnattributed())
                + ")";
    cpuRow(out, result, unattributed, result.cpu().nanos(Part.UNATTRIBUTED));
    cpuRow(
        out,
        result,
        "outside threads (GC, JIT, ended threads)",
        result.cpu().outsideThreadsNanos());
    cpuRow(out, result, "simulator (not counted)", result.cpu().nanos(Part.SIMULATOR));
    cpuRow(out, result, "bench itself (not counted)", result.cpu().nanos(Part.BENCH));
    cpuRow(out, result, "whole process", result.cpu().processNanos());
    out.append('\n');
  }

  private static void cpuRow(StringBuilder out, BenchResult result, String label, long nanos) {
    out.append(
        String.format(
            Locale.ROOT,
            "| %s | %.3f | %.2f |%n",
            label,
            result.perScrape(nanos),
            nanos / 1e9 / result.seconds()));
  }

  private static void versus(StringBuilder out, BenchResult result, PrometheusCost prometheus) {
    double samplesPerScrape =
        prometheus.scrapes() == 0
            ? Double.NaN
            : (double) prometheus.samples() / prometheus.scrapes();
    long pipeline = Part.PIPELINE.stream().mapToLong(result.cpu()::nanos).sum();
    long collector = result.cpu().nanos(Part.COLLECTOR);
    double prometheusPerScrape =
        prometheus.scrapes() == 0 ? Double.NaN : prometheus.cpuNanos() / 1e6 / prometheus.scrapes();
    out.append(
        String.format(
            Locale.ROOT,
            "Against Prometheus, same fleet, same run: %,d scrapes (%,d failed), %,.0f samples per"
                + " scrape, %d recording rules (%d missed evaluations, %d failed).%n%n",
            prometheus.scrapes(),
            prometheus.failedScrapes(),
            samplesPerScrape,
            RecordingRules.count(result.expectedWindows().size()),
            prometheus.missedRuleIterations(),
            prometheus.ruleFailures()));
    out.append(
        "| | CPU-ms per scrape | CPU-s per million samples | × Prometheus |\n| --- | ---: | ---: | ---: |\n");
    versusRow(
        out,
        "FleetPulse with GC and JIT (process less simulator and bench)",
        result.perScrape(result.fleetPulseProcessNanos()),
        samplesPerScrape,
        prometheusPerScrape);
    versusRow(
        out,
        "FleetPulse threads (collector, streams app, broker, sink)",
        result.perScrape(pipeline),
        samplesPerScrape,
        prometheusPerScrape);
    versusRow(
        out,
        "FleetPulse collector alone",
        result.perScrape(collector),
        samplesPerScrape,
        prometheusPerScrape);
    versusRow(out, "Prometheus", prometheusPerScrape, samplesPerScrape, prometheusPerScrape);
    out.append(
        "\nPer million samples: CPU per scrape over the samples in a scraped body, as Prometheus"
            + " counts them (scrape_samples_scraped); both scrape the same bodies.\n\n");
  }

  private static void versusRow(
      StringBuilder out,
      String label,
      double msPerScrape,
      double samplesPerScrape,
      double prometheusMs) {
    out.append(
        String.format(
            Locale.ROOT,
            "| %s | %.3f | %.2f | %.2f |%n",
            label,
            msPerScrape,
            msPerScrape / samplesPerScrape * 1000,
            msPerScrape / prometheusMs));
  }

  private static void row(StringBuilder out, String figure, String value) {
    out.append("| ").append(figure).append(" | ").append(value).append(" |\n");
  }

  /** 10s before 1m: by the window's length, not its name's letters. */
  private static Comparator<String> windowOrder() {
    return Comparator.comparing(PrometheusDuration::parse);
  }
}
