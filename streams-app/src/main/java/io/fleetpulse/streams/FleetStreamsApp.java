package io.fleetpulse.streams;

import io.fleetpulse.schemas.Topics;
import io.fleetpulse.streams.aggregate.LateSliceCounter;
import java.time.Duration;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One instance of the streams app: the fleet topology running on Kafka with exactly-once processing. */
public final class FleetStreamsApp implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(FleetStreamsApp.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final LateSliceCounter lateSlices = new LateSliceCounter();
  private final KafkaStreams streams;

  public FleetStreamsApp(String bootstrapServers, Topics topics, StreamsAppConfig config) {
    this.streams = new KafkaStreams(
        FleetTopology.build(topics, config, lateSlices), StreamsProperties.of(bootstrapServers, topics, config));
    // Exactly-once state cannot be trusted after an unexpected error, so the instance stops rather than limps on.
    streams.setUncaughtExceptionHandler(error -> {
      LOG.error("streams app stopping after an unexpected error: {}", error.toString(), error);
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });
  }

  public void start() {
    streams.start();
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  /** Slices that arrived after their window had closed, counted since this instance started. */
  public long lateRecordsDropped() {
    return lateSlices.count();
  }

  @Override
  public void close() {
    if (!streams.close(CLOSE_TIMEOUT)) {
      LOG.warn("streams app did not shut down within {}", CLOSE_TIMEOUT);
    }
  }
}
