package io.fleetpulse.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetStreamsAppTest {

  @TempDir Path stateDir;

  @Test
  void anAppThatWasNeverStartedClosesCleanly() {
    StreamsAppConfig config = new StreamsAppConfig("fleetpulse-app-test", null, null, null, stateDir.toString(), null);
    FleetStreamsApp app = new FleetStreamsApp("127.0.0.1:9", TopologyHarness.TOPICS, config);

    assertEquals(KafkaStreams.State.CREATED, app.state());
    assertEquals(0, app.lateRecordsDropped());
    app.close();
    assertEquals(KafkaStreams.State.NOT_RUNNING, app.state());
  }
}
