package io.fleetpulse.cli.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fleetpulse.cli.broker.EmbeddedKafkaBroker;
import io.fleetpulse.cli.config.KafkaSettings;
import io.fleetpulse.schemas.KafkaConnection;
import io.fleetpulse.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker takes the topics as the provisioner asks: each retention, the tiers compacted. */
class TopicProvisioningIT {

  @TempDir Path dataDir;

  @Test
  void theRollupTopicsAreCompactedWithTheirTiersRetention() throws Exception {
    Topics topics = Topics.withDefaultPrefix();
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir);
        Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      TopicProvisioner.ensureTopics(
          KafkaConnection.plaintext(broker.bootstrapServers()),
          KafkaSettings.defaults().withBootstrapServers(broker.bootstrapServers()));

      Config hour = config(admin, topics.rollup("1h"));
      assertEquals("compact,delete", hour.get("cleanup.policy").value());
      assertEquals(
          Long.toString(Duration.ofDays(730).toMillis()), hour.get("retention.ms").value());
      assertEquals("compact", config(admin, topics.rollup("1d")).get("cleanup.policy").value());
      Config scrapes = config(admin, topics.scrapes());
      assertEquals("delete", scrapes.get("cleanup.policy").value());
      assertEquals(
          Long.toString(Duration.ofDays(3).toMillis()), scrapes.get("retention.ms").value());
    }
  }

  private static Config config(Admin admin, String topic) throws Exception {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    return admin
        .describeConfigs(java.util.List.of(resource))
        .all()
        .get(30, TimeUnit.SECONDS)
        .get(resource);
  }
}
