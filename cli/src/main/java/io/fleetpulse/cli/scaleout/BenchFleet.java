package io.fleetpulse.cli.scaleout;

import io.fleetpulse.simulator.scenario.ArrivalRate;
import io.fleetpulse.simulator.scenario.FleetShape;
import io.fleetpulse.simulator.scenario.NodeGroup;
import io.fleetpulse.simulator.scenario.Scenario;
import io.fleetpulse.simulator.scenario.Slo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's fleet as a scenario: {@code nodes} vLLM nodes spread evenly over {@code clusters}
 * clusters ({@code cluster-0}, ...), a steady load, no faults, played in simulated time.
 */
public final class BenchFleet {

  /** Requests per second per node: a steady load well within a node's capacity. */
  static final double REQUESTS_PER_SECOND = 2;

  private static final long SEED = 42;

  private BenchFleet() {}

  public static Scenario scenario(
      int nodes, int clusters, Duration duration, Duration scrapeInterval) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < clusters; i++) {
      names.add("cluster-" + i);
    }
    return new Scenario(
        "bench-scaleout",
        nodes + " vLLM nodes in " + clusters + " clusters at a steady load",
        SEED,
        duration,
        scrapeInterval,
        new Slo(2),
        new FleetShape(names, List.of(new NodeGroup(nodes / clusters, "vllm", null, null))),
        new ArrivalRate.Constant(REQUESTS_PER_SECOND),
        null,
        null,
        null);
  }
}
