package io.fleetpulse.collector.scrape;

import io.fleetpulse.schemas.Histogram;
import io.fleetpulse.schemas.MetricFamily;
import io.fleetpulse.schemas.Sample;
import java.util.List;

/**
 * A job's per-scrape limits, as Prometheus applies them: a scrape over any of them fails whole
 * (up=false) rather than being cut. Samples and labels are counted after the family filter, the way
 * Prometheus counts after {@code metric_relabel_configs}, and per series as Prometheus stores them:
 * every bucket, {@code _sum} and {@code _count} of a histogram is a sample, and a series' labels
 * include {@code __name__}, {@code le} and the target's labels. 0 means no limit.
 */
public record ScrapeLimits(long bodySizeLimit, int sampleLimit, int labelLimit) {

  /** Throws a {@link ScrapeFailure} naming the limit when the scrape exceeds one. */
  void check(List<MetricFamily> families, int targetLabels) {
    if (sampleLimit > 0) {
      long samples = sampleCount(families);
      if (samples > sampleLimit) {
        throw new ScrapeFailure(
            FailureCategory.LIMIT,
            "sample_limit exceeded (samples: " + samples + ", limit: " + sampleLimit + ")");
      }
    }
    if (labelLimit > 0) {
      checkLabels(families, targetLabels);
    }
  }

  /** The reason a body over {@link #bodySizeLimit} fails with. */
  ScrapeFailure bodyTooLarge() {
    return new ScrapeFailure(
        FailureCategory.LIMIT, "body_size_limit exceeded (more than " + bodySizeLimit + " bytes)");
  }

  public static long sampleCount(List<MetricFamily> families) {
    long count = 0;
    for (MetricFamily family : families) {
      count += family.getSamples().size();
      for (Histogram histogram : family.getHistograms()) {
        // Every finite bucket, +Inf, _sum and _count.
        count += histogram.getBounds().size() + 3;
      }
    }
    return count;
  }

  private void checkLabels(List<MetricFamily> families, int targetLabels) {
    for (MetricFamily family : families) {
      for (Sample sample : family.getSamples()) {
        requireWithinLabelLimit(sample.getName(), sample.getLabels().size() + 1 + targetLabels);
      }
      for (Histogram histogram : family.getHistograms()) {
        requireWithinLabelLimit(
            family.getName() + "_bucket", histogram.getLabels().size() + 2 + targetLabels);
      }
    }
  }

  private void requireWithinLabelLimit(String series, int labels) {
    if (labels > labelLimit) {
      throw new ScrapeFailure(
          FailureCategory.LIMIT,
          "label_limit exceeded (metric: "
              + series
              + ", number of labels: "
              + labels
              + ", limit: "
              + labelLimit
              + ")");
    }
  }
}
