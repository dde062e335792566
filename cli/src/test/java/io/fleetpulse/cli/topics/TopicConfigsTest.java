package io.fleetpulse.cli.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fleetpulse.cli.config.KafkaSettings;
import io.fleetpulse.schemas.Topics;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicConfigsTest {

  private static final Topics TOPICS = Topics.withDefaultPrefix();

  @Test
  void everyTopicIsCreatedWithItsKindsRetentionAndTheTiersCompacted() {
    Map<String, Map<String, String>> configs =
        TopicProvisioner.topicConfigs(TOPICS, KafkaSettings.defaults());

    assertEquals(TOPICS.all().size() + Topics.ROLLUP_TIERS.size(), configs.size());
    assertEquals(Map.of("retention.ms", ms(Duration.ofDays(3))), configs.get(TOPICS.scrapes()));
    assertEquals(Map.of("retention.ms", ms(Duration.ofDays(3))), configs.get(TOPICS.requests()));
    assertEquals(Map.of("retention.ms", ms(Duration.ofDays(1))), configs.get(TOPICS.fleetStats()));
    assertEquals(Map.of("retention.ms", ms(Duration.ofDays(30))), configs.get(TOPICS.signals()));
    assertEquals(
        Map.of("cleanup.policy", "compact,delete", "retention.ms", ms(Duration.ofDays(30))),
        configs.get(TOPICS.rollup("1m")));
    assertEquals(
        Map.of("cleanup.policy", "compact,delete", "retention.ms", ms(Duration.ofDays(730))),
        configs.get(TOPICS.rollup("1h")));
    assertEquals(Map.of("cleanup.policy", "compact"), configs.get(TOPICS.rollup("1d")));
  }

  private static String ms(Duration duration) {
    return Long.toString(duration.toMillis());
  }
}
