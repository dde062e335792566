package io.fleetpulse.cli.report;

import io.fleetpulse.cli.scenario.ScenarioOutput;
import io.fleetpulse.schemas.RequestEvent;
import io.fleetpulse.schemas.Scrape;
import io.fleetpulse.schemas.contract.EventTime;
import io.fleetpulse.simulator.GroundTruth;
import io.fleetpulse.simulator.simtime.NodeIdentity;
import io.fleetpulse.simulator.simtime.NodeSample;
import io.fleetpulse.simulator.simtime.ScenarioTruth;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a simulated run really was, per model and UTC day, in the terms of {@code fleetpulse
 * report}, from the simulator's own exact values rather than from anything the pipeline made:
 * tokens from each node's token ledger, node-hours from its crashes and restarts, KV-saturated
 * minutes from each node's gauge at its scrapes, and p99 TTFT from the request events that were
 * sent on.
 *
 * <p>It sits in the feed as a {@link ScenarioOutput}, passing on every scrape and one request event
 * in {@code sampleEvery} (a week of every request would be millions of events), and keeping the
 * time to first token of those it passes on.
 */
public final class WeekGroundTruth implements ScenarioOutput {

  private static final long DAY_MS = Duration.ofDays(1).toMillis();
  private static final long MINUTE_MS = Duration.ofMinutes(1).toMillis();

  private final ScenarioOutput delegate;
  private final int sampleEvery;
  private final Map<String, Map<Long, List<Double>>> ttftsByModelAndDay = new TreeMap<>();
  private long requests;
  private long eventsSent;

  public WeekGroundTruth(ScenarioOutput delegate, int sampleEvery) {
    this.delegate = delegate;
    this.sampleEvery = sampleEvery;
  }

  @Override
  public void scrape(String key, Scrape scrape) {
    delegate.scrape(key, scrape);
  }

  @Override
  public void request(String key, RequestEvent event) {
    if (requests++ % sampleEvery != 0) {
      return;
    }
    delegate.request(key, event);
    eventsSent++;
    if (event.getTimeToFirstTokenSeconds() != null) {
      // A request event counts in the window its request finished in.
      long day = Math.floorDiv(EventTime.of(event), DAY_MS) * DAY_MS;
      ttftsByModelAndDay
          .computeIfAbsent(event.getModel(), m -> new TreeMap<>())
          .computeIfAbsent(day, d -> new ArrayList<>())
          .add(event.getTimeToFirstTokenSeconds());
    }
  }

  @Override
  public void flush() {
    delegate.flush();
  }

  public long eventsSent() {
    return eventsSent;
  }

  /**
   * The p99 TTFT of the events sent on that finished in the model's day: the value of rank floor(q
   * × (n − 1)) of their sorted times, the sample quantile DDSketch's 1% guarantee refers to; null
   * for a day without events.
   */
  public Double ttftP99(String model, long dayStartMs) {
    List<Double> ttfts = ttftsByModelAndDay.getOrDefault(model, Map.of()).get(dayStartMs);
    if (ttfts == null || ttfts.isEmpty()) {
      return null;
    }
    double[] sorted = ttfts.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return sorted[(int) Math.floor(0.99 * (sorted.length - 1))];
  }

  /** Generation tokens the model's nodes produced in [from, to), exact. */
  public static double generationTokens(ScenarioTruth truth, String model, long fromMs, long toMs) {
    double tokens = 0;
    for (GroundTruth node : nodesOf(truth, model)) {
      tokens += node.generationTokensBetween(fromMs, toMs);
    }
    return tokens;
  }

  /**
   * How far the counter rule may put a day's tokens from the exact count: at each end of the day
   * the increase of the scrape interval that straddles it is split by time, not by when its tokens
   * came, and the first interval of a series counts nothing, so each end may be off by up to the
   * tokens of one interval either side of it; a crash loses the tokens since the node's last scrape
   * (the restarted counter starts from zero).
   */
  public static double tokenTolerance(
      ScenarioTruth truth, String model, long dayStartMs, long dayEndMs, Duration interval) {
    long span = interval.toMillis();
    double tolerance = 0;
    for (NodeIdentity node : truth.nodes()) {
      if (!node.model().equals(model)) {
        continue;
      }
      GroundTruth tokens = truth.node(node.instance());
      for (long edge : new long[] {dayStartMs, dayEndMs}) {
        long from = Math.max(truth.start().toEpochMilli(), edge - span);
        long to = Math.min(truth.end().toEpochMilli(), edge + span);
        tolerance += tokens.generationTokensBetween(from, to);
      }
      for (Instant crash : truth.crashes().getOrDefault(node.instance(), List.of())) {
        long at = crash.toEpochMilli();
        if (at >= dayStartMs && at < dayEndMs) {
          tolerance += tokens.generationTokensBetween(at - span, at);
        }
      }
    }
    return tolerance;
  }

  /** Hours the model's nodes were down in [from, to): from each crash to its restart. */
  public static double nodeHoursDown(ScenarioTruth truth, String model, long fromMs, long toMs) {
    double downMs = 0;
    for (NodeIdentity node : truth.nodes()) {
      if (!node.model().equals(model)) {
        continue;
      }
      List<Instant> crashes = truth.crashes().getOrDefault(node.instance(), List.of());
      List<Instant> restarts = truth.restarts().getOrDefault(node.instance(), List.of());
      for (int i = 0; i < crashes.size(); i++) {
        long down = Math.max(fromMs, crashes.get(i).toEpochMilli());
        long up = Math.min(toMs, i < restarts.size() ? restarts.get(i).toEpochMilli() : toMs);
        downMs += Math.max(0, up - down);
      }
    }
    return downMs / 3_600_000.0;
  }

  public static int nodes(ScenarioTruth truth, String model) {
    return nodesOf(truth, model).size();
  }

  /**
   * Minutes in [from, to) in which some node of the model showed a KV-cache usage at or above the
   * threshold at a scrape: the 1 m window's {@code kv_cache_usage_max} is the largest of its nodes'
   * last values, and at a 60 s interval each node has one scrape a minute.
   */
  public static int kvSaturatedMinutes(
      ScenarioTruth truth, String model, long fromMs, long toMs, double threshold) {
    Set<Long> minutes = new HashSet<>();
    for (NodeIdentity node : truth.nodes()) {
      if (!node.model().equals(model)) {
        continue;
      }
      for (NodeSample sample : truth.samples(node.instance())) {
        long at = sample.epochMillis();
        if (sample.up() && at >= fromMs && at < toMs && sample.kvCacheUsage() >= threshold) {
          minutes.add(Math.floorDiv(at, MINUTE_MS));
        }
      }
    }
    return minutes.size();
  }

  /** The models of the run's fleet, in order of first appearance. */
  public static List<String> models(ScenarioTruth truth) {
    return truth.nodes().stream().map(NodeIdentity::model).distinct().toList();
  }

  private static List<GroundTruth> nodesOf(ScenarioTruth truth, String model) {
    Map<String, GroundTruth> nodes = new HashMap<>();
    for (NodeIdentity node : truth.nodes()) {
      if (node.model().equals(model)) {
        nodes.put(node.instance(), truth.node(node.instance()));
      }
    }
    return new ArrayList<>(nodes.values());
  }
}
