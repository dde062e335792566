package io.fleetpulse.collector.parse;

/** What a sample line is to the family its name belongs to. */
enum SampleRole {
  /** A counter, gauge or untyped value, or a summary quantile. */
  VALUE,
  /** {@code X_bucket} of histogram X. */
  BUCKET,
  /** {@code X_sum} of histogram or summary X. */
  SUM,
  /** {@code X_count} of histogram or summary X. */
  COUNT,
  /** {@code X_created}: a creation timestamp, not kept. */
  CREATED,
  /** The bare name of a histogram, which has no samples of its own. */
  BARE_HISTOGRAM
}
