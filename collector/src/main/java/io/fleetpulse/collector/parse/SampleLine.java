package io.fleetpulse.collector.parse;

/** The sample on the line being parsed; one instance per parse is reused from line to line. */
final class SampleLine {

  final LabelBuffer labels = new LabelBuffer();
  String name;
  double value;

  /** Milliseconds, or null when the line has no timestamp. */
  Long timestamp;

  /**
   * OpenMetrics: the timestamp in seconds as written, for its ordering rules; NaN when the line has
   * none.
   */
  double exactTimestamp;

  /**
   * OpenMetrics: whether the timestamp, a number the format accepts, lies beyond what milliseconds
   * since the epoch hold in 64 bits (the year 292 million); no record can carry it.
   */
  boolean timestampBeyondMilliseconds;

  /** Whether an OpenMetrics exemplar followed the value; the exemplar itself is not kept. */
  boolean exemplar;

  void reset(String sampleName) {
    name = sampleName;
    labels.clear();
    timestamp = null;
    exactTimestamp = Double.NaN;
    timestampBeyondMilliseconds = false;
    exemplar = false;
  }
}
