package io.fleetpulse.collector.parse;

/** What a sample line is to the family its name belongs to. */
enum SampleRole {
  /** A counter, gauge, untyped, info or stateset value, or a summary quantile. */
  VALUE,
  /** {@code X_bucket} of histogram or gauge histogram X. */
  BUCKET,
  /** {@code X_sum} of histogram or summary X, {@code X_gsum} of gauge histogram X. */
  SUM,
  /** {@code X_count} of histogram or summary X, {@code X_gcount} of gauge histogram X. */
  COUNT,
  /** {@code X_created}: a creation timestamp, not kept. */
  CREATED,
  /** The bare name of a family whose samples all carry a suffix, such as a histogram. */
  SUFFIX_REQUIRED
}
