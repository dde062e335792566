package io.fleetpulse.cli.testing;

import io.fleetpulse.simulator.SimulatedFleet;
import io.fleetpulse.simulator.SimulatedNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The {@code collector} section the pipeline tests write into their config files, so that each test
 * spells out only what it is about: every target scraped each second with an 800 ms timeout, one
 * {@code vllm} job, the ingest endpoint on a free port. Returned at column 0, ready for a {@code
 * %s} at the start of a line of the test's YAML.
 */
public final class CollectorYaml {

  private CollectorYaml() {}

  /** A simulated fleet's nodes, one {@code static_configs} entry per cluster. */
  public static String scraping(SimulatedFleet fleet) {
    Map<String, List<String>> targetsByCluster =
        fleet.nodes().stream()
            .collect(
                Collectors.groupingBy(
                    SimulatedNode::cluster,
                    Collectors.mapping(SimulatedNode::instance, Collectors.toList())));
    return scraping(targetsByCluster);
  }

  /** These targets by cluster, one {@code static_configs} entry per cluster. */
  public static String scraping(Map<String, List<String>> targetsByCluster) {
    StringBuilder yaml =
        new StringBuilder(
            """
            collector:
              scrape_interval: 1s
              scrape_timeout: 800ms
              ingest:
                listen: 127.0.0.1:0
              scrape_configs:
                - job_name: vllm
                  static_configs:
            """);
    new TreeMap<>(targetsByCluster)
        .forEach(
            (cluster, targets) ->
                yaml.append("        - targets: [")
                    .append(
                        targets.stream()
                            .map(target -> '"' + target + '"')
                            .collect(Collectors.joining(", ")))
                    .append("]\n          labels: {cluster: ")
                    .append(cluster)
                    .append("}\n"));
    return yaml.toString().stripTrailing();
  }
}
