package io.fleetpulse.collector.parse;

import io.fleetpulse.schemas.MetricType;

/**
 * The values OpenMetrics allows for each type's samples (histograms check theirs in {@link
 * HistogramSeries}): a counter's total and a summary's sum and count are never NaN or negative,
 * counts are integers, quantiles lie in [0, 1], an info sample is 1, a state is 0 or 1.
 */
final class OpenMetricsRules {

  private static final String QUANTILE = "quantile";

  private OpenMetricsRules() {}

  static void checkValue(
      MetricType type, SampleRole role, String family, SampleLine sample, TextCursor in)
      throws ExpositionParseException {
    double value = sample.value;
    switch (type) {
      case COUNTER -> {
        if (role == SampleRole.VALUE && (Double.isNaN(value) || value < 0)) {
          throw invalid(sample, "a counter total must be a number and not negative", in);
        }
      }
      case INFO -> {
        if (value != 1) {
          throw invalid(sample, "an info sample is always 1", in);
        }
      }
      case STATESET -> {
        if (sample.labels.indexOf(family) == LabelBuffer.ABSENT) {
          throw in.error(
              "sample "
                  + sample.name
                  + " of stateset "
                  + family
                  + " has no "
                  + family
                  + " label naming its state");
        }
        if (value != 0 && value != 1) {
          throw invalid(sample, "a state is 0 or 1", in);
        }
      }
      case SUMMARY -> checkSummary(role, sample, in);
      default -> {
        // Gauges and unknown samples may hold any value.
      }
    }
  }

  private static void checkSummary(SampleRole role, SampleLine sample, TextCursor in)
      throws ExpositionParseException {
    LabelBuffer labels = sample.labels;
    int quantile = labels.indexOf(QUANTILE);
    if (role != SampleRole.VALUE) {
      if (quantile != LabelBuffer.ABSENT) {
        throw in.error(
            "sample "
                + sample.name
                + " has a quantile label; only the quantile samples of a summary have one");
      }
      if (Double.isNaN(sample.value)
          || sample.value < 0
          || (role == SampleRole.COUNT && sample.value != Math.rint(sample.value))) {
        throw invalid(
            sample,
            role == SampleRole.COUNT
                ? "a summary count must be a non-negative integer"
                : "a summary sum must be a number and not negative",
            in);
      }
      return;
    }
    double q = in.parseLabelNumber(labels, quantile, sample.name);
    if (!(q >= 0 && q <= 1)) {
      throw in.error(
          "sample "
              + sample.name
              + " has quantile \""
              + labels.value(quantile)
              + "\"; quantiles lie in [0, 1]");
    }
    if (sample.value < 0) {
      throw invalid(sample, "a quantile's value must not be negative", in);
    }
  }

  private static ExpositionParseException invalid(SampleLine sample, String rule, TextCursor in) {
    return in.error("sample " + sample.name + " has value " + sample.value + "; " + rule);
  }
}
