package io.fleetpulse.streams.rollup;

import io.fleetpulse.schemas.RequestEvent;
import io.fleetpulse.schemas.Scrape;
import io.fleetpulse.schemas.contract.EventTime;
import io.fleetpulse.streams.Events;
import io.fleetpulse.streams.Scrapes;
import io.fleetpulse.streams.TopologyHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Two vLLM nodes of one cluster, scraped every 30 s in simulated time, with a token rate that
 * follows the time of day, a TTFT histogram and one request event per node and scrape. Node b can
 * be silent (no scrapes) or down (failed scrapes) for spans. Everything is a function of time and
 * node, so a run is the same every time.
 */
final class SimulatedFleet {

  static final String CLUSTER = "c1";
  static final String NODE_A = "a:8000";
  static final String NODE_B = "b:8000";
  static final long SCRAPE_INTERVAL_MS = 30_000;

  /** Above the scrape interval, as streams.grace must be. */
  static final Duration GRACE = Duration.ofSeconds(45);

  /** Longer than an event's latency, so that every event is in before its window closes. */
  static final Duration EVENT_LATENESS = Duration.ofSeconds(5);

  static final String TTFT = "vllm:time_to_first_token_seconds";
  static final List<Double> BOUNDS = List.of(0.1, 0.5, 1.0, 2.0);

  /** How long before a scrape its step's events arrived (none before the simulation starts). */
  private static final long EVENT_LEAD_MS = 3_000;

  /** One instant of input: the events that finished just before it, then the scrapes. */
  record Step(long atMs, List<RequestEvent> events, List<Scrape> scrapes) {}

  /** An event's TTFT with the time it finished, after {@link Scrapes#BASE}. */
  record Ttft(long finishedAtMs, double seconds) {}

  private final List<String> nodes = List.of(NODE_A, NODE_B);
  private final Map<String, double[]> generation = new HashMap<>();
  private final Map<String, double[]> buckets = new HashMap<>();
  private final List<Ttft> ttfts = new ArrayList<>();
  private long silentFromMs = -1;
  private long silentToMs = -1;
  private long downFromMs = -1;
  private long downToMs = -1;

  SimulatedFleet silentB(long fromMs, long toMs) {
    silentFromMs = fromMs;
    silentToMs = toMs;
    return this;
  }

  SimulatedFleet downB(long fromMs, long toMs) {
    downFromMs = fromMs;
    downToMs = toMs;
    return this;
  }

  /** The steps from {@code fromMs} (inclusive) to {@code toMs} (exclusive). */
  List<Step> steps(long fromMs, long toMs) {
    List<Step> steps = new ArrayList<>();
    for (long at = fromMs; at < toMs; at += SCRAPE_INTERVAL_MS) {
      List<RequestEvent> events = new ArrayList<>();
      List<Scrape> scrapes = new ArrayList<>();
      for (int index = 0; index < nodes.size(); index++) {
        String node = nodes.get(index);
        boolean isB = node.equals(NODE_B);
        if (isB && at >= silentFromMs && at < silentToMs) {
          continue;
        }
        if (isB && at >= downFromMs && at < downToMs) {
          scrapes.add(Scrapes.down(CLUSTER, node, at));
          continue;
        }
        if (at >= EVENT_LEAD_MS) {
          events.add(event(node, index, at));
        }
        scrapes.add(scrape(node, index, at));
      }
      steps.add(new Step(at, events, scrapes));
    }
    return steps;
  }

  /** Every TTFT of the events so far. */
  List<Ttft> ttfts() {
    return List.copyOf(ttfts);
  }

  /** Pipes the steps as they happen: the wall clock at each step's time. */
  static void pipeLive(TopologyHarness harness, List<Step> steps) {
    for (Step step : steps) {
      harness.wallClockAt(step.atMs());
      harness.pipeEvents(step.events());
      harness.pipe(step.scrapes().toArray(Scrape[]::new));
    }
  }

  /** Pipes the steps at once, long after they happened, as a replay reads them. */
  static void pipeBackfill(TopologyHarness harness, List<Step> steps) {
    for (Step step : steps) {
      harness.pipeEvents(step.events());
      harness.pipe(step.scrapes().toArray(Scrape[]::new));
    }
  }

  private Scrape scrape(String node, int index, long atMs) {
    double[] tokens = generation.computeIfAbsent(node, any -> new double[1]);
    double[] counts = buckets.computeIfAbsent(node, any -> new double[BOUNDS.size() + 1]);
    double hourOfDay = (atMs / 3_600_000.0) % 24;
    tokens[0] += 30 * (400 + 300 * Math.sin(Math.PI * hourOfDay / 12) + 50 * index);
    long slot = atMs / SCRAPE_INTERVAL_MS;
    for (int bucket = 0; bucket < counts.length; bucket++) {
      counts[bucket] += (slot + bucket + index) % (bucket + 3);
    }
    List<Double> cumulative = new ArrayList<>();
    double sum = 0;
    for (double count : counts) {
      sum += count;
      cumulative.add(sum);
    }
    return Scrapes.vllm(CLUSTER, node, atMs)
        .generation(0, tokens[0])
        .prompt(0, tokens[0] / 2)
        .running(0, 4 + slot % 5 + index)
        .waiting(0, slot % 3)
        .kvUsage(0, 0.3 + 0.05 * (slot % 10))
        .histogram(TTFT, 0, BOUNDS, cumulative)
        .build();
  }

  private RequestEvent event(String node, int index, long atMs) {
    long slot = atMs / SCRAPE_INTERVAL_MS;
    double ttft = 0.05 + ((slot * 7919 + index * 31) % 1000) / 1000.0 * 1.5;
    long arrivalMs = atMs - EVENT_LEAD_MS;
    double e2e = ttft + 0.2;
    long baseMs = Scrapes.BASE.toEpochMilli();
    ttfts.add(new Ttft(EventTime.finishMs(baseMs + arrivalMs, e2e) - baseMs, ttft));
    return Events.event(CLUSTER, node, arrivalMs, 0.01, ttft, e2e, 20);
  }
}
