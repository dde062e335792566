package io.fleetpulse.simulator.simtime;

import io.fleetpulse.schemas.PrometheusDuration;
import io.fleetpulse.simulator.GroundTruth;
import io.fleetpulse.simulator.batching.FinishedRequest;
import io.fleetpulse.simulator.scenario.Fault;
import io.fleetpulse.simulator.scenario.NodeGroup;
import io.fleetpulse.simulator.scenario.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Plays a whole fleet through a scenario in simulated time, on the calling thread, with no clock
 * and no sleeps: each node is scraped every scrape interval (nodes spread evenly over the interval,
 * at whole milliseconds), its engine played up to that instant first, and what the node finished
 * since its last scrape is handed over just before the page. The same seed gives the same run, byte
 * for byte.
 */
public final class SimulatedTimeRun {

  /** The trailing window of the SLO's p99. */
  public static final Duration SLO_WINDOW = Duration.ofMinutes(1);

  private final Scenario scenario;
  private final Instant start;
  private final boolean keepSamples;

  /**
   * @param start the simulated instant the run begins at (whole milliseconds are kept)
   * @param keepSamples whether the truth keeps every node's {@link NodeSample} at every scrape
   */
  public SimulatedTimeRun(Scenario scenario, Instant start, boolean keepSamples) {
    this.scenario = scenario;
    this.start = Instant.ofEpochMilli(start.toEpochMilli());
    this.keepSamples = keepSamples;
  }

  public ScenarioTruth run(SimulationSink sink, RunProgress progress) {
    List<SimNode> nodes = buildNodes();
    long durationMicros = scenario.duration().toNanos() / 1000;
    long intervalMicros = scenario.scrapeInterval().toNanos() / 1000;
    long[] offsets = new long[nodes.size()];
    for (int i = 0; i < offsets.length; i++) {
      offsets[i] = (intervalMicros / 1000 * i / offsets.length) * 1000;
    }
    Map<String, List<NodeSample>> samples = new LinkedHashMap<>();
    RequestTally tally = new RequestTally();
    long scrapes = 0;
    for (long roundStart = 0; roundStart <= durationMicros; roundStart += intervalMicros) {
      for (int i = 0; i < nodes.size(); i++) {
        long at = roundStart + offsets[i];
        if (at > durationMicros) {
          break;
        }
        SimNode node = nodes.get(i);
        node.advanceTo(at);
        tally.deliver(node, sink);
        Instant instant = start.plusNanos(at * 1000);
        if (node.unreachableAt(at)) {
          sink.scrapeRefused(node.identity(), instant);
        } else {
          sink.scrape(node.identity(), instant, node.render(), node.contentType());
        }
        scrapes++;
        if (keepSamples) {
          samples
              .computeIfAbsent(node.identity().instance(), key -> new ArrayList<>())
              .add(node.sample(at));
        }
      }
      progress.progressed(
          Duration.ofNanos(Math.min(roundStart + intervalMicros, durationMicros) * 1000),
          scenario.duration(),
          scrapes,
          tally.requests);
    }
    Map<String, GroundTruth> tokens = new LinkedHashMap<>();
    Map<String, List<Instant>> crashes = new LinkedHashMap<>();
    Map<String, List<Instant>> restarts = new LinkedHashMap<>();
    for (SimNode node : nodes) {
      node.advanceTo(durationMicros);
      tally.deliver(node, sink);
      String instance = node.identity().instance();
      tokens.put(instance, node.finish(durationMicros));
      if (!node.crashes().isEmpty()) {
        crashes.put(instance, List.copyOf(node.crashes()));
      }
      if (!node.restarts().isEmpty()) {
        restarts.put(instance, List.copyOf(node.restarts()));
      }
    }
    Breach breach = tally.breach(scenario.slo().ttftP99Seconds());
    return new ScenarioTruth(
        start,
        start.plus(scenario.duration()),
        breach == null ? null : start.plusNanos(breach.micros * 1000),
        breach == null ? null : breach.reason,
        nodes.stream().map(SimNode::identity).toList(),
        tokens,
        crashes,
        restarts,
        slowInstances(nodes),
        samples,
        scrapes,
        tally.requests);
  }

  private List<SimNode> buildNodes() {
    SplittableRandom seeds = new SplittableRandom(scenario.seed());
    long startEpochMicros = start.toEpochMilli() * 1000;
    List<SimNode> nodes = new ArrayList<>();
    for (String cluster : scenario.fleet().clusters()) {
      int index = 0;
      for (NodeGroup group : scenario.fleet().groups()) {
        for (int i = 0; i < group.nodes(); i++, index++) {
          String name = cluster + "-" + index;
          NodeIdentity identity =
              new NodeIdentity(
                  name,
                  cluster,
                  name + ":" + NodeIdentity.defaultPort(group.engineName()),
                  group.engineName(),
                  group.model());
          nodes.add(
              new SimNode(
                  identity,
                  group.engineConfig(),
                  scenario.workload(),
                  scenario.timeouts(),
                  seeds.split(),
                  startEpochMicros,
                  scenario.duration(),
                  fault(name, Fault.Crash.class),
                  fault(name, Fault.Slow.class),
                  fault(name, Fault.Flap.class)));
        }
      }
    }
    return nodes;
  }

  private <F extends Fault> F fault(String node, Class<F> type) {
    for (Fault fault : scenario.faults()) {
      if (fault.node().equals(node) && type.isInstance(fault)) {
        return type.cast(fault);
      }
    }
    return null;
  }

  private List<String> slowInstances(List<SimNode> nodes) {
    return nodes.stream()
        .filter(node -> fault(node.identity().name(), Fault.Slow.class) != null)
        .map(node -> node.identity().instance())
        .toList();
  }

  private record Breach(long micros, String reason) {}

  /**
   * Every finished request passes here on its way to the sink: counted, its TTFT kept, its timeout
   * noted.
   */
  private static final class RequestTally {
    private final TtftSamples ttfts = new TtftSamples();
    private long requests;
    private long firstTimeoutMicros = Long.MAX_VALUE;
    private String firstTimeoutNode;

    void deliver(SimNode node, SimulationSink sink) {
      for (FinishedRequest request : node.takeFinished()) {
        requests++;
        if (request.hasFirstToken()) {
          long firstTokenMicros =
              request.endMicros()
                  - Math.round(request.e2eSeconds() * 1e6)
                  + Math.round(request.timeToFirstTokenSeconds() * 1e6);
          ttfts.add(firstTokenMicros, request.timeToFirstTokenSeconds());
        }
        if (request.clientTimedOut() && request.endMicros() < firstTimeoutMicros) {
          firstTimeoutMicros = request.endMicros();
          firstTimeoutNode = node.identity().instance();
        }
        sink.requestFinished(node.identity(), request, node.epochMicros(request.endMicros()));
      }
    }

    Breach breach(double sloSeconds) {
      long p99Micros = ttfts.firstBreachMicros(SLO_WINDOW.toNanos() / 1000, sloSeconds);
      if (p99Micros >= 0 && p99Micros <= firstTimeoutMicros) {
        return new Breach(
            p99Micros,
            String.format(
                Locale.ROOT,
                "ttft p99 over the trailing %s above %ss",
                PrometheusDuration.format(SLO_WINDOW),
                sloSeconds));
      }
      if (firstTimeoutMicros != Long.MAX_VALUE) {
        return new Breach(firstTimeoutMicros, "a client timed out on " + firstTimeoutNode);
      }
      return null;
    }
  }
}
