package io.fleetpulse.cli.scaleout;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScaleOutSummaryTest {

  private static final Backlog BACKLOG =
      new Backlog(
          6_000,
          100,
          Instant.parse("2026-01-01T00:00:00Z"),
          Instant.parse("2026-01-01T00:05:00Z"),
          Instant.parse("2026-01-01T00:00:10Z").toEpochMilli(),
          Instant.parse("2026-01-01T00:04:50Z").toEpochMilli(),
          10_000,
          1_000_000,
          Duration.ofMillis(12_300));

  private static final BenchSetup SETUP =
      new BenchSetup(
          100, 4, Duration.ofSeconds(5), Duration.ofMinutes(5), 6, 1, "a test cluster", 2);

  private static DrainResult result(int instances, double steady, double tokens, int repeated) {
    List<InstanceResult> perInstance =
        instances == 1
            ? List.of(new InstanceResult("i1", List.of(0, 1, 2, 3, 4, 5), 6_000, 3_000_000_000L))
            : List.of(
                new InstanceResult("i1", List.of(1, 3, 5), 2_900, 1_600_000_000L),
                new InstanceResult("i2", List.of(0, 2, 4), 3_100, 1_400_000_000L));
    return new DrainResult(
        instances,
        6_000,
        20,
        4.5,
        steady,
        12_000_000_000L,
        perInstance,
        28,
        28,
        repeated,
        1_000_000,
        tokens,
        0);
  }

  @Test
  void oneRowPerMeasurementWithItsRatesCpuAndCheck() {
    String markdown =
        ScaleOutSummary.markdown(
            SETUP, BACKLOG, List.of(result(1, 400, 1_000_000, 0), result(2, 700, 1_000_000, 0)));

    assertTrue(
        markdown.startsWith(
            "## bench-scaleout: 100 vLLM nodes in 4 clusters, 5s interval, 5m simulated\n"),
        markdown);
    assertTrue(markdown.contains("Backlog: 6,000 scrapes"), markdown);
    assertTrue(markdown.contains("produced in 12.3 s into a test cluster; 6 partitions"), markdown);
    // drain 20 s: 300 scrapes/s; CPU 3 s of the instance over 6,000 scrapes: 0.5 ms each.
    assertTrue(
        markdown.contains(
            "| 1 | 20.0 s | 4.5 s | 300 | 400 | 1.00× | 0.500 | 2.000 | 28 of 28 |"
                + " 1,000,000.000 vs 1,000,000.000, equal |"),
        markdown);
    assertTrue(markdown.contains("| 2 | 20.0 s | 4.5 s | 300 | 700 | 1.75× | 0.500 |"), markdown);
    assertTrue(markdown.contains("| 2 | i1 | 1, 3, 5 | 2,900 | 1.6 |"), markdown);
    assertTrue(markdown.contains("| 2 | i2 | 0, 2, 4 | 3,100 | 1.4 |"), markdown);
    assertTrue(
        markdown.contains("every 10s fleet window of 2026-01-01T00:00:10Z .. 2026-01-01T00:04:50Z"),
        markdown);
    assertFalse(markdown.contains("DIFFER"), markdown);
  }

  @Test
  void aMeasurementThatLostTokensOrRepeatedAWindowIsMarked() {
    DrainResult lost = result(1, 400, 990_000, 0);
    DrainResult repeated = result(2, 700, 1_000_000, 1);

    String markdown = ScaleOutSummary.markdown(SETUP, BACKLOG, List.of(lost, repeated));

    assertFalse(lost.conserved());
    assertFalse(repeated.conserved());
    assertTrue(markdown.contains("990,000.000 vs 1,000,000.000, **DIFFER**"), markdown);
    assertTrue(markdown.contains("| 28 of 28, 1 repeated |"), markdown);
  }
}
