package io.fleetpulse.simulator.scenario;

import io.fleetpulse.simulator.batching.FinishedRequest;
import io.fleetpulse.simulator.simtime.*;
import java.time.Instant;

public class ScenarioProbe {
  public static void main(String[] args) {
    for (String name : args) {
      Scenario s = new ScenarioLoader().load(name);
      long t0 = System.nanoTime();
      long[] bytes = {0};
      ScenarioTruth truth = new SimulatedTimeRun(s, Instant.parse("2026-01-01T00:00:00Z"), true).run(new SimulationSink() {
        public void scrape(NodeIdentity n, Instant at, byte[] body, String ct) { bytes[0] += body.length; }
        public void scrapeRefused(NodeIdentity n, Instant at) {}
        public void requestFinished(NodeIdentity n, FinishedRequest r, long e) {}
      }, RunProgress.NONE);
      double secs = (System.nanoTime() - t0) / 1e9;
      System.out.printf("%s: %.1fs wall, breach %s (%s), scrapes %d, requests %d, MB %d, node-sim-s/wall-s %.0f%n", name, secs,
          truth.breachAt().map(b -> java.time.Duration.between(truth.start(), b).toString()).orElse("none"), truth.breachReason(),
          truth.scrapes(), truth.requests(), bytes[0] >> 20, truth.nodes().size() * s.duration().toSeconds() / secs);
      String inst = truth.nodes().get(0).instance();
      var samples = truth.samples(inst);
      for (int i = 0; i < samples.size(); i += samples.size() / 12) {
        var x = samples.get(i);
        System.out.printf("  %s t=%ds run=%d wait=%d kv=%.2f%n", inst, (x.epochMillis() - truth.start().toEpochMilli())/1000, x.running(), x.waiting(), x.kvCacheUsage());
      }
    }
  }
}
