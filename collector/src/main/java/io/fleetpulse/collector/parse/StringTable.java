package io.fleetpulse.collector.parse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Interns byte ranges as Strings for one parse. Metric names, label names and most label values
 * repeat on line after line; decoding each distinct one once saves most of the parse's garbage,
 * and equal names become the same String, so map lookups on them are cheap.
 */
final class StringTable {

  private byte[][] keys = new byte[256][];
  private String[] values = new String[256];
  private int size;

  String intern(byte[] bytes, int from, int to) {
    int hash = hash(bytes, from, to);
    int mask = keys.length - 1;
    for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
      byte[] key = keys[slot];
      if (key == null) {
        String value = new String(bytes, from, to - from, StandardCharsets.UTF_8);
        keys[slot] = Arrays.copyOfRange(bytes, from, to);
        values[slot] = value;
        if (++size * 2 > keys.length) {
          grow();
        }
        return value;
      }
      if (Arrays.equals(key, 0, key.length, bytes, from, to)) {
        return values[slot];
      }
    }
  }

  private void grow() {
    byte[][] oldKeys = keys;
    String[] oldValues = values;
    keys = new byte[oldKeys.length * 2][];
    values = new String[oldKeys.length * 2];
    int mask = keys.length - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      byte[] key = oldKeys[i];
      if (key != null) {
        int slot = hash(key, 0, key.length) & mask;
        while (keys[slot] != null) {
          slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        values[slot] = oldValues[i];
      }
    }
  }

  private static int hash(byte[] bytes, int from, int to) {
    int hash = 0;
    for (int i = from; i < to; i++) {
      hash = 31 * hash + bytes[i];
    }
    // Spread the high bits down: the table is indexed by the low bits only.
    return hash ^ (hash >>> 16);
  }
}
