package io.fleetpulse.simulator.simtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.schemas.contract.EngineName;
import io.fleetpulse.simulator.scenario.Scenario;
import io.fleetpulse.simulator.scenario.ScenarioLoader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Each shipped scenario, as shipped (its seed), does in simulated time what it promises. */
class ScenarioDynamicsTest {

  private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
  private static final Pattern GENERATION =
      Pattern.compile("^vllm:generation_tokens_total\\{[^}]*} (\\S+)$", Pattern.MULTILINE);

  private record Run(Scenario scenario, ScenarioTruth truth, RecordingSink sink) {
    Instant at(Duration sinceStart) {
      return START.plus(sinceStart);
    }

    /** A node's samples in [from, to) since the start. */
    List<NodeSample> samples(String instance, Duration from, Duration to) {
      return truth.samples(instance).stream()
          .filter(
              sample ->
                  !Instant.ofEpochMilli(sample.epochMillis()).isBefore(at(from))
                      && Instant.ofEpochMilli(sample.epochMillis()).isBefore(at(to)))
          .toList();
    }
  }

  private static Run run(String name, Predicate<NodeIdentity> kept) {
    Scenario scenario = new ScenarioLoader().load(name);
    RecordingSink sink = new RecordingSink(kept);
    ScenarioTruth truth = new SimulatedTimeRun(scenario, START, true).run(sink, RunProgress.NONE);
    return new Run(scenario, truth, sink);
  }

  @Test
  void steadyRunsSixHoursWithoutABreach() {
    Run run = run("steady", node -> false);
    assertEquals(Duration.ofHours(6), Duration.between(run.truth().start(), run.truth().end()));
    assertEquals(16, run.truth().nodes().size());
    assertTrue(run.truth().breachAt().isEmpty(), () -> "breach at " + run.truth().breachAt());
    assertTrue(run.truth().requests() > 1_000_000, "16 nodes at 4 requests/s for 6 hours");
  }

  @Test
  void diurnalSwellsAndEbbsForSixHoursWithoutABreach() {
    Run run = run("diurnal", node -> false);
    assertTrue(run.truth().breachAt().isEmpty(), () -> "breach at " + run.truth().breachAt());
    long from = run.at(Duration.ZERO).toEpochMilli();
    double peak =
        run.truth().fleet().generationTokensPerSecond(from + 80 * 60_000, from + 100 * 60_000);
    double trough =
        run.truth().fleet().generationTokensPerSecond(from + 260 * 60_000, from + 280 * 60_000);
    assertTrue(peak > 3 * trough, "peak " + peak + " tokens/s against trough " + trough);
  }

  @Test
  void overloadRampGrowsTheQueueAndBreachesAfterCrossingCapacity() {
    Run run = run("overload-ramp", node -> false);
    String node = run.truth().nodes().get(0).instance();
    int waitingAtRampStart =
        run.samples(node, Duration.ofMinutes(9), Duration.ofMinutes(10)).stream()
            .mapToInt(NodeSample::waiting)
            .max()
            .orElseThrow();
    int waitingAtEnd =
        run.samples(node, Duration.ofMinutes(55), Duration.ofMinutes(60)).stream()
            .mapToInt(NodeSample::waiting)
            .min()
            .orElseThrow();
    assertEquals(0, waitingAtRampStart);
    assertTrue(waitingAtEnd > 500, "waiting " + waitingAtEnd);
    Instant breach = run.truth().breachAt().orElseThrow();
    assertTrue(
        !breach.isBefore(run.at(Duration.ofMinutes(30)))
            && breach.isBefore(run.at(Duration.ofMinutes(50))),
        "the breach lies in the ramp's second half, got " + breach);
  }

  @Test
  void longContextSurgeFillsTheKvCacheBeforeTheBreachAtAModestRate() {
    Run run = run("long-context-surge", node -> false);
    Instant breach = run.truth().breachAt().orElseThrow();
    Duration breachAfter = Duration.between(START, breach);
    double kvBeforeBreach =
        run.truth().nodes().stream()
            .flatMap(node -> run.samples(node.instance(), Duration.ZERO, breachAfter).stream())
            .mapToDouble(NodeSample::kvCacheUsage)
            .max()
            .orElseThrow();
    assertTrue(
        kvBeforeBreach > 0.9, "KV usage " + kvBeforeBreach + " before the breach at " + breach);
    double kvEarly =
        run.truth().nodes().stream()
            .flatMap(
                node -> run.samples(node.instance(), Duration.ZERO, Duration.ofMinutes(5)).stream())
            .mapToDouble(NodeSample::kvCacheUsage)
            .max()
            .orElseThrow();
    assertTrue(kvEarly < 0.3, "KV usage " + kvEarly + " in the first minutes");
    assertEquals(
        run.scenario().workload().requestsPerSecond(0),
        run.scenario().workload().requestsPerSecond(breachAfter.toNanos() / 1000),
        "the rate never rose");
  }

  @Test
  void prefixCacheCollapseLowersTheHitRatio() {
    Run run = run("prefix-cache-collapse", node -> false);
    double before = fleetHitRatio(run, Duration.ofMinutes(2), Duration.ofMinutes(10));
    double after = fleetHitRatio(run, Duration.ofMinutes(45), Duration.ofMinutes(60));
    assertTrue(before > 0.5, "hit ratio before " + before);
    assertTrue(after < 0.05, "hit ratio after " + after);
  }

  private static double fleetHitRatio(Run run, Duration from, Duration to) {
    long queries = 0;
    long hits = 0;
    for (NodeIdentity node : run.truth().nodes()) {
      List<NodeSample> samples = run.samples(node.instance(), from, to);
      queries +=
          samples.get(samples.size() - 1).prefixQueryTokens() - samples.get(0).prefixQueryTokens();
      hits += samples.get(samples.size() - 1).prefixHitTokens() - samples.get(0).prefixHitTokens();
    }
    return (double) hits / queries;
  }

  @Test
  void nodeCrashStopsTheScrapesAtTheCrashAndRestartsTheCountersFromZero() {
    Run run = run("node-crash", node -> node.name().equals("us-east-1"));
    String instance = "us-east-1:8000";
    Instant crash = run.at(Duration.ofMinutes(10));
    Instant restart = run.at(Duration.ofMinutes(15));
    assertEquals(Map.of(instance, List.of(crash)), run.truth().crashes());
    assertEquals(Map.of(instance, List.of(restart)), run.truth().restarts());
    double lastBeforeCrash = 0;
    double firstAfterRestart = -1;
    for (RecordingSink.Page page : run.sink().pages) {
      boolean down = !page.at().isBefore(crash) && page.at().isBefore(restart);
      assertEquals(!down, page.up(), "scrape at " + page.at());
      if (page.at().isBefore(crash)) {
        lastBeforeCrash = generationTokens(page.body());
      } else if (!down && firstAfterRestart < 0) {
        firstAfterRestart = generationTokens(page.body());
      }
    }
    assertTrue(lastBeforeCrash > 50_000, "before the crash " + lastBeforeCrash);
    assertTrue(
        firstAfterRestart >= 0 && firstAfterRestart < 5_000,
        "after the restart " + firstAfterRestart);
    // The ground truth keeps counting through the restart; nothing was processed while the node was
    // down.
    long crashMs = crash.toEpochMilli();
    assertEquals(
        0, run.truth().node(instance).generationTokensBetween(crashMs, restart.toEpochMilli()));
    assertTrue(run.truth().node(instance).generationTokensBetween(crashMs - 60_000, crashMs) > 0);
  }

  @Test
  void aFlappingTargetRefusesItsScrapesInEachGapWhileItsCountersCarryOn() {
    Run run = run("flapping-target", node -> node.name().equals("us-east-2"));
    Instant from = run.at(Duration.ofMinutes(10));
    int refused = 0;
    double previous = -1;
    for (RecordingSink.Page page : run.sink().pages) {
      long sinceFromMs = page.at().toEpochMilli() - from.toEpochMilli();
      boolean gap = sinceFromMs >= 0 && sinceFromMs % 60_000 < 15_000;
      assertEquals(!gap, page.up(), "scrape at " + page.at());
      if (gap) {
        refused++;
      } else {
        double tokens = generationTokens(page.body());
        assertTrue(
            tokens >= previous, "the counter never resets: " + tokens + " after " + previous);
        previous = tokens;
      }
    }
    assertEquals(20 * 3, refused, "three scrapes in each of the 20 gaps");
    assertTrue(run.truth().crashes().isEmpty(), "a flap is not a crash");
    long gapStart = from.plus(Duration.ofMinutes(5)).toEpochMilli();
    assertTrue(
        run.truth().node("us-east-2:8000").generationTokensBetween(gapStart, gapStart + 15_000) > 0,
        "the node serves through a gap");
  }

  @Test
  void slowNodeInterTokenLatencyIsWellAboveItsPeers() {
    Run run = run("slow-node", node -> false);
    assertEquals(List.of("eu-west-0:8000"), run.truth().slowNodes());
    double slow = 0;
    double peersWorst = 0;
    for (NodeIdentity node : run.truth().nodes()) {
      List<NodeSample> late =
          run.samples(node.instance(), Duration.ofMinutes(20), Duration.ofMinutes(30));
      double itl = NodeSample.interTokenLatencySeconds(late.get(0), late.get(late.size() - 1));
      if (node.instance().equals("eu-west-0:8000")) {
        slow = itl;
      } else {
        peersWorst = Math.max(peersWorst, itl);
      }
    }
    assertTrue(
        slow > 3 * peersWorst,
        "slow node " + slow + " s/token against its worst peer's " + peersWorst);
  }

  @Test
  void mixedEnginesServeEachNodeInItsEnginesFormat() {
    Run run = run("mixed-engines", node -> true);
    for (EngineName engine : EngineName.values()) {
      List<RecordingSink.Page> pages =
          run.sink().pages.stream()
              .filter(page -> page.node().engine() == engine && page.up())
              .toList();
      // Every node is scraped 360 times in 30 minutes at 5 s; the one whose offset is 0 once more,
      // at the end.
      assertTrue(
          pages.size() >= 4 * 360 && pages.size() <= 4 * 361,
          engine + ": " + pages.size() + " scrapes");
      assertTrue(
          pages.get(pages.size() - 1).body().contains("\n" + engine.familyPrefix()),
          engine + " page shows " + engine.familyPrefix() + " families");
    }
    assertTrue(run.truth().breachAt().isEmpty());
  }

  @Test
  void theSameSeedReplaysTheSameRunByteForByte() {
    byte[] first = run("node-crash", node -> false).sink().digest();
    byte[] second = run("node-crash", node -> false).sink().digest();
    assertArrayEquals(first, second);
    assertFalse(first.length == 0);
  }

  private static double generationTokens(String body) {
    Matcher matcher = GENERATION.matcher(body);
    assertTrue(matcher.find(), "no vllm:generation_tokens_total in the page");
    return Double.parseDouble(matcher.group(1));
  }
}
