package io.fleetpulse.collector.parse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Interns byte ranges of one body as Strings for one parse. Metric names, label names and most
 * label values repeat on line after line; decoding each distinct one once saves most of the parse's
 * garbage, and equal names become the same String, so map lookups on them are cheap. Keys point
 * into the body rather than copying it (only unescaped text from a scratch buffer is copied), and
 * are hashed eight bytes at a time.
 */
final class StringTable {

  private static final int MIN_CAPACITY = 64;
  private static final int MAX_INITIAL_CAPACITY = 1 << 14;

  private final byte[] body;
  private byte[][] arrays;
  private int[] starts;
  private int[] lengths;
  private String[] values;
  private int size;

  /**
   * Sized for {@code body}: engine bodies hold a distinct string per 75 to 250 bytes, and the table
   * stays half empty.
   */
  StringTable(byte[] body) {
    this.body = body;
    int capacity =
        Integer.highestOneBit(
            Math.min(MAX_INITIAL_CAPACITY, Math.max(MIN_CAPACITY, body.length / 32)));
    arrays = new byte[capacity][];
    starts = new int[capacity];
    lengths = new int[capacity];
    values = new String[capacity];
  }

  /**
   * The String of {@code bytes[from, to)}, or null when they are not well-formed UTF-8. {@code
   * bytes} is the body or a scratch buffer that will be overwritten.
   */
  String intern(byte[] bytes, int from, int to) {
    int length = to - from;
    int mask = values.length - 1;
    for (int slot = hash(bytes, from, to) & mask; ; slot = (slot + 1) & mask) {
      byte[] array = arrays[slot];
      if (array == null) {
        return add(slot, bytes, from, to);
      }
      int start = starts[slot];
      if (lengths[slot] == length && Arrays.equals(array, start, start + length, bytes, from, to)) {
        return values[slot];
      }
    }
  }

  private String add(int slot, byte[] bytes, int from, int to) {
    if (!Utf8.isValid(bytes, from, to)) {
      return null;
    }
    String value = new String(bytes, from, to - from, StandardCharsets.UTF_8);
    if (bytes == body) {
      arrays[slot] = body;
      starts[slot] = from;
    } else {
      arrays[slot] = Arrays.copyOfRange(bytes, from, to);
      starts[slot] = 0;
    }
    lengths[slot] = to - from;
    values[slot] = value;
    if (++size * 2 > values.length) {
      grow();
    }
    return value;
  }

  private void grow() {
    byte[][] oldArrays = arrays;
    int[] oldStarts = starts;
    int[] oldLengths = lengths;
    String[] oldValues = values;
    int capacity = oldValues.length * 2;
    arrays = new byte[capacity][];
    starts = new int[capacity];
    lengths = new int[capacity];
    values = new String[capacity];
    int mask = capacity - 1;
    for (int i = 0; i < oldValues.length; i++) {
      byte[] array = oldArrays[i];
      if (array != null) {
        int slot = hash(array, oldStarts[i], oldStarts[i] + oldLengths[i]) & mask;
        while (arrays[slot] != null) {
          slot = (slot + 1) & mask;
        }
        arrays[slot] = array;
        starts[slot] = oldStarts[i];
        lengths[slot] = oldLengths[i];
        values[slot] = oldValues[i];
      }
    }
  }

  /**
   * Mixes whole words, then the tail bytes; the low bits index the table, so the high ones are
   * folded in.
   */
  private static int hash(byte[] bytes, int from, int to) {
    long hash = to - from;
    int pos = from;
    for (; pos + Long.BYTES <= to; pos += Long.BYTES) {
      hash = (hash ^ ByteScan.word(bytes, pos)) * 0x9E3779B97F4A7C15L;
    }
    for (; pos < to; pos++) {
      hash = (hash ^ bytes[pos]) * 0x9E3779B97F4A7C15L;
    }
    return (int) (hash ^ (hash >>> 29) ^ (hash >>> 47));
  }
}
