package io.fleetpulse.sink.consume;

import io.fleetpulse.schemas.AvroSerde;
import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.sink.LatestWindows;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one fleet-stats record into the latest window of its series. A record that cannot be
 * decoded into a valid window is logged, counted and skipped: one bad record must not stop the sink.
 */
public final class WindowRecordHandler {

  private static final Logger LOG = LoggerFactory.getLogger(WindowRecordHandler.class);

  private final AvroSerde<FleetWindow> serde = new AvroSerde<>(FleetWindow.class);
  private final LatestWindows latest;
  private final ConsumerStats stats;

  public WindowRecordHandler(LatestWindows latest, ConsumerStats stats) {
    this.latest = latest;
    this.stats = stats;
  }

  public void accept(ConsumerRecord<byte[], byte[]> record) {
    stats.recordConsumed(record.timestamp());
    try {
      latest.offer(decode(record.value()));
    } catch (SerializationException | IllegalArgumentException e) {
      stats.decodeFailed();
      LOG.warn(
          "skipping record {}-{}@{}: {}",
          record.topic(), record.partition(), record.offset(), e.getMessage());
    }
  }

  private FleetWindow decode(byte[] value) {
    if (value == null) {
      throw new SerializationException("record has no value (a tombstone), expected a FleetWindow");
    }
    return serde.decode(value);
  }
}
