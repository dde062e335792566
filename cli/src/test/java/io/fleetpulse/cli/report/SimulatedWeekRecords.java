package io.fleetpulse.cli.report;

import io.fleetpulse.schemas.AvroSerde;
import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.RollupWindow;
import io.fleetpulse.schemas.Signal;
import io.fleetpulse.schemas.Topics;
import io.fleetpulse.schemas.contract.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes {@link SimulatedWeek} into Kafka as the rollup tiers would: every scope's windows as
 * {@link RollupWindow}s on the tier topics, keyed {@code <scope key>|<window_start_ms>} and stamped
 * with the window's end, and the week's signals.
 */
public final class SimulatedWeekRecords {

  private static final int PARTITIONS = 6;

  private SimulatedWeekRecords() {}

  /**
   * @return how many records were written
   */
  public static long produce(String bootstrapServers, Topics topics) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
      List<NewTopic> created = new ArrayList<>();
      for (String tier : Topics.ROLLUP_TIERS) {
        created.add(
            new NewTopic(topics.rollup(tier), PARTITIONS, (short) 1)
                .configs(Map.of("cleanup.policy", "compact")));
      }
      // The week lies in the past: no retention may delete it under the test.
      created.add(
          new NewTopic(topics.signals(), PARTITIONS, (short) 1)
              .configs(Map.of("retention.ms", "-1")));
      admin.createTopics(created).all().get(30, TimeUnit.SECONDS);
    }
    AvroSerde<RollupWindow> windows = new AvroSerde<>(RollupWindow.class);
    AvroSerde<Signal> signals = new AvroSerde<>(Signal.class);
    AtomicLong written = new AtomicLong();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG,
                20,
                ProducerConfig.BATCH_SIZE_CONFIG,
                512 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG,
                "zstd"),
            new StringSerializer(),
            new ByteArraySerializer())) {
      SimulatedWeek.forEachWindow(
          true,
          (tier, window) -> {
            producer.send(
                new ProducerRecord<>(
                    topics.rollup(tier),
                    null,
                    window.getWindow().getWindowEndMs().toEpochMilli(),
                    key(window.getWindow()),
                    windows.encode(window)));
            written.incrementAndGet();
          });
      for (Signal signal : SimulatedWeek.signals()) {
        producer.send(
            new ProducerRecord<>(
                topics.signals(),
                null,
                signal.getUpdatedMs().toEpochMilli(),
                signal.getSignal(),
                signals.encode(signal)));
        written.incrementAndGet();
      }
      producer.flush();
    }
    return written.get();
  }

  private static String key(FleetWindow window) {
    return Scope.fromLabel(window.getScope())
            .key(window.getCluster(), window.getModel(), window.getNode())
        + '|'
        + window.getWindowStartMs().toEpochMilli();
  }
}
