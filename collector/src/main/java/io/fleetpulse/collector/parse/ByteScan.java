package io.fleetpulse.collector.parse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Reads a body eight bytes at a time, for the scans that run over every byte of it. */
final class ByteScan {

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH_BITS = 0x8080808080808080L;
  private static final long NEWLINES = ONES * '\n';

  private ByteScan() {}

  /** The eight bytes at {@code pos}, the first in the lowest bits. */
  static long word(byte[] bytes, int pos) {
    return (long) LONGS.get(bytes, pos);
  }

  /** The index of the first '\n' at or after {@code from}, or {@code bytes.length}. */
  static int indexOfNewline(byte[] bytes, int from) {
    int pos = from;
    for (; pos + Long.BYTES <= bytes.length; pos += Long.BYTES) {
      long x = word(bytes, pos) ^ NEWLINES;
      // Sets the high bit of each zero byte; borrows can only mark bytes after the first zero one.
      long zeros = (x - ONES) & ~x & HIGH_BITS;
      if (zeros != 0) {
        return pos + (Long.numberOfTrailingZeros(zeros) >>> 3);
      }
    }
    while (pos < bytes.length && bytes[pos] != '\n') {
      pos++;
    }
    return pos;
  }
}
