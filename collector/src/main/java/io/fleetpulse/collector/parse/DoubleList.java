package io.fleetpulse.collector.parse;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/**
 * A growable list of doubles kept unboxed, for histogram bounds and counts: the Avro record takes a
 * {@code List<Double>}, and a body can hold thousands of buckets that would each cost a boxed
 * Double (or two) in an ArrayList. Values are boxed only when read.
 */
final class DoubleList extends AbstractList<Double> implements RandomAccess {

  /**
   * Enough for the histograms of most engines (vLLM has up to 23 buckets), so the array rarely
   * grows.
   */
  private static final int DEFAULT_CAPACITY = 32;

  private double[] values;
  private int size;

  /** {@code capacity} 0 means a default. */
  DoubleList(int capacity) {
    values = new double[capacity > 0 ? capacity : DEFAULT_CAPACITY];
  }

  void add(double value) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = value;
  }

  /** Empties the list for reuse. */
  void reset() {
    size = 0;
  }

  @Override
  public Double get(int index) {
    if (index >= size) {
      throw new IndexOutOfBoundsException("index " + index + " of " + size);
    }
    return values[index];
  }

  @Override
  public int size() {
    return size;
  }
}
