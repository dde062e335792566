package io.fleetpulse.streams.aggregate;

import io.fleetpulse.schemas.contract.EngineName;
import io.fleetpulse.schemas.contract.Scope;
import io.fleetpulse.streams.events.LatencySketches;
import io.fleetpulse.streams.histogram.HistogramLayouts;
import io.fleetpulse.streams.state.BucketCounts;
import io.fleetpulse.streams.state.GaugeObservation;
import io.fleetpulse.streams.state.NodeWindow;
import io.fleetpulse.streams.state.ScopeAggregate;
import io.fleetpulse.streams.window.WindowName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;

/**
 * Builds and merges scope aggregates. Merging is associative and commutative, so a node-stage task
 * can combine its nodes before the shuffle and the scope stage can add the tasks' partials in any
 * order.
 */
public final class ScopeAggregates {

  private ScopeAggregates() {}

  /**
   * The key of {@code window}'s aggregate in {@code scope}, as published: e.g. {@code
   * cluster/us-east/10s}.
   */
  public static String key(Scope scope, NodeWindow window) {
    return scope.key(window.getCluster(), window.getModel(), window.getNode())
        + "/"
        + WindowName.ofMillis(window.getWindowSizeMs());
  }

  public static String key(ScopeAggregate aggregate) {
    return Scope.fromLabel(aggregate.getScope())
            .key(aggregate.getCluster(), aggregate.getModel(), aggregate.getNode())
        + "/"
        + WindowName.ofMillis(aggregate.getWindowSizeMs());
  }

  /** The aggregate of {@code scope} holding only {@code window}, one node's final contribution. */
  public static ScopeAggregate of(Scope scope, NodeWindow window) {
    ScopeAggregate aggregate =
        empty(
            scope.label(),
            scope.byCluster() ? window.getCluster() : null,
            scope.byModel() ? window.getModel() : null,
            scope.byNode() ? window.getNode() : null,
            window.getWindowSizeMs(),
            window.getWindowEndMs());
    GaugeObservation observation = window.getObservation();
    boolean scraped = observation != null || window.getObservedMs() > 0;
    if (observation != null) {
      if (observation.getUp()) {
        aggregate.setNodesUp(1);
      } else {
        aggregate.setNodesDown(1);
      }
      observation
          .getGauges()
          .forEach((gauge, value) -> aggregate.getGauges().put(gauge, GaugeSummaries.of(value)));
    }
    if (scraped) {
      aggregate.setScrapedNodes(1);
      aggregate.setObservedMs(window.getObservedMs());
      aggregate.setEngine(
          EngineName.UNKNOWN.equals(window.getEngine()) ? null : window.getEngine());
    }
    if (window.getObservedMs() > 0) {
      double seconds = window.getObservedMs() / 1000.0;
      window
          .getCounters()
          .forEach(
              (counter, increase) -> {
                aggregate.getCounters().put(counter, increase);
                aggregate.getCounterRates().put(counter, increase / seconds);
              });
    }
    window
        .getHistograms()
        .forEach((id, layouts) -> aggregate.getHistograms().put(id, copy(layouts)));
    aggregate.getSketches().putAll(window.getSketches());
    return aggregate;
  }

  /** An aggregate of nothing yet, of {@code sameScope}'s scope, for another window. */
  public static ScopeAggregate empty(
      ScopeAggregate sameScope, long windowSizeMs, long windowEndMs) {
    return empty(
        sameScope.getScope(),
        sameScope.getCluster(),
        sameScope.getModel(),
        sameScope.getNode(),
        windowSizeMs,
        windowEndMs);
  }

  private static ScopeAggregate empty(
      String scope,
      String cluster,
      String model,
      String node,
      long windowSizeMs,
      long windowEndMs) {
    return new ScopeAggregate(
        scope,
        cluster,
        model,
        node,
        windowSizeMs,
        windowEndMs,
        0,
        0,
        0,
        0L,
        null,
        false,
        new HashMap<>(),
        new HashMap<>(),
        new HashMap<>(),
        new HashMap<>(),
        new HashMap<>());
  }

  /**
   * Adds {@code other} (other nodes, same scope and window) into {@code into}, which is returned.
   */
  public static ScopeAggregate merge(ScopeAggregate into, ScopeAggregate other) {
    mergeMeasurements(into, other);
    into.setNodesUp(into.getNodesUp() + other.getNodesUp());
    into.setNodesDown(into.getNodesDown() + other.getNodesDown());
    into.setScrapedNodes(into.getScrapedNodes() + other.getScrapedNodes());
    other
        .getCounterRates()
        .forEach((key, value) -> into.getCounterRates().merge(key, value, Double::sum));
    return into;
  }

  /**
   * Adds {@code other} (a later or earlier window of the same scope) into {@code into}, which is
   * returned: what was measured adds up as across nodes, but the same nodes are counted in every
   * window, so node counts are the most at once. Rates are left out: per second of the merged
   * window, they are its counters over its size once it is complete.
   */
  public static ScopeAggregate mergeOverTime(ScopeAggregate into, ScopeAggregate other) {
    mergeMeasurements(into, other);
    into.setNodesUp(Math.max(into.getNodesUp(), other.getNodesUp()));
    into.setNodesDown(Math.max(into.getNodesDown(), other.getNodesDown()));
    into.setScrapedNodes(Math.max(into.getScrapedNodes(), other.getScrapedNodes()));
    return into;
  }

  /** Engine, observed time, counters, gauges, buckets and sketches: the same over nodes or time. */
  private static void mergeMeasurements(ScopeAggregate into, ScopeAggregate other) {
    boolean intoHasNodes = into.getScrapedNodes() > 0;
    boolean otherHasNodes = other.getScrapedNodes() > 0;
    if (!intoHasNodes) {
      into.setEngine(other.getEngine());
      into.setEnginesDiffer(other.getEnginesDiffer());
    } else if (otherHasNodes) {
      into.setEnginesDiffer(
          into.getEnginesDiffer()
              || other.getEnginesDiffer()
              || !Objects.equals(into.getEngine(), other.getEngine()));
    }
    into.setObservedMs(into.getObservedMs() + other.getObservedMs());
    other.getCounters().forEach((key, value) -> into.getCounters().merge(key, value, Double::sum));
    other
        .getGauges()
        .forEach((key, value) -> into.getGauges().merge(key, value, GaugeSummaries::merge));
    other
        .getHistograms()
        .forEach(
            (id, layouts) -> {
              List<BucketCounts> summed =
                  into.getHistograms().computeIfAbsent(id, any -> new ArrayList<>());
              layouts.forEach(layout -> HistogramLayouts.addInto(summed, layout));
            });
    other
        .getSketches()
        .forEach((id, sketch) -> into.getSketches().merge(id, sketch, LatencySketches::merge));
  }

  /** The engine all of the aggregate's nodes run, or null when they differ or none is known. */
  static String engine(ScopeAggregate aggregate) {
    return aggregate.getEnginesDiffer() ? null : aggregate.getEngine();
  }

  private static List<BucketCounts> copy(List<BucketCounts> layouts) {
    List<BucketCounts> copies = new ArrayList<>(layouts.size());
    layouts.forEach(layout -> copies.add(HistogramLayouts.copy(layout)));
    return copies;
  }
}
