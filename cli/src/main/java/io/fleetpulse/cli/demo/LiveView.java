package io.fleetpulse.cli.demo;

import io.fleetpulse.cli.pipeline.Pipeline;
import io.fleetpulse.collector.Collector;
import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.simulator.SimulatedFleet;
import io.fleetpulse.simulator.SimulatedNode;
import io.fleetpulse.sink.SinkExporter;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Redraws the demo's table every few seconds: in place on a terminal, appended when output is
 * piped.
 */
public final class LiveView {

  private static final String SHOWN_WINDOW = "10s";
  private static final String CLEAR_SCREEN = "\033[H\033[2J";

  private final SimulatedFleet fleet;
  private final Pipeline pipeline;
  private final PrintStream out;
  private final boolean terminal;
  private final Instant startedAt;
  private final Instant firstCoveredWindowStart;

  /**
   * @param coveredFrom when every node has been scraped at least once: windows starting earlier
   *     miss the increase before each node's first scrape
   */
  public LiveView(
      SimulatedFleet fleet,
      Pipeline pipeline,
      PrintStream out,
      boolean terminal,
      Instant startedAt,
      Instant coveredFrom) {
    this.fleet = fleet;
    this.pipeline = pipeline;
    this.out = out;
    this.terminal = terminal;
    this.startedAt = startedAt;
    this.firstCoveredWindowStart = coveredFrom;
  }

  public void render(Instant now) {
    SinkExporter sink = pipeline.sink().orElseThrow();
    Collection<FleetWindow> windows = sink.latest().current(now);
    StringBuilder frame = new StringBuilder();
    if (terminal) {
      frame.append(CLEAR_SCREEN);
    }
    long elapsed = Duration.between(startedAt, now).toSeconds();
    frame.append(
        String.format(
            "FleetPulse demo: %d simulated vLLM nodes, %02d:%02d elapsed (Ctrl-C stops)%n",
            fleet.nodes().size(), elapsed / 60, elapsed % 60));
    frame.append(
        String.format(
            "results http://127.0.0.1:%d/metrics; collector %s%n",
            sink.port(),
            pipeline
                .collectorHttp()
                .map(
                    http ->
                        "http://127.0.0.1:"
                            + http.port()
                            + "/metrics, request events on "
                            + "/v1/requests")
                .orElse("-")));
    frame.append(LiveTable.render(windows, SHOWN_WINDOW, this::truth));
    boolean warmingUp =
        windows.stream()
            .anyMatch(
                w ->
                    w.getWindow().equals(SHOWN_WINDOW)
                        && w.getWindowStartMs().isBefore(firstCoveredWindowStart));
    if (warmingUp) {
      frame.append(
          "(warm-up window: a node's first scrape only sets its baseline, so this window counts "
              + "less than the truth)\n");
    }
    Collector collector = pipeline.collector().orElseThrow();
    frame.append(
        String.format(
            "collector: %d scrapes, %d failed; streams: %s, %d late slices dropped%n",
            collector.scrapesCompleted(),
            collector.scrapesFailed(),
            pipeline.streams().map(s -> s.state().toString()).orElse("-"),
            pipeline.streams().map(s -> s.lateRecordsDropped()).orElse(0L)));
    if (!terminal) {
      frame.append('\n');
    }
    out.print(frame);
    out.flush();
  }

  private double truth(FleetWindow window) {
    List<SimulatedNode> nodes =
        window.getScope().equals("fleet") ? fleet.nodes() : fleet.nodesIn(window.getCluster());
    long from = window.getWindowStartMs().toEpochMilli();
    long to = window.getWindowEndMs().toEpochMilli();
    return nodes.stream()
        .mapToDouble(n -> n.groundTruth().generationTokensPerSecond(from, to))
        .sum();
  }
}
