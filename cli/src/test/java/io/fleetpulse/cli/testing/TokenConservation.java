package io.fleetpulse.cli.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.simulator.SimulatedFleet;
import io.fleetpulse.simulator.SimulatedNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The fleet's generation tokens summed over the closed fleet windows of a span [S, E) of whole
 * windows, held against two references.
 *
 * <ol>
 *   <li>No loss, no double counting: each window is emitted exactly once, and the sum equals what
 *       DESIGN.md's counter rule makes of the scrapes the collector published (each interval's
 *       increase apportioned by overlap), computed from the scrapes topic, to floating-point
 *       rounding (1e-9 relative). One interval lost or counted twice is far more than that.
 *   <li>Ground truth: apportioning interpolates linearly inside the one scrape interval (a, b] that
 *       straddles each edge of the span, while the simulator's real count at the edge lies between
 *       what it showed at a and at b + that scrape's duration (a scrape is stamped when it starts,
 *       the page rendered a moment later). So per node and edge the two differ by at most the
 *       node's true increase over [a, b + duration]; the tolerance is the sum of those, computed
 *       from the ground truth.
 * </ol>
 *
 * <p>The span must start after every node has been scraped and end before the last scrapes, so that
 * no partly covered first or last window enters the sum.
 */
public final class TokenConservation {

  private static final String GENERATION_TOKENS = "vllm:generation_tokens_total";

  /** The figures compared, for the test's log. */
  public record Figures(double counted, double published, double truth, double tolerance) {
    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "generation tokens: FleetPulse %.3f, published scrapes %.3f (difference "
              + "%.3g), simulator %.0f (difference %.1f; tolerance %.1f)",
          counted,
          published,
          counted - published,
          truth,
          counted - truth,
          tolerance);
    }
  }

  private TokenConservation() {}

  public static Figures assertConserved(
      FleetStatsRecorder recorder,
      SimulatedFleet fleet,
      String bootstrapServers,
      String scrapesTopic,
      long windowMs,
      long spanStart,
      long spanEnd) {
    return assertConserved(
        recorder,
        "fleet",
        window -> true,
        fleet.nodes(),
        bootstrapServers,
        scrapesTopic,
        windowMs,
        spanStart,
        spanEnd);
  }

  /**
   * The same for one cluster: its cluster windows against {@code nodes}, its nodes, when the other
   * clusters' nodes lose tokens on purpose.
   */
  public static Figures assertClusterConserved(
      FleetStatsRecorder recorder,
      String cluster,
      List<SimulatedNode> nodes,
      String bootstrapServers,
      String scrapesTopic,
      long windowMs,
      long spanStart,
      long spanEnd) {
    return assertConserved(
        recorder,
        "cluster",
        window -> cluster.equals(window.getCluster()),
        nodes,
        bootstrapServers,
        scrapesTopic,
        windowMs,
        spanStart,
        spanEnd);
  }

  private static Figures assertConserved(
      FleetStatsRecorder recorder,
      String scope,
      Predicate<FleetWindow> ofScope,
      List<SimulatedNode> nodes,
      String bootstrapServers,
      String scrapesTopic,
      long windowMs,
      long spanStart,
      long spanEnd) {
    String window = windowMs / 1000 + "s";
    TreeMap<Long, List<FleetWindow>> byEnd =
        recorder.windows(scope, window).stream()
            .filter(ofScope)
            .filter(w -> endMs(w) > spanStart && endMs(w) <= spanEnd)
            .collect(
                Collectors.groupingBy(TokenConservation::endMs, TreeMap::new, Collectors.toList()));
    for (long end = spanStart + windowMs; end <= spanEnd; end += windowMs) {
      List<FleetWindow> emitted = byEnd.getOrDefault(end, List.of());
      assertEquals(
          1,
          emitted.size(),
          "the " + scope + " window ending at " + end + " should be emitted exactly once");
      assertNotNull(
          emitted.get(0).getGenerationTokensPerSecond(),
          "the " + scope + " window ending at " + end + " should have a generation rate");
    }
    double counted =
        byEnd.values().stream()
            .mapToDouble(w -> w.get(0).getGenerationTokensPerSecond() * windowMs / 1000.0)
            .sum();

    Map<String, PublishedCounter> published =
        PublishedCounter.readAll(bootstrapServers, scrapesTopic, GENERATION_TOKENS);
    double fromScrapes = 0;
    double truth = 0;
    double tolerance = 0;
    for (SimulatedNode node : nodes) {
      PublishedCounter counter = published.get(node.cluster() + "/" + node.instance());
      assertNotNull(counter, "no good scrape of " + node + " on the scrapes topic");
      fromScrapes += counter.apportionedIncrease(spanStart, spanEnd);
      truth += node.groundTruth().generationTokensBetween(spanStart, spanEnd);
      for (long edge : new long[] {spanStart, spanEnd}) {
        PublishedCounter.Interval around = counter.straddling(edge);
        long renderedBy =
            around.to().timestampMs() + (long) Math.ceil(around.to().durationSeconds() * 1000);
        tolerance +=
            node.groundTruth().generationTokensBetween(around.from().timestampMs(), renderedBy);
      }
    }
    Figures figures = new Figures(counted, fromScrapes, truth, tolerance);
    System.out.printf(Locale.ROOT, "over %d s: %s%n", (spanEnd - spanStart) / 1000, figures);
    assertTrue(truth > 0, "the simulated fleet should have generated tokens");
    assertEquals(
        fromScrapes,
        counted,
        1e-9 * fromScrapes,
        "FleetPulse's "
            + scope
            + " total against the counter rule applied to every published scrape: a difference "
            + "is an interval lost or counted twice");
    assertEquals(
        truth,
        counted,
        tolerance,
        "FleetPulse's " + scope + " total against the simulator's ground truth");
    return figures;
  }

  private static long endMs(FleetWindow window) {
    return window.getWindowEndMs().toEpochMilli();
  }
}
