package io.fleetpulse.simulator.metrics;

import io.fleetpulse.simulator.batching.EngineListener;

/**
 * Everything one simulated server's /metrics shows, in its engine's own format, fed by the engine's
 * events.
 */
public interface NodeExposition {

  /**
   * The text format without a charset, as llama-server and metrics-exporter-prometheus (TGI) send
   * it.
   */
  String PLAIN_TEXT_0_0_4 = "text/plain; version=0.0.4";

  /** Where the engine reports; feeds every family. */
  EngineListener engineListener();

  void render(StringBuilder out);

  /** The Content-Type the engine serves its page with. */
  String contentType();

  /**
   * Called after each page is served: counters of scrapes, and llama-server's per-scrape averages,
   * move on.
   */
  void scrapeServed();

  /** A new process: counters and histograms from zero, new start times. */
  void restart(double startEpochSeconds);
}
