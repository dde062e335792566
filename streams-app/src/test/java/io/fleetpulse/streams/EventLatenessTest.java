package io.fleetpulse.streams;

import static io.fleetpulse.streams.Events.event;
import static io.fleetpulse.streams.Scrapes.ms;
import static io.fleetpulse.streams.TopologyHarness.seconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.LatencyQuantile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request is reported once it has finished, so its event reaches the streams app after scrapes
 * taken at that time: a window waits {@code streams.event_lateness} after its end for it.
 */
class EventLatenessTest {

  @TempDir Path stateDir;

  @Test
  void anEventThatArrivesAfterTheScrapesPastItsWindowCountsWithinTheLateness() {
    try (TopologyHarness harness =
        TopologyHarness.withEventLateness(stateDir, Duration.ofSeconds(5), seconds(10))) {
      scrapesPastTheFirstWindow(harness);
      assertTrue(
          harness.windows("fleet/10s").isEmpty(),
          "the node reported past 10 s, but the window waits 5 s for events");

      harness.pipeEvents(List.of(event("c1", "a:8000", ms(8), null, 0.5, 1.0, 4)));
      harness.pipe(Scrapes.vllm("c1", "a:8000", ms(16)).build());

      FleetWindow window = harness.window("fleet/10s", 0);
      assertEquals(1.0, e2eMedianFromEvents(window), 0.02, "the sketch is within 1%");
      assertEquals(0, harness.lateSlicesDropped());
    }
  }

  @Test
  void withoutALatenessTheSameEventComesTooLate() {
    try (TopologyHarness harness = new TopologyHarness(stateDir, seconds(10))) {
      scrapesPastTheFirstWindow(harness);
      assertEquals(1, harness.windows("fleet/10s").size(), "closed on the node's report");

      harness.pipeEvents(List.of(event("c1", "a:8000", ms(8), null, 0.5, 1.0, 4)));
      harness.pipe(Scrapes.vllm("c1", "a:8000", ms(16)).build());

      assertTrue(harness.lateSlicesDropped() > 0, "the event's slice was dropped as late");
    }
  }

  /**
   * A collector buffers through a broker outage and then sends its scrapes and events late: the
   * task is quiet for longer than half a grace, but its nodes are not gone, so the wall clock may
   * not stand in for the events any more than for the scrapes.
   */
  @Test
  void eventsSentLateWithTheirScrapesAfterAQuietSpellStillCount() {
    try (TopologyHarness harness =
        TopologyHarness.withEventLateness(stateDir, Duration.ofSeconds(5), seconds(10))) {
      harness.pipe(Scrapes.vllm("c1", "a:8000", ms(0)).build());
      harness.pipe(Scrapes.vllm("c1", "a:8000", ms(5)).build());
      harness.advanceWallClock(Duration.ofSeconds(30));

      harness.pipe(Scrapes.vllm("c1", "a:8000", ms(11)).build());
      harness.pipeEvents(List.of(event("c1", "a:8000", ms(8), null, 0.5, 1.0, 4)));
      harness.pipe(Scrapes.vllm("c1", "a:8000", ms(16)).build());

      FleetWindow window = harness.window("fleet/10s", 0);
      assertEquals(1.0, e2eMedianFromEvents(window), 0.02, "the event counts in its window");
      assertEquals(0, harness.lateSlicesDropped());
    }
  }

  private static void scrapesPastTheFirstWindow(TopologyHarness harness) {
    for (long at : new long[] {ms(0), ms(5), ms(11)}) {
      harness.pipe(Scrapes.vllm("c1", "a:8000", at).build());
    }
  }

  private static double e2eMedianFromEvents(FleetWindow window) {
    return window.getLatency().stream()
        .filter(
            l ->
                l.getSource().equals("events")
                    && l.getFamily().equals("e2e_request_latency")
                    && l.getQuantile() == 0.5)
        .mapToDouble(LatencyQuantile::getValue)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no event latencies in " + window));
  }
}
