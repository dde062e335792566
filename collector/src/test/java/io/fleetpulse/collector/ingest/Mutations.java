package io.fleetpulse.collector.ingest;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

/**
 * Byte-level mutations of a valid input: flips, interesting bytes, insertions, deletions, repeats,
 * digit runs.
 */
final class Mutations {

  private static final byte[] INTERESTING =
      "\"{}[],:\\\n\r\t 0-9eE+.nul~#\u0000\u00ff"
          .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
  private static final int MAX_BYTES = 16 * 1024;

  private Mutations() {}

  static byte[] mutate(byte[] seed, Random random) {
    byte[] input = seed;
    int rounds = 1 + random.nextInt(4);
    for (int round = 0; round < rounds; round++) {
      input = once(input, random);
    }
    return input;
  }

  private static byte[] once(byte[] input, Random random) {
    if (input.length == 0) {
      return new byte[] {INTERESTING[random.nextInt(INTERESTING.length)]};
    }
    int at = random.nextInt(input.length);
    switch (random.nextInt(7)) {
      case 0 -> {
        byte[] flipped = input.clone();
        flipped[at] ^= (byte) (1 << random.nextInt(8));
        return flipped;
      }
      case 1 -> {
        byte[] replaced = input.clone();
        replaced[at] = INTERESTING[random.nextInt(INTERESTING.length)];
        return replaced;
      }
      case 2 -> {
        int length = 1 + random.nextInt(Math.min(16, input.length - at));
        byte[] cut = new byte[input.length - length];
        System.arraycopy(input, 0, cut, 0, at);
        System.arraycopy(input, at + length, cut, at, input.length - at - length);
        return cut;
      }
      case 3 -> {
        int length = 1 + random.nextInt(Math.min(64, input.length - at));
        int copies = 1 + random.nextInt(random.nextInt(100) == 0 ? 300 : 3);
        return insert(input, at, repeat(Arrays.copyOfRange(input, at, at + length), copies));
      }
      case 4 -> {
        byte[] digits = new byte[1 + random.nextInt(random.nextInt(100) == 0 ? 400 : 20)];
        Arrays.fill(digits, (byte) ('0' + random.nextInt(10)));
        return insert(input, at, digits);
      }
      case 5 -> {
        return Arrays.copyOf(input, at);
      }
      default -> {
        return insert(input, at, new byte[] {INTERESTING[random.nextInt(INTERESTING.length)]});
      }
    }
  }

  private static byte[] repeat(byte[] chunk, int copies) {
    byte[] out = new byte[chunk.length * copies];
    for (int i = 0; i < copies; i++) {
      System.arraycopy(chunk, 0, out, i * chunk.length, chunk.length);
    }
    return out;
  }

  private static byte[] insert(byte[] input, int at, byte[] inserted) {
    int length = Math.min(MAX_BYTES, input.length + inserted.length);
    byte[] out = new byte[length];
    System.arraycopy(input, 0, out, 0, Math.min(at, length));
    int tail = Math.min(inserted.length, length - at);
    System.arraycopy(inserted, 0, out, at, tail);
    if (at + tail < length) {
      System.arraycopy(input, at, out, at + tail, length - at - tail);
    }
    return out;
  }

  /** The input for a failure message: its first bytes in hex. */
  static String show(byte[] input) {
    return input.length
        + " bytes, starting "
        + HexFormat.of().formatHex(input, 0, Math.min(input.length, 200));
  }
}
