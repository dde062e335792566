package io.fleetpulse.cli.scaleout;

import java.time.Duration;

/**
 * What a scale-out run was asked to do, for its summary.
 *
 * @param kafka where it ran, e.g. {@code embedded 3-broker KRaft cluster}
 */
public record BenchSetup(
    int nodes,
    int clusters,
    Duration scrapeInterval,
    Duration simulated,
    int partitions,
    int streamThreads,
    String kafka,
    int cores) {}
