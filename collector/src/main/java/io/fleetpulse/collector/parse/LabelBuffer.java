package io.fleetpulse.collector.parse;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The label set of the line being parsed, reused from line to line so that a map is only built when
 * a sample or a new histogram series is kept, and not even then when the labels are those of the
 * map built last: the samples of a family mostly share one label set, and so share one
 * (unmodifiable) map. Each value also keeps its raw byte range, so a bucket's {@code le} is read as
 * a number without going through a String.
 */
final class LabelBuffer {

  static final int ABSENT = -1;

  private String[] names = new String[8];
  private String[] values = new String[8];
  private int[] rawStarts = new int[8];
  private int[] rawEnds = new int[8];
  private int size;
  private Map<String, String> lastMap;

  void clear() {
    size = 0;
  }

  void add(String name, String value, int rawStart, int rawEnd) {
    if (size == names.length) {
      names = Arrays.copyOf(names, size * 2);
      values = Arrays.copyOf(values, size * 2);
      rawStarts = Arrays.copyOf(rawStarts, size * 2);
      rawEnds = Arrays.copyOf(rawEnds, size * 2);
    }
    names[size] = name;
    values[size] = value;
    rawStarts[size] = rawStart;
    rawEnds[size] = rawEnd;
    size++;
  }

  int indexOf(String name) {
    for (int i = 0; i < size; i++) {
      if (names[i].equals(name)) {
        return i;
      }
    }
    return ABSENT;
  }

  int size() {
    return size;
  }

  String name(int index) {
    return names[index];
  }

  String value(int index) {
    return values[index];
  }

  int rawStart(int index) {
    return rawStarts[index];
  }

  int rawEnd(int index) {
    return rawEnds[index];
  }

  /**
   * The labels as an unmodifiable map, leaving out {@code skip} (or none: ABSENT), in the order of
   * the line that first had them.
   */
  Map<String, String> toMap(int skip) {
    if (lastMap != null && sameAs(lastMap, skip)) {
      return lastMap;
    }
    Map<String, String> map = new LinkedHashMap<>(capacityFor(size));
    for (int i = 0; i < size; i++) {
      if (i != skip) {
        map.put(names[i], values[i]);
      }
    }
    lastMap = Collections.unmodifiableMap(map);
    return lastMap;
  }

  /** Whether these labels, leaving out {@code skip}, are exactly {@code map}. */
  boolean sameAs(Map<String, String> map, int skip) {
    int compared = skip == ABSENT ? size : size - 1;
    if (map.size() != compared) {
      return false;
    }
    for (int i = 0; i < size; i++) {
      if (i != skip && !values[i].equals(map.get(names[i]))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The length of all names and values in code points, what OpenMetrics limits an exemplar's labels
   * by.
   */
  int codePoints() {
    int total = 0;
    for (int i = 0; i < size; i++) {
      total += names[i].length() + values[i].codePointCount(0, values[i].length());
    }
    return total;
  }

  private static int capacityFor(int entries) {
    return Math.max(2, (int) (entries / 0.75f) + 1);
  }
}
