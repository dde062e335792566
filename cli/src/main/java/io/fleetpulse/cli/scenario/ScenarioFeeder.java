package io.fleetpulse.cli.scenario;

import io.fleetpulse.collector.config.ScrapeConfig;
import io.fleetpulse.collector.config.StaticConfig;
import io.fleetpulse.collector.metrics.CollectorMetrics;
import io.fleetpulse.collector.parse.ExpositionParseException;
import io.fleetpulse.collector.scrape.FailureCategory;
import io.fleetpulse.collector.scrape.ScrapeAssembler;
import io.fleetpulse.collector.scrape.ScrapeError;
import io.fleetpulse.collector.scrape.ScrapeJob;
import io.fleetpulse.collector.scrape.ScrapeTarget;
import io.fleetpulse.schemas.RequestEvent;
import io.fleetpulse.schemas.Scrape;
import io.fleetpulse.schemas.contract.NodeKey;
import io.fleetpulse.simulator.batching.FinishedRequest;
import io.fleetpulse.simulator.simtime.NodeIdentity;
import io.fleetpulse.simulator.simtime.SimulationSink;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a simulated-time run into the records a collector would publish, through the collector's
 * own code: each page becomes a Scrape via {@link ScrapeAssembler} (parse, engine detection, family
 * filter, limits) for a {@link ScrapeTarget} built as the collector builds it (job = the node's
 * engine, its cluster label, instance = the node's {@code host:port}); a down node is a
 * connection-refused down scrape, as the HTTP scraper records it. Each finished request becomes a
 * RequestEvent whose node is that instance.
 */
public final class ScenarioFeeder implements SimulationSink {

  /** What the HTTP scraper records when a target refuses the connection. */
  static final String CONNECTION_REFUSED = "connection failed: connection refused";

  private final ScrapeAssembler assembler = new ScrapeAssembler(new CollectorMetrics());
  private final Map<String, ScrapeTarget> targets = new HashMap<>();
  private final Map<String, Long> requestSequence = new HashMap<>();
  private final Duration scrapeInterval;
  private final ScenarioOutput output;
  private final Pacer pacer;
  private long records;

  ScenarioFeeder(Duration scrapeInterval, ScenarioOutput output, Pacer pacer) {
    this.scrapeInterval = scrapeInterval;
    this.output = output;
    this.pacer = pacer;
  }

  long records() {
    return records;
  }

  @Override
  public void scrape(NodeIdentity node, Instant at, byte[] body, String contentType) {
    pacer.awaitSimulated(at);
    ScrapeTarget target = targetOf(node);
    Scrape scrape;
    try {
      scrape = assembler.up(target, at, 0.0, body, contentType);
    } catch (ExpositionParseException | IllegalArgumentException e) {
      scrape =
          assembler.down(target, at, 0.0, new ScrapeError(FailureCategory.PARSE, e.getMessage()));
    }
    output.scrape(keyOf(node), scrape);
    records++;
  }

  @Override
  public void scrapeRefused(NodeIdentity node, Instant at) {
    pacer.awaitSimulated(at);
    Scrape scrape =
        assembler.down(
            targetOf(node),
            at,
            0.0,
            new ScrapeError(FailureCategory.CONNECTION, CONNECTION_REFUSED));
    output.scrape(keyOf(node), scrape);
    records++;
  }

  @Override
  public void requestFinished(NodeIdentity node, FinishedRequest request, long endEpochMicros) {
    long sequence = requestSequence.merge(node.instance(), 1L, Long::sum);
    long arrivalMs = (endEpochMicros - Math.round(request.e2eSeconds() * 1e6)) / 1000;
    RequestEvent event =
        RequestEvent.newBuilder()
            .setRequestId(node.instance() + "#" + sequence)
            .setCluster(node.cluster())
            .setNode(node.instance())
            .setModel(node.model())
            .setArrivalTimeMs(Instant.ofEpochMilli(arrivalMs))
            .setQueueTimeSeconds(request.queueSeconds())
            .setTimeToFirstTokenSeconds(
                request.hasFirstToken() ? request.timeToFirstTokenSeconds() : null)
            .setE2eLatencySeconds(request.e2eSeconds())
            .setPromptTokens(request.promptTokens())
            .setGenerationTokens(request.generationTokens())
            .setFinishReason(request.reason().label())
            .build();
    output.request(keyOf(node), event);
    records++;
  }

  private static String keyOf(NodeIdentity node) {
    return NodeKey.of(node.cluster(), node.instance());
  }

  private ScrapeTarget targetOf(NodeIdentity node) {
    return targets.computeIfAbsent(
        node.instance(),
        instance -> {
          String job = node.engine().wireName();
          StaticConfig group =
              new StaticConfig(
                  List.of(instance), Map.of(StaticConfig.CLUSTER_LABEL, node.cluster()));
          ScrapeJob scrapeJob =
              ScrapeJob.of(
                  new ScrapeConfig(
                      job, scrapeInterval, scrapeInterval, null, null, List.of(group)));
          return ScrapeTarget.of(scrapeJob, group).get(0);
        });
  }
}
