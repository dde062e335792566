package io.fleetpulse.cli.pipelinebench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BenchSummaryTest {

  private static final long SECOND = 1_000_000_000L;
  private static final String COMMAND = "./fleetpulse bench-pipeline --nodes 100";

  /** 100 nodes every 5 s over 100 s: 2,000 scrapes scheduled. */
  private static BenchResult result(
      long scrapes,
      List<WindowArrival> arrivals,
      long behindSeconds,
      Optional<PrometheusCost> prometheus) {
    Map<Part, Long> cpu = new EnumMap<>(Part.class);
    cpu.put(Part.COLLECTOR, 2 * SECOND);
    cpu.put(Part.STREAMS, 6 * SECOND);
    cpu.put(Part.BROKER, 3 * SECOND);
    cpu.put(Part.SINK, SECOND);
    cpu.put(Part.SIMULATOR, 5 * SECOND);
    cpu.put(Part.BENCH, 0L);
    cpu.put(Part.UNATTRIBUTED, SECOND);
    Map<String, Integer> expected = new LinkedHashMap<>();
    expected.put("1m", 1);
    expected.put("10s", 2);
    return new BenchResult(
        100,
        Duration.ofSeconds(5),
        Duration.ofSeconds(100),
        "embedded",
        scrapes,
        0,
        scrapes * 300,
        new ThreadCpuLedger.Usage(cpu, 20 * SECOND, 2 * SECOND, List.of("main")),
        300L << 20,
        5_000,
        expected,
        arrivals,
        behindSeconds,
        1_234,
        0,
        0.05,
        prometheus);
  }

  private static WindowArrival window(
      String name, long endMs, long freshnessMs, double tokens, int up) {
    long size = name.equals("10s") ? 10_000 : 60_000;
    return new WindowArrival(name, endMs - size, endMs, endMs + freshnessMs, tokens, 1000, up);
  }

  private static final List<WindowArrival> RIGHT =
      List.of(
          window("10s", 10_000, 4_000, 1010, 100),
          window("10s", 20_000, 6_000, 990, 100),
          window("1m", 60_000, 12_000, 1000, 100));

  @Test
  void aRunThatKeptUpShowsItsFiguresAndSaysSo() {
    BenchResult result = result(2_000, RIGHT, 0, Optional.empty());
    String summary = BenchSummary.markdown(result, COMMAND);

    assertEquals(List.of(), result.problems());
    for (String expected :
        List.of(
            "## fleetpulse bench-pipeline: 100 vLLM nodes every 5s, 100 s measured (Kafka: embedded)",
            "`" + COMMAND + "`",
            "| scrapes/s | 20.0 of 20.0 scheduled (2,000 done, 0 failed) |",
            "| samples/s | 6,000 kept by the collector |",
            "| freshness, fleet 10s windows | p50 4.0 s, p99 6.0 s, max 6.0 s (2 of 2 windows) |",
            "| freshness, fleet 1m windows | p50 12.0 s, p99 12.0 s, max 12.0 s (1 of 1 windows) |",
            "| fleet tokens/s vs truth | 1,000 vs 1,000 on average; error max 1.00%, mean 0.67% over 3"
                + " windows (tolerance 5%) |",
            "| nodes up | 100 of 100 in every window |",
            "| behind | never; consumer lag at most 1,234 records; 0 contributions dropped as late |",
            "| peak heap | 300 MB |",
            "| series on the sink | 5,000 |",
            "| collector | 1.000 | 0.02 |",
            "| streams app | 3.000 | 0.06 |",
            "| broker | 1.500 | 0.03 |",
            "| sink | 0.500 | 0.01 |",
            "| **FleetPulse (the four above)** | 6.000 | 0.12 |",
            "| **FleetPulse with GC and JIT (process less simulator and bench)** | 7.500 | 0.15 |",
            "| unattributed threads (main) | 0.500 | 0.01 |",
            "| outside threads (GC, JIT, ended threads) | 1.000 | 0.02 |",
            "| simulator (not counted) | 2.500 | 0.05 |",
            "| whole process | 10.000 | 0.20 |",
            "**Kept up and right.**")) {
      assertTrue(summary.contains(expected), () -> expected + "\nmissing from:\n" + summary);
    }
    assertTrue(
        summary.indexOf("fleet 10s windows") < summary.indexOf("fleet 1m windows"),
        "shorter windows first");
  }

  @Test
  void againstPrometheusBothCostsPerScrapeAndPerMillionSamplesSideBySide() {
    PrometheusCost prometheus = new PrometheusCost(3 * SECOND, 2_000, 0, 800_000, 0, 0);
    String summary =
        BenchSummary.markdown(result(2_000, RIGHT, 0, Optional.of(prometheus)), COMMAND);

    for (String expected :
        List.of(
            "2,000 scrapes (0 failed), 400 samples per scrape, 300 recording rules",
            // 6 ms per scrape of 400 samples: 15 CPU-s per million samples; Prometheus 1.5 ms.
            "| FleetPulse with GC and JIT (process less simulator and bench) | 7.500 | 18.75 | 5.00 |",
            "| FleetPulse threads (collector, streams app, broker, sink) | 6.000 | 15.00 | 4.00 |",
            "| FleetPulse collector alone | 1.000 | 2.50 | 0.67 |",
            "| Prometheus | 1.500 | 3.75 | 1.00 |")) {
      assertTrue(summary.contains(expected), () -> expected + "\nmissing from:\n" + summary);
    }
  }

  @Test
  void aRunThatFellBehindOrWasWrongSaysWhy() {
    List<WindowArrival> wrong =
        List.of(window("10s", 10_000, 30_000, 700, 80), window("10s", 20_000, 40_000, 1000, 100));
    BenchResult result = result(1_500, wrong, 12, Optional.empty());
    String summary = BenchSummary.markdown(result, COMMAND);

    assertEquals(
        List.of(
            "the collector fell behind: 15.0 scrapes/s of 20.0 scheduled",
            "the streams app reported fleetpulse_pipeline_behind for 12 s",
            "1 fleet windows never reached the sink",
            "1 fleet windows counted fewer or more than 100 nodes up",
            "1 fleet windows' tokens/s were more than 5% off the truth"),
        result.problems());
    assertTrue(summary.contains("| nodes up | not 100 in 1 of 2 windows (80) |"), summary);
    assertTrue(
        summary.contains("| freshness, fleet 1m windows | none of 1 windows arrived |"), summary);
    assertTrue(
        summary.contains("**BEHIND OR WRONG:** the collector fell behind: 15.0 scrapes/s"),
        summary);
  }

  @Test
  void nearestRankPercentiles() {
    long[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    assertEquals(5, BenchSummary.rank(sorted, 0.5));
    assertEquals(10, BenchSummary.rank(sorted, 0.99));
    assertEquals(7, BenchSummary.rank(new long[] {7}, 0.99));
  }
}
