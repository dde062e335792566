package io.fleetpulse.collector.parse;

import java.util.Arrays;

/**
 * The tokens of the line before, by their place on the line: the metric name, then each label's
 * name and value. Consecutive lines mostly repeat them (a histogram's bucket lines differ only in
 * {@code le} and the value), so a token is first compared with the one in the same place on the
 * line before: equal bytes are the same String, found with neither a scan for the token's end nor a
 * hash. Only tokens taken verbatim from the body are remembered.
 */
final class PreviousLine {

  static final int NAME = 0;
  private static final int PLACES = 32;

  private final int[] starts = new int[PLACES];
  private final int[] lengths = new int[PLACES];
  private final String[] strings = new String[PLACES];

  PreviousLine() {
    Arrays.fill(lengths, -1);
  }

  /** The place of the name of the label at {@code index}; its value's place is one more. */
  static int labelPlace(int index) {
    return 1 + 2 * index;
  }

  /**
   * The length of the token remembered at {@code place} if the body repeats it at {@code start},
   * else -1.
   */
  int repeatLength(byte[] body, int start, int limit, int place) {
    if (place >= PLACES) {
      return -1;
    }
    int length = lengths[place];
    if (length < 0 || start + length > limit) {
      return -1;
    }
    int previous = starts[place];
    return Arrays.equals(body, previous, previous + length, body, start, start + length)
        ? length
        : -1;
  }

  String string(int place) {
    return strings[place];
  }

  void remember(int place, int start, int length, String string) {
    if (place < PLACES) {
      starts[place] = start;
      lengths[place] = length;
      strings[place] = string;
    }
  }

  void forget(int place) {
    if (place < PLACES) {
      lengths[place] = -1;
    }
  }
}
