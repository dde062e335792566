package io.fleetpulse.cli.pipelinebench;

/**
 * What Prometheus did over the measured stretch.
 *
 * @param cpuNanos its CPU time, user and system
 * @param scrapes scrapes of the simulated nodes it took
 * @param failedScrapes of those, the ones that failed
 * @param samples samples in the bodies it scraped
 * @param missedRuleIterations rule group evaluations it skipped for being late
 * @param ruleFailures rule evaluations that failed
 */
public record PrometheusCost(
    long cpuNanos,
    long scrapes,
    long failedScrapes,
    long samples,
    long missedRuleIterations,
    long ruleFailures) {}
