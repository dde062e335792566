package io.fleetpulse.streams.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.mapping.LogarithmicMapping;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class LatencySketchesTest {

  @Test
  void aDecodedSketchKeepsItsExactLogarithmicMappingAndCounts() {
    DDSketch sketch = LatencySketches.empty();
    sketch.accept(0.0);
    sketch.accept(0.25);
    sketch.accept(3.0);

    DDSketch decoded = LatencySketches.decode(LatencySketches.encode(sketch));

    assertEquals(
        new LogarithmicMapping(LatencySketches.RELATIVE_ACCURACY), decoded.getIndexMapping());
    assertEquals(3.0, decoded.getCount());
    assertEquals(sketch.getValueAtQuantile(0.5), decoded.getValueAtQuantile(0.5));
    assertEquals(0.0, decoded.getValueAtQuantile(0.0), "zero latencies are kept as zero");
  }

  @Test
  void mergingEncodingsAddsTheirCounts() {
    DDSketch first = LatencySketches.empty();
    first.accept(1.0);
    DDSketch second = LatencySketches.empty();
    second.accept(2.0);
    second.accept(4.0);

    DDSketch merged =
        LatencySketches.decode(
            LatencySketches.merge(LatencySketches.encode(first), LatencySketches.encode(second)));

    assertEquals(3.0, merged.getCount());
    assertEquals(4.0, merged.getValueAtQuantile(1.0), 4.0 * LatencySketches.RELATIVE_ACCURACY);
  }

  @Test
  void decodingLeavesTheBufferForTheNextReader() {
    ByteBuffer encoded = LatencySketches.encode(LatencySketches.empty());
    int remaining = encoded.remaining();

    LatencySketches.decode(encoded);

    assertEquals(remaining, encoded.remaining());
  }

  @Test
  void bytesThatAreNoSketchAreRefusedSayingSo() {
    IllegalStateException error =
        assertThrows(
            IllegalStateException.class,
            () -> LatencySketches.decode(ByteBuffer.wrap(new byte[] {(byte) 0xff, 1, 2})));
    assertEquals(
        true,
        error.getMessage().startsWith("a latency sketch does not decode (3 bytes)"),
        error.getMessage());
  }
}
