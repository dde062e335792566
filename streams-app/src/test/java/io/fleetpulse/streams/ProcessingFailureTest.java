package io.fleetpulse.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.schemas.KafkaConnection;
import io.fleetpulse.streams.decode.RecordDecoder;
import io.fleetpulse.streams.health.StreamsAppMetrics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the app's settings do with a record that passed every check at the input and still fails
 * inside a processor, whichever processor: it goes to the dead-letter topic with the exception,
 * counted by processor, and the next record is processed. A processor that throws stands in for any
 * of the topology's, since no known record makes one of them throw any more.
 */
class ProcessingFailureTest {

  @TempDir Path stateDir;

  @Test
  void aRecordFailingInAProcessorIsDeadLetteredWithItsReasonAndTheNextIsProcessed() {
    StreamsAppMetrics metrics = new StreamsAppMetrics();
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
        .mapValues(
            value -> {
              if (value.equals("pill")) {
                throw new IllegalStateException("window end 1e300 is outside 0..9999999999999");
              }
              return value.toUpperCase();
            },
            Named.as("windowing"))
        .to("out", Produced.with(Serdes.String(), Serdes.String()));

    try (TopologyTestDriver driver =
        new TopologyTestDriver(
            builder.build(),
            StreamsProperties.of(
                KafkaConnection.plaintext("localhost:9092"),
                TopologyHarness.TOPICS,
                new StreamsAppConfig("app", null, null, 1, stateDir.toString(), 1, null),
                metrics))) {
      TestInputTopic<String, String> in =
          driver.createInputTopic("in", Serdes.String().serializer(), Serdes.String().serializer());
      in.pipeInput("c1/a:8000", "pill");
      in.pipeInput("c1/a:8000", "good");

      assertEquals(
          List.of("GOOD"),
          driver
              .createOutputTopic(
                  "out", Serdes.String().deserializer(), Serdes.String().deserializer())
              .readValuesToList());
      List<TestRecord<byte[], byte[]>> deadLetters =
          driver
              .createOutputTopic(
                  TopologyHarness.TOPICS.deadLetter(),
                  Serdes.ByteArray().deserializer(),
                  Serdes.ByteArray().deserializer())
              .readRecordsToList();
      assertEquals(1, deadLetters.size());
      String reason =
          new String(
              deadLetters.get(0).headers().lastHeader(RecordDecoder.HEADER_MESSAGE).value(),
              StandardCharsets.UTF_8);
      assertTrue(reason.contains("is outside 0..9999999999999"), reason);
      assertEquals("pill", new String(deadLetters.get(0).value(), StandardCharsets.UTF_8));
      assertEquals(1, metrics.processingFailures("windowing"));
    }
  }
}
