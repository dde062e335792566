package io.fleetpulse.streams;

import static io.fleetpulse.streams.Scrapes.ms;
import static io.fleetpulse.streams.Scrapes.vllm;
import static io.fleetpulse.streams.TopologyHarness.seconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.schemas.FleetWindow;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When windows close, that each is emitted once, and what happens to contributions that come too
 * late.
 */
class WindowClosingTest {

  private static final int SCOPES_PER_SLICE = 5;

  @TempDir Path stateDir;

  @Test
  void aWindowANodeHasNotReportedPastClosesOnceThatNodeHasBeenSilentForTheGrace() {
    try (TopologyHarness harness = new TopologyHarness(stateDir, seconds(10))) {
      harness.pipe(vllm("c1", "a:8000", ms(1)).generation(0, 0).build());
      harness.pipe(vllm("c1", "b:8000", ms(2)).generation(0, 0).build());
      harness.pipe(vllm("c1", "a:8000", ms(9)).generation(0, 80).build());
      harness.pipe(vllm("c1", "a:8000", ms(11.999)).generation(0, 80).build());
      assertTrue(
          harness.windows("fleet/10s").isEmpty(),
          "b has not reported past 10 s and is still expected");

      harness.pipe(vllm("c1", "a:8000", ms(12)).generation(0, 80).build());
      assertEquals(80.0, harness.window("fleet/10s", 0).getGenerationTokens(), 1e-9);
      assertEquals(
          2,
          harness.window("fleet/10s", 0).getNodesUp(),
          "b's last word in the window still counts");
      assertEquals(1, harness.windows("fleet/10s").size(), "only [0 s, 10 s) has closed");
    }
  }

  @Test
  void aClosedWindowIsEmittedOnceAndSlicesArrivingAfterItClosedAreCountedAndDropped() {
    try (TopologyHarness harness = new TopologyHarness(stateDir, seconds(10))) {
      harness.pipe(vllm("c1", "a:8000", ms(1)).generation(0, 0).build());
      harness.pipe(vllm("c1", "b:8000", ms(2)).generation(0, 0).build());
      harness.pipe(vllm("c1", "a:8000", ms(5)).generation(0, 40).build());
      harness.pipe(vllm("c1", "a:8000", ms(9)).generation(0, 100).build());
      // Stream time 21 s closes [0 s, 10 s): a reported past it, b is no longer expected. a's own
      // piece of it,
      // (9 s, 10 s], is in it, since a's contribution is final only with this scrape.
      harness.pipe(vllm("c1", "a:8000", ms(21)).generation(0, 220).build());
      assertEquals(0, harness.lateSlicesDropped());
      FleetWindow closed = harness.window("fleet/10s", 0);
      assertEquals(100 + 10, closed.getGenerationTokens(), 1e-9);
      assertEquals(2, closed.getNodesUp());

      // Node b's scrape from 8 s arrives after its window closed: counted as late, the window stays
      // as emitted.
      harness.pipe(vllm("c1", "b:8000", ms(8)).generation(0, 500).build());
      assertEquals(SCOPES_PER_SLICE, harness.lateSlicesDropped());
      harness.closeAllWindows();

      assertEquals(
          1,
          harness.windows("fleet/10s").stream()
              .filter(w -> w.getWindowStartMs().equals(Scrapes.BASE))
              .count());
      assertEquals(closed, harness.window("fleet/10s", 0));
    }
  }

  @Test
  void windowsCloseByWallClockOnlyOnceTheirNodesAreGoneAndLaterSlicesForThemAreLate() {
    try (TopologyHarness harness = new TopologyHarness(stateDir, seconds(10))) {
      harness.pipe(vllm("c1", "a:8000", ms(1)).generation(0, 0).build());
      harness.pipe(vllm("c1", "a:8000", ms(6)).generation(0, 50).build());

      // A grace of silence is no sign the node is gone: its scrapes may be buffered upstream
      // through a broker outage. Only a silence as long as the departure time closes its windows.
      harness.wallClockAt(ms(60));
      assertTrue(harness.emitted().isEmpty(), "closed while the node may only be delayed");
      harness.wallClockAt(ms(10 + 300));
      assertEquals(50.0, harness.window("fleet/10s", 0).getGenerationTokens(), 1e-9);
      assertEquals(SCOPES_PER_SLICE, harness.emitted().size(), "one window per scope");

      // Stream time is still 6 s, but the window was closed: once c's contribution to it is final
      // (here when the
      // grace has passed), the persisted watermark makes it late.
      harness.pipe(vllm("c1", "c:8000", ms(8)).generation(0, 1).build());
      harness.closeAllWindows();
      assertEquals(SCOPES_PER_SLICE, harness.lateSlicesDropped());
      assertEquals(1, harness.windows("fleet/10s").size());
    }
  }

  @Test
  void theWallClockClosesNothingWhileTheConsumersHaveInputNotYetRead() {
    try (TopologyHarness harness = new TopologyHarness(stateDir, seconds(10))) {
      AtomicBoolean backlog = new AtomicBoolean(true);
      harness.metrics().watchInputBacklog(partition -> backlog.get());
      harness.pipe(vllm("c1", "a:8000", ms(1)).generation(0, 0).build());
      harness.pipe(vllm("c1", "a:8000", ms(6)).generation(0, 50).build());

      // A task may see no scrape for a long while when its stream thread is busy with other input:
      // that is no sign that it has caught up.
      harness.wallClockAt(ms(400));
      assertTrue(harness.emitted().isEmpty(), "closed by the wall clock with input unread");
      backlog.set(false);
      harness.wallClockAt(ms(401));
      assertEquals(50.0, harness.window("fleet/10s", 0).getGenerationTokens(), 1e-9);
    }
  }

  @Test
  void aBacklogProcessedLongAfterItsWindowsEndedIsClosedByStreamTimeNotLostToTheWallClock() {
    Instant fiveMinutesLater = Scrapes.BASE.plus(Duration.ofMinutes(5));
    try (TopologyHarness harness = new TopologyHarness(stateDir, fiveMinutesLater, seconds(10))) {
      for (int second = 1; second <= 61; second += 5) {
        harness.pipe(vllm("c1", "a:8000", ms(second)).generation(0, 10.0 * second).build());
        harness.advanceWallClock(Duration.ofMillis(500));
      }

      assertEquals(0, harness.lateSlicesDropped());
      // 10 tokens a second since the first scrape at 1 s (per observed second from the first window
      // on); the
      // scrape at 61 s reported past 60 s, which completes [0 s, 60 s).
      List<Double> rates =
          harness.windows("fleet/10s").stream()
              .map(FleetWindow::getGenerationTokensPerSecond)
              .toList();
      assertEquals(List.of(10.0, 10.0, 10.0, 10.0, 10.0, 10.0), rates);
    }
  }

  /**
   * A task reads its scrapes and its request events from two partitions, and a backlog of events
   * can be read ahead of the scrapes. Their time must not close the windows of a node whose scrapes
   * are merely behind them: each window still holds the node once, observed in full.
   */
  @Test
  void requestEventsReadAheadOfTheScrapesCloseNoWindowOfANodeStillReporting() {
    try (TopologyHarness harness = new TopologyHarness(stateDir, seconds(10))) {
      for (int second = 0; second <= 15; second += 5) {
        harness.pipe(vllm("c1", "a:8000", ms(second)).generation(0, 10.0 * second).build());
      }
      harness.pipeEvents(List.of(Events.event("c1", "a:8000", ms(38), null, 0.5, 1.0, 4)));
      for (int second = 20; second <= 45; second += 5) {
        harness.pipe(vllm("c1", "a:8000", ms(second)).generation(0, 10.0 * second).build());
      }

      List<FleetWindow> windows = harness.windows("fleet/10s");
      assertEquals(4, windows.size(), "[0 s, 40 s) closed, each once");
      for (FleetWindow window : windows) {
        assertEquals(1, window.getNodesUp(), "one node in " + window.getWindowStartMs());
        assertEquals(1.0, window.getObservedRatio(), 1e-9, "observed in full");
        assertEquals(100.0, window.getGenerationTokens(), 1e-9);
      }
      assertEquals(0, harness.lateSlicesDropped());
    }
  }
}
