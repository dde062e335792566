package io.fleetpulse.collector.config;

import java.time.Duration;

/** The collector-wide settings a job inherits where it sets none of its own. */
public record JobDefaults(
    Duration scrapeInterval,
    Duration scrapeTimeout,
    String bodySizeLimit,
    int sampleLimit,
    int labelLimit) {}
