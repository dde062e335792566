package io.fleetpulse.cli.pipeline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.cli.config.ConfigLoader;
import io.fleetpulse.cli.config.FleetPulseConfig;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The collector starts and scrapes into its buffer while Kafka cannot be reached. */
class CollectorWithoutKafkaTest {

  @Test
  void theCollectorStartsWhileKafkaIsDown() throws Exception {
    int nobody;
    try (ServerSocket free = new ServerSocket(0)) {
      nobody = free.getLocalPort();
    }
    FleetPulseConfig config =
        new ConfigLoader()
            .parse(
                """
        kafka: {bootstrap_servers: "127.0.0.1:%d"}
        collector:
          ingest: {listen: "127.0.0.1:0"}
          delivery: {flush_timeout: 0s}
          scrape_configs:
            - job_name: down
              scrape_interval: 200ms
              scrape_timeout: 100ms
              static_configs: [{targets: ["127.0.0.1:%d"]}]
        """
                    .formatted(nobody, nobody),
                "fleetpulse.yml",
                Map.of());

    try (Pipeline pipeline = Pipeline.start(config, Set.of(Component.COLLECTOR))) {
      assertTrue(pipeline.collector().isPresent());
      while (pipeline.collector().get().scrapesFailed() < 2) {
        Thread.sleep(50);
      }
      assertTrue(pipeline.collectorHttp().isPresent(), "the ingest endpoint is up too");
    }
  }
}
