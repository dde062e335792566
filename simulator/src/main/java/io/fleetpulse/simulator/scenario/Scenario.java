package io.fleetpulse.simulator.scenario;

import io.fleetpulse.simulator.batching.ClientTimeouts;
import io.fleetpulse.simulator.batching.RequestShape;
import io.fleetpulse.simulator.batching.Workload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One reproducible fleet workload: who runs what, how requests arrive and look over time, when
 * clients give up, what breaks, and the SLO the ground truth is judged by. Nodes are named {@code
 * <cluster>-<index>}, index from 0 across the cluster's groups in order.
 */
public record Scenario(
    String name,
    String description,
    long seed,
    Duration duration,
    Duration scrapeInterval,
    Slo slo,
    FleetShape fleet,
    ArrivalRate arrivals,
    List<ShapePoint> requestShape,
    TimeoutSpec clientTimeouts,
    List<Fault> faults) {

  public Scenario {
    Bounds.duration(duration, "duration", Duration.ofSeconds(10), Bounds.LONGEST_RUN);
    scrapeInterval =
        scrapeInterval == null
            ? Duration.ofSeconds(5)
            : Bounds.duration(
                scrapeInterval, "scrape_interval", Duration.ofSeconds(1), Duration.ofMinutes(5));
    if (scrapeInterval.toMillis() % 1000 != 0) {
      throw new IllegalArgumentException(
          "scrape_interval must be whole seconds, got " + Bounds.text(scrapeInterval));
    }
    if (slo == null) {
      throw new IllegalArgumentException("slo is required, e.g. slo: {ttft_p99_seconds: 2}");
    }
    if (fleet == null) {
      throw new IllegalArgumentException("fleet is required");
    }
    if (arrivals == null) {
      throw new IllegalArgumentException(
          "arrivals is required, e.g. arrivals: {type: constant, rate: 4}");
    }
    requestShape =
        requestShape == null || requestShape.isEmpty()
            ? List.of(ShapePoint.chat())
            : Interpolation.ordered(requestShape, ShapePoint::at, "request_shape");
    clientTimeouts = clientTimeouts == null ? TimeoutSpec.none() : clientTimeouts;
    faults = faults == null ? List.of() : List.copyOf(faults);
    checkFaults(faults, nodeNames(fleet), duration);
  }

  private static void checkFaults(List<Fault> faults, List<String> nodes, Duration duration) {
    Set<String> crashed = new HashSet<>();
    for (int i = 0; i < faults.size(); i++) {
      Fault fault = faults.get(i);
      String option = "faults[" + i + "]";
      if (fault == null) {
        throw new IllegalArgumentException(option + " is empty");
      }
      if (!nodes.contains(fault.node())) {
        throw new IllegalArgumentException(
            option
                + ".node '"
                + fault.node()
                + "' is not in the fleet (nodes are "
                + nodes.get(0)
                + " .. "
                + nodes.get(nodes.size() - 1)
                + ")");
      }
      Duration at = fault.onset();
      if (at.compareTo(duration) >= 0) {
        throw new IllegalArgumentException(
            option
                + " starts at "
                + Bounds.text(at)
                + ", not before the end ("
                + Bounds.text(duration)
                + ")");
      }
      if (fault instanceof Fault.Crash && !crashed.add(fault.node())) {
        throw new IllegalArgumentException(
            option + ": node " + fault.node() + " already crashes in an earlier fault");
      }
    }
  }

  /**
   * When the scenario starts to depart from a steady fleet: the earliest of an arrival ramp or
   * step, a change of request shape, and a fault. Empty for a steady or purely diurnal scenario,
   * where nothing is wrong at all. An alert that fires before this instant fired at nothing.
   */
  public Optional<Duration> incidentOnset() {
    List<Duration> onsets = new ArrayList<>();
    if (arrivals instanceof ArrivalRate.Ramp ramp) {
      onsets.add(ramp.start());
    } else if (arrivals instanceof ArrivalRate.Piecewise piecewise) {
      List<ArrivalRate.RatePoint> points = piecewise.points();
      for (int i = 1; i < points.size(); i++) {
        if (points.get(i).rate() != points.get(i - 1).rate()) {
          onsets.add(points.get(i - 1).at());
          break;
        }
      }
    }
    if (requestShape.size() > 1) {
      onsets.add(requestShape.get(0).at());
    }
    for (Fault fault : faults) {
      onsets.add(fault.onset());
    }
    return onsets.stream().min(Duration::compareTo);
  }

  /** Every node's name, cluster by cluster. */
  public List<String> nodeNames() {
    return nodeNames(fleet);
  }

  private static List<String> nodeNames(FleetShape fleet) {
    List<String> names = new ArrayList<>();
    for (String cluster : fleet.clusters()) {
      for (int i = 0; i < fleet.nodesPerCluster(); i++) {
        names.add(cluster + "-" + i);
      }
    }
    return names;
  }

  public ClientTimeouts timeouts() {
    return clientTimeouts.timeouts();
  }

  /** What every node is asked to do: the arrival rate and request shape at each instant. */
  public Workload workload() {
    List<ShapePoint> points = requestShape;
    RequestShape fixed = points.size() == 1 ? points.get(0).shape() : null;
    ArrivalRate rate = arrivals;
    return new Workload() {
      @Override
      public double requestsPerSecond(long microsSinceStart) {
        return rate.at(microsSinceStart / 1e6);
      }

      @Override
      public RequestShape shapeAt(long microsSinceStart) {
        return fixed != null ? fixed : interpolated(points, microsSinceStart / 1e6);
      }
    };
  }

  private static RequestShape interpolated(List<ShapePoint> points, double seconds) {
    int before = Math.max(0, Interpolation.lastAtOrBefore(points, seconds, ShapePoint::at));
    return new RequestShape(
        Interpolation.along(points, seconds, ShapePoint::at, ShapePoint::promptMeanTokens),
        Interpolation.along(points, seconds, ShapePoint::at, ShapePoint::promptSigma),
        Interpolation.along(points, seconds, ShapePoint::at, ShapePoint::outputMeanTokens),
        Interpolation.along(points, seconds, ShapePoint::at, ShapePoint::prefixShare),
        points.get(before).prefixTokens(),
        Interpolation.along(points, seconds, ShapePoint::at, ShapePoint::cancelShare));
  }
}
