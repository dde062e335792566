package io.fleetpulse.simulator.http;

/** Renders the current /metrics page; called on the server's rendering threads. */
@FunctionalInterface
public interface MetricsSource {

  MetricsPage scrape();
}
