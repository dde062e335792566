package io.fleetpulse.cli.scaleout;

import java.util.List;

/**
 * One streams instance of a measurement.
 *
 * @param name {@code i1}, {@code i2}, ...: the suffix of its Kafka Streams client id
 * @param partitions the scrapes partitions it held at the end
 * @param scrapesIn scrapes its processors took in, by its own health endpoint
 * @param cpuNanos CPU of its threads (stream threads and their clients' network threads)
 */
public record InstanceResult(
    String name, List<Integer> partitions, double scrapesIn, long cpuNanos) {

  public InstanceResult {
    partitions = List.copyOf(partitions);
  }
}
