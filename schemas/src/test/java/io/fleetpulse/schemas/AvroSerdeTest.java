package io.fleetpulse.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

  @Test
  void scrapeRoundTripsWithStructuredHistogram() {
    Histogram histogram =
        Histogram.newBuilder()
            .setLabels(Map.of("model_name", "m"))
            .setBounds(List.of(0.1, 1.0))
            .setCumulativeCounts(List.of(1.0, 3.0, 4.0))
            .setSum(5.5)
            .setCount(4.0)
            .build();
    MetricFamily family =
        MetricFamily.newBuilder()
            .setName("vllm:time_to_first_token_seconds")
            .setType(MetricType.HISTOGRAM)
            .setHelp(null)
            .setSamples(List.of())
            .setHistograms(List.of(histogram))
            .build();
    Scrape scrape =
        Scrape.newBuilder()
            .setCluster("us-east")
            .setInstance("10.0.0.1:8000")
            .setJob("vllm")
            .setEngine("vllm")
            .setTimestampMs(Instant.ofEpochMilli(1_700_000_000_123L))
            .setDurationSeconds(0.01)
            .setUp(true)
            .setError(null)
            .setTargetLabels(Map.of("cluster", "us-east"))
            .setFamilies(List.of(family))
            .build();
    AvroSerde<Scrape> serde = new AvroSerde<>(Scrape.class);

    Scrape back = serde.decode(serde.encode(scrape));

    assertEquals(scrape, back);
    assertEquals(
        List.of(1.0, 3.0, 4.0),
        back.getFamilies().get(0).getHistograms().get(0).getCumulativeCounts());
  }

  @Test
  void garbageIsASerializationErrorNamingTheType() {
    AvroSerde<Scrape> serde = new AvroSerde<>(Scrape.class);
    SerializationException e =
        assertThrows(SerializationException.class, () -> serde.decode(new byte[] {1, 2, 3}));
    assertTrue(e.getMessage().contains("Scrape"), e.getMessage());
  }

  /**
   * Compatible evolution: data written with an older FleetWindow (fewer fields) reads with today's
   * schema.
   */
  @Test
  void olderFleetWindowReadsWithCurrentSchema() throws Exception {
    Schema old =
        new Schema.Parser()
            .parse(
                """
        {"type":"record","name":"FleetWindow","namespace":"io.fleetpulse.schemas","fields":[
          {"name":"scope","type":"string"},
          {"name":"window","type":"string"},
          {"name":"window_start_ms","type":{"type":"long","logicalType":"timestamp-millis"}},
          {"name":"window_end_ms","type":{"type":"long","logicalType":"timestamp-millis"}}]}
        """);
    GenericRecord record = new GenericData.Record(old);
    record.put("scope", "fleet");
    record.put("window", "10s");
    record.put("window_start_ms", 10_000L);
    record.put("window_end_ms", 20_000L);
    byte[] bytes =
        new BinaryMessageEncoder<GenericRecord>(GenericData.get(), old).encode(record).array();

    FleetWindow read = new AvroSerde<>(FleetWindow.class).withOlderSchema(old).decode(bytes);

    assertEquals("fleet", read.getScope());
    assertEquals(Instant.ofEpochMilli(20_000L), read.getWindowEndMs());
    assertNull(read.getGenerationTokensPerSecond());
    assertEquals(0, read.getNodesUp());
  }
}
