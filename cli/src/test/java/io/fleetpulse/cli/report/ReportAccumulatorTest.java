package io.fleetpulse.cli.report;

import static io.fleetpulse.cli.report.SimulatedWeek.LLAMA;
import static io.fleetpulse.cli.report.SimulatedWeek.QWEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.RollupWindow;
import io.fleetpulse.schemas.contract.Scope;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ReportAccumulatorTest {

  private static final ReportRange WEEK =
      new ReportRange(SimulatedWeek.START.toEpochMilli(), SimulatedWeek.END.toEpochMilli());
  private static final String LLAMA_SERIES = "model/" + LLAMA;
  private static final String QWEN_SERIES = "model/" + QWEN;

  private static FleetReport report(ReportRange range, Scope scope, int passes) {
    ReportAccumulator accumulator = new ReportAccumulator(range, scope, 0.9);
    for (int i = 0; i < passes; i++) {
      SimulatedWeek.forEachWindow(false, accumulator::accept);
      SimulatedWeek.signals().forEach(accumulator::accept);
    }
    return accumulator.report();
  }

  private static String day(int day) {
    return LocalDate.ofInstant(SimulatedWeek.START, ZoneOffset.UTC).plusDays(day).toString();
  }

  private static double number(String cell) {
    return Double.parseDouble(cell);
  }

  @Test
  void tokensPerModelPerDayAreTheSumsOfTheHours() {
    ReportTable tokens = report(WEEK, Scope.MODEL, 1).section("daily_tokens");
    assertEquals(14, tokens.rows().size());
    for (int d = 0; d < 7; d++) {
      assertEquals(
          SimulatedWeek.dayTokens(LLAMA, d),
          number(tokens.cell("generation_tokens", LLAMA_SERIES, day(d))));
      assertEquals(
          SimulatedWeek.dayTokens(QWEN, d),
          number(tokens.cell("generation_tokens", QWEN_SERIES, day(d))));
      assertEquals(
          SimulatedWeek.dayTokens(QWEN, d) / 2,
          number(tokens.cell("prompt_tokens", QWEN_SERIES, day(d))));
      assertEquals("24", tokens.cell("hours", LLAMA_SERIES, day(d)));
    }
  }

  @Test
  void aWindowReadTwiceCountsOnceAsOnACompactedTopic() {
    assertEquals(
        report(WEEK, Scope.MODEL, 1).sections().toString(),
        report(WEEK, Scope.MODEL, 2).sections().toString());
  }

  @Test
  void aRangeStartingAtNoonCountsOnlyTheAfternoonsHours() {
    ReportRange fromNoon =
        new ReportRange(
            SimulatedWeek.START.plus(Duration.ofHours(12)).toEpochMilli(),
            SimulatedWeek.END.toEpochMilli());
    ReportTable tokens = report(fromNoon, Scope.MODEL, 1).section("daily_tokens");
    double afternoon = 0;
    for (int hour = 12; hour < 24; hour++) {
      afternoon += SimulatedWeek.hourTokens(LLAMA, 0, hour);
    }
    assertEquals(afternoon, number(tokens.cell("generation_tokens", LLAMA_SERIES, day(0))));
    assertEquals("12", tokens.cell("hours", LLAMA_SERIES, day(0)));
  }

  @Test
  void theFleetScopeReportsTheFleetsWindows() {
    ReportTable tokens = report(WEEK, Scope.FLEET, 1).section("daily_tokens");
    assertEquals(7, tokens.rows().size());
    assertEquals(
        SimulatedWeek.dayTokens(LLAMA, 4) + SimulatedWeek.dayTokens(QWEN, 4),
        number(tokens.cell("generation_tokens", "fleet", day(4))));
  }

  @Test
  void peakAndMedianTokensPerSecondComeFromTheMinutes() {
    ReportTable throughput = report(WEEK, Scope.MODEL, 1).section("throughput");
    assertEquals(
        SimulatedWeek.LLAMA_PEAK * SimulatedWeek.LLAMA_NODES,
        number(throughput.cell("peak_tokens_per_second", LLAMA_SERIES)),
        0.1);
    // The cosine's median is its midpoint: 200 + 1000 / 2 tokens/s per node.
    assertEquals(
        700.0 * SimulatedWeek.LLAMA_NODES,
        number(throughput.cell("p50_tokens_per_second", LLAMA_SERIES)),
        0.01 * 700 * SimulatedWeek.LLAMA_NODES);
    assertEquals("10080", throughput.cell("minutes", QWEN_SERIES));
  }

  @Test
  void dailyP99sPreferEventsAndSayWhichSourceTheyCameFrom() {
    ReportTable latency = report(WEEK, Scope.MODEL, 1).section("daily_latency");
    assertEquals(14, latency.rows().size());
    assertEquals(
        SimulatedWeek.ttftP99(LLAMA, 2), number(latency.cell("ttft_p99_s", LLAMA_SERIES, day(2))));
    assertEquals("events", latency.cell("ttft_source", LLAMA_SERIES, day(2)));
    assertEquals(
        SimulatedWeek.ttftP99(QWEN, 5), number(latency.cell("ttft_p99_s", QWEN_SERIES, day(5))));
    assertEquals("histogram", latency.cell("ttft_source", QWEN_SERIES, day(5)));
    assertEquals(0.04, number(latency.cell("itl_p99_s", QWEN_SERIES, day(5))));
    assertEquals("histogram", latency.cell("itl_source", QWEN_SERIES, day(5)));
  }

  @Test
  void kvSaturationCountsTheMinutesAtOrOverTheThresholdAndSaysWhichThreshold() {
    ReportTable kv = report(WEEK, Scope.MODEL, 1).section("kv_saturation");
    assertEquals(
        7.0 * SimulatedWeek.SATURATED_MINUTES_PER_DAY,
        number(kv.cell("saturated_minutes", LLAMA_SERIES)));
    assertEquals(0, number(kv.cell("saturated_minutes", QWEN_SERIES)));
    assertEquals(10080, number(kv.cell("observed_minutes", QWEN_SERIES)));
    assertTrue(kv.note().contains("at least 0.90"), kv.note());
  }

  @Test
  void signalsAreListedWithHowLongTheyFired() {
    ReportTable signals = report(WEEK, Scope.MODEL, 1).section("signals");
    assertEquals(2, signals.rows().size());
    assertEquals("1800", signals.cell("duration_s", "kv_cache_saturation"));
    assertEquals("still firing", signals.cell("ended", "slow_node"));
    assertEquals("3600", signals.cell("duration_s", "slow_node"));
    assertEquals(
        "node/us-east/" + LLAMA + "/" + LLAMA + "-us-east-0:8000",
        signals.cell("where", "slow_node"));
  }

  @Test
  void nodeHoursCountEachHoursNodesUpAndDown() {
    ReportTable hours = report(WEEK, Scope.MODEL, 1).section("node_hours");
    int down = SimulatedWeek.DOWN_NODES * SimulatedWeek.DOWN_HOURS;
    assertEquals(
        SimulatedWeek.LLAMA_NODES * 168.0 - down,
        number(hours.cell("node_hours_up", LLAMA_SERIES)));
    assertEquals(down, number(hours.cell("node_hours_down", LLAMA_SERIES)));
    assertEquals(
        SimulatedWeek.QWEN_NODES * 168.0, number(hours.cell("node_hours_up", QWEN_SERIES)));
    assertEquals(0, number(hours.cell("node_hours_down", QWEN_SERIES)));
  }

  /**
   * A node that went down at half past: the hour has two nodes up and one down at most, but one and
   * a half node-hours up and half a node-hour down.
   */
  @Test
  void nodeHoursComeFromNodeSecondsNotFromTheMostUpAtOnce() {
    long startMs = SimulatedWeek.START.toEpochMilli();
    FleetWindow hour =
        FleetWindow.newBuilder()
            .setScope(Scope.MODEL.label())
            .setModel(LLAMA)
            .setEngine("vllm")
            .setWindow("1h")
            .setWindowStartMs(Instant.ofEpochMilli(startMs))
            .setWindowEndMs(Instant.ofEpochMilli(startMs + 3_600_000))
            .setNodesUp(2)
            .setNodesDown(1)
            .build();
    ReportAccumulator accumulator = new ReportAccumulator(WEEK, Scope.MODEL, 0.9);
    accumulator.accept(
        "1h",
        RollupWindow.newBuilder()
            .setWindow(hour)
            .setAggregate(ByteBuffer.wrap(new byte[0]))
            .setNodeSecondsUp(1.5 * 3600)
            .setNodeSecondsDown(0.5 * 3600)
            .build());
    ReportTable hours = accumulator.report().section("node_hours");
    assertEquals(1.5, number(hours.cell("node_hours_up", LLAMA_SERIES)));
    assertEquals(0.5, number(hours.cell("node_hours_down", LLAMA_SERIES)));
  }

  @Test
  void capacityFindsTheKneeAndTheHeadroomToThePeakOrSaysThereIsNotEnoughData() {
    ReportTable capacity = report(WEEK, Scope.MODEL, 1).section("capacity");
    double knee = number(capacity.cell("knee_tokens_per_second_per_node", LLAMA_SERIES));
    double binWidth = SimulatedWeek.LLAMA_PEAK / CapacityKnee.BINS;
    assertTrue(
        knee >= SimulatedWeek.KNEE - binWidth && knee <= SimulatedWeek.KNEE + 2 * binWidth,
        "knee " + knee);
    assertEquals(
        SimulatedWeek.LLAMA_PEAK,
        number(capacity.cell("peak_tokens_per_second_per_node", LLAMA_SERIES)),
        1e-6);
    assertEquals(
        knee - SimulatedWeek.LLAMA_PEAK,
        number(capacity.cell("headroom_tokens_per_second_per_node", LLAMA_SERIES)),
        0.1);
    assertEquals("knee found", capacity.cell("verdict", LLAMA_SERIES));
    assertEquals(Cells.NONE, capacity.cell("knee_tokens_per_second_per_node", QWEN_SERIES));
    assertEquals(
        SimulatedWeek.QWEN_PEAK,
        number(capacity.cell("peak_tokens_per_second_per_node", QWEN_SERIES)),
        1e-6);
    assertTrue(
        capacity.cell("verdict", QWEN_SERIES).startsWith("not enough data"),
        capacity.cell("verdict", QWEN_SERIES));
  }

  @Test
  void onlyKeysOfTheReportsScopeAreWanted() {
    ReportAccumulator cluster = new ReportAccumulator(WEEK, Scope.CLUSTER, 0.9);
    assertTrue(cluster.wants("cluster/us-east|1764000000000"));
    assertFalse(cluster.wants("cluster_model/us-east/llama-8b|1764000000000"));
    assertFalse(cluster.wants("node/us-east/llama-8b/n:8000|1764000000000"));
    ReportAccumulator fleet = new ReportAccumulator(WEEK, Scope.FLEET, 0.9);
    assertTrue(fleet.wants("fleet|1764000000000"));
    assertFalse(fleet.wants("fleetx|1764000000000"));
  }
}
