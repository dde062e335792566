package io.fleetpulse.streams.events;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.mapping.LogarithmicMapping;
import com.datadoghq.sketch.ddsketch.store.CollapsingLowestDenseStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * The request-latency sketches: DDSketch with 1% relative accuracy, travelling between processors
 * as bytes.
 *
 * <p>The logarithmic mapping is the exact one (not the faster interpolated ones) and is written
 * into every encoding, so a decoded sketch has an equal mapping and merges with any other. The bins
 * are bounded: at 1% accuracy 2048 bins span a factor of about 10^17, so only values far below the
 * smallest latency of interest would ever be collapsed, and those only matter for the lowest
 * quantiles.
 */
public final class LatencySketches {

  public static final double RELATIVE_ACCURACY = 0.01;
  private static final int MAX_BINS = 2048;

  private LatencySketches() {}

  public static DDSketch empty() {
    return new DDSketch(
        new LogarithmicMapping(RELATIVE_ACCURACY), () -> new CollapsingLowestDenseStore(MAX_BINS));
  }

  public static ByteBuffer encode(DDSketch sketch) {
    GrowingByteArrayOutput output = GrowingByteArrayOutput.withDefaultInitialCapacity();
    try {
      sketch.encode(output, false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode a latency sketch", e);
    }
    return ByteBuffer.wrap(output.trimmedCopy());
  }

  public static DDSketch decode(ByteBuffer encoded) {
    ByteBuffer bytes = encoded.duplicate();
    byte[] copy = new byte[bytes.remaining()];
    bytes.get(copy);
    try {
      return DDSketch.decode(
          ByteArrayInput.wrap(copy), () -> new CollapsingLowestDenseStore(MAX_BINS));
    } catch (IOException e) {
      throw new IllegalStateException(
          "a latency sketch does not decode (" + copy.length + " bytes): " + e, e);
    }
  }

  /** The encoding of both sketches merged into one. */
  public static ByteBuffer merge(ByteBuffer first, ByteBuffer second) {
    DDSketch merged = decode(first);
    merged.mergeWith(decode(second));
    return encode(merged);
  }
}
