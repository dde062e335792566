package io.fleetpulse.streams;

import static io.fleetpulse.streams.Scrapes.ms;
import static io.fleetpulse.streams.TopologyHarness.seconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.streams.decode.RecordDecoder;
import io.fleetpulse.streams.health.StreamsAppMetrics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeadLetterTest {

  @TempDir Path stateDir;

  @Test
  void undecodableScrapeGoesToTheDeadLetterTopicWithTheReasonAndTheNextScrapeIsStillProcessed() {
    try (TopologyHarness harness = new TopologyHarness(stateDir, seconds(10))) {
      harness.pipe(Scrapes.node("c1", "n1:8000", ms(1), 100, 50, 2, 1, 0.5));
      harness.pipeRaw("c1/n1:8000", "not avro at all".getBytes(StandardCharsets.UTF_8));
      harness.pipe(Scrapes.node("c1", "n1:8000", ms(6), 200, 70, 3, 1, 0.6));
      harness.closeAllWindows();

      List<TestRecord<byte[], byte[]>> dead = harness.deadLetters();
      assertEquals(1, dead.size());
      TestRecord<byte[], byte[]> letter = dead.get(0);
      assertEquals("c1/n1:8000", text(letter.key()));
      assertEquals("not avro at all", text(letter.value()));
      String reason = text(letter.headers().lastHeader(RecordDecoder.HEADER_MESSAGE).value());
      assertTrue(reason.startsWith("cannot decode Scrape (15 bytes)"), reason);
      assertEquals(
          TopologyHarness.TOPICS.scrapes(),
          text(letter.headers().lastHeader(RecordDecoder.HEADER_TOPIC).value()));
      assertEquals("1", text(letter.headers().lastHeader(RecordDecoder.HEADER_OFFSET).value()));

      assertEquals(100.0, harness.window("fleet/10s", 0).getGenerationTokens(), 1e-9);
      assertEquals(20.0, harness.window("fleet/10s", 0).getGenerationTokensPerSecond(), 1e-9);
      StreamsAppMetrics metrics = harness.metrics();
      assertEquals(3, metrics.recordsIn(StreamsAppMetrics.SCRAPES));
      assertEquals(1, metrics.decodeFailures(StreamsAppMetrics.SCRAPES));
      assertEquals(harness.emitted().size(), metrics.recordsOut(StreamsAppMetrics.FLEET_STATS));
      assertEquals(2, metrics.recordsOut(StreamsAppMetrics.NODE_STATS));
    }
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
