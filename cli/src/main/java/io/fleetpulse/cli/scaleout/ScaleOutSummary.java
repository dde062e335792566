package io.fleetpulse.cli.scaleout;

import io.fleetpulse.schemas.PrometheusDuration;
import io.fleetpulse.streams.window.WindowName;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The Markdown a scale-out run prints: one row per measurement, then who held what. */
public final class ScaleOutSummary {

  private ScaleOutSummary() {}

  public static String markdown(BenchSetup setup, Backlog backlog, List<DrainResult> results) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "## bench-scaleout: %,d vLLM nodes in %d clusters, %s interval, %s simulated%n%n",
            setup.nodes(),
            setup.clusters(),
            PrometheusDuration.format(setup.scrapeInterval()),
            PrometheusDuration.format(setup.simulated())));
    out.append(
        String.format(
            Locale.ROOT,
            "Backlog: %,d scrapes (%s .. %s simulated), produced in %.1f s into %s; %d partitions,"
                + " %d stream thread%s per instance, %d cores.%n%n",
            backlog.scrapes(),
            backlog.simulatedStart(),
            backlog.simulatedEnd(),
            backlog.produceTime().toMillis() / 1e3,
            setup.kafka(),
            setup.partitions(),
            setup.streamThreads(),
            setup.streamThreads() == 1 ? "" : "s",
            setup.cores()));
    out.append(
        "| instances | drain time | first commit | scrapes/s | steady scrapes/s (10–90%) |"
            + " vs first row | streams CPU-ms/scrape | process CPU-ms/scrape | fleet windows once |"
            + " generation tokens: windows vs scrapes |\n");
    out.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
    double baseline = results.isEmpty() ? Double.NaN : results.get(0).steadyScrapesPerSecond();
    for (DrainResult result : results) {
      out.append(
          String.format(
              Locale.ROOT,
              "| %d | %.1f s | %.1f s | %,.0f | %,.0f | %.2f× | %.3f | %.3f | %d of %d%s | %s |%n",
              result.instances(),
              result.drainSeconds(),
              result.firstCommitSeconds(),
              result.scrapesPerSecond(),
              result.steadyScrapesPerSecond(),
              result.steadyScrapesPerSecond() / baseline,
              result.streamsCpuMsPerScrape(),
              result.processCpuMsPerScrape(),
              result.windowsSeen(),
              result.windowsExpected(),
              result.windowsRepeated() == 0 ? "" : ", " + result.windowsRepeated() + " repeated",
              tokens(result)));
    }
    out.append(
        "\nPartitions of the scrapes topic each instance held at the end, the scrapes it took in"
            + " (its own `"
            + InstanceHealth.RECORDS_IN
            + "`) and the CPU of its threads:\n\n");
    out.append("| instances | instance | partitions | scrapes in | CPU s |\n");
    out.append("| ---: | --- | --- | ---: | ---: |\n");
    for (DrainResult result : results) {
      for (InstanceResult instance : result.perInstance()) {
        out.append(
            String.format(
                Locale.ROOT,
                "| %d | %s | %s | %,.0f | %.1f |%n",
                result.instances(),
                instance.name(),
                instance.partitions().isEmpty()
                    ? "none"
                    : instance.partitions().stream()
                        .map(String::valueOf)
                        .collect(Collectors.joining(", ")),
                instance.scrapesIn(),
                instance.cpuNanos() / 1e9));
      }
    }
    out.append(
        String.format(
            Locale.ROOT,
            "%nDrain time runs from starting the first instance until every scrape is committed and"
                + " every %s fleet window of %s .. %s is published; steady scrapes/s leaves out"
                + " start-up and the tail. Streams CPU is the instances' own threads; process CPU"
                + " adds the brokers, GC, JIT and this bench's readers when they share the"
                + " process. Everything ran on one machine under whatever else it was doing: read"
                + " the ratios, not the absolute figures.%n",
            WindowName.ofMillis(backlog.windowMs()),
            Instant.ofEpochMilli(backlog.spanStartMs()),
            Instant.ofEpochMilli(backlog.spanEndMs())));
    return out.toString();
  }

  private static String tokens(DrainResult result) {
    String verdict = result.conserved() ? "equal" : "**DIFFER**";
    return String.format(
        Locale.ROOT,
        "%,.3f vs %,.3f, %s%s",
        result.tokensCounted(),
        result.tokensExpected(),
        verdict,
        result.lateSlicesDropped() == 0
            ? ""
            : " (" + result.lateSlicesDropped() + " late slices dropped)");
  }
}
