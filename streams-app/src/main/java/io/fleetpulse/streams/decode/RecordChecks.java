package io.fleetpulse.streams.decode;

/** What is wrong with a decoded input value, so that nothing accepted can fail a later stage. */
@FunctionalInterface
public interface RecordChecks<T> {

  /**
   * Names the text fields every keyed record has; longer ones are refused rather than carried into
   * keys.
   */
  int MAX_NAME_LENGTH = 512;

  /**
   * The problem with {@code value}, or null when it can be used; {@code wallClockMs} is the app's
   * clock.
   */
  String problem(T value, long wallClockMs);

  /** Why a name field cannot be used, or null when it can. */
  static String nameProblem(String field, String value) {
    if (value == null || value.isBlank()) {
      return field + " is empty";
    }
    if (value.length() > MAX_NAME_LENGTH) {
      return field + " is " + value.length() + " characters long, over " + MAX_NAME_LENGTH;
    }
    return null;
  }
}
