package io.fleetpulse.sink.consume;

import static io.fleetpulse.sink.TestWindows.cluster;
import static io.fleetpulse.sink.TestWindows.window;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.schemas.AvroSerde;
import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.sink.LatestWindows;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class WindowRecordHandlerTest {

  private static final Instant T = Instant.parse("2025-03-01T12:00:00Z");
  private static final AvroSerde<FleetWindow> SERDE = new AvroSerde<>(FleetWindow.class);

  private final LatestWindows latest = new LatestWindows(Duration.ofMinutes(5));
  private final ConsumerStats stats = new ConsumerStats();
  private final WindowRecordHandler ingest = new WindowRecordHandler(latest, stats);

  @Test
  void aValidRecordBecomesTheLatestWindowOfItsSeries() {
    FleetWindow window = cluster("us-east", "10s", T);

    ingest.accept(record(0, T.toEpochMilli(), SERDE.encode(window)));

    assertEquals(List.of(window), List.copyOf(latest.current(T)));
    assertEquals(1, stats.recordsConsumed());
    assertEquals(0, stats.decodeFailures());
    assertEquals(Optional.of(T), stats.newestRecord());
  }

  @Test
  void anUndecodableRecordIsCountedAndSkippedAndTheNextOneStillCounts() {
    FleetWindow window = cluster("us-east", "10s", T);

    ingest.accept(record(0, T.toEpochMilli(), "not avro".getBytes(StandardCharsets.UTF_8)));
    ingest.accept(record(1, T.toEpochMilli(), SERDE.encode(window)));

    assertEquals(2, stats.recordsConsumed());
    assertEquals(1, stats.decodeFailures());
    assertEquals(List.of(window), List.copyOf(latest.current(T)));
  }

  @Test
  void aTombstoneIsADecodeFailure() {
    ingest.accept(record(0, T.toEpochMilli(), null));

    assertEquals(1, stats.decodeFailures());
    assertTrue(latest.current(T).isEmpty());
  }

  @Test
  void aWindowThatBreaksTheScopeContractIsADecodeFailure() {
    FleetWindow clusterWithoutCluster = window("cluster", "10s", T).build();

    ingest.accept(record(0, T.toEpochMilli(), SERDE.encode(clusterWithoutCluster)));

    assertEquals(1, stats.decodeFailures());
    assertTrue(latest.current(T).isEmpty());
  }

  @Test
  void newestRecordIsTheLatestTimestampSeenWhateverTheOrder() {
    ingest.accept(record(0, T.toEpochMilli(), null));
    ingest.accept(record(1, T.minusSeconds(30).toEpochMilli(), null));

    assertEquals(Optional.of(T), stats.newestRecord());
  }

  private static ConsumerRecord<byte[], byte[]> record(long offset, long timestamp, byte[] value) {
    return new ConsumerRecord<>(
        "fleetpulse.fleet-stats.v1",
        2,
        offset,
        timestamp,
        TimestampType.CREATE_TIME,
        -1,
        value == null ? -1 : value.length,
        "fleet/10s".getBytes(StandardCharsets.UTF_8),
        value,
        new RecordHeaders(),
        Optional.empty());
  }
}
