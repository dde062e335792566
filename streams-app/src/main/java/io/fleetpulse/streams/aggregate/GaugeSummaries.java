package io.fleetpulse.streams.aggregate;

import com.datadoghq.sketch.ddsketch.DDSketch;
import io.fleetpulse.streams.events.LatencySketches;
import io.fleetpulse.streams.state.GaugeSummary;

/**
 * One gauge across nodes as mergeable statistics (sum, count, max and a DDSketch for percentiles),
 * so that no aggregate keeps a value per node. The sketch is the request-latency one: 1% relative
 * accuracy.
 */
final class GaugeSummaries {

  private GaugeSummaries() {}

  static GaugeSummary of(double value) {
    DDSketch sketch = LatencySketches.empty();
    sketch.accept(value);
    return new GaugeSummary(value, 1L, value, LatencySketches.encode(sketch));
  }

  static GaugeSummary merge(GaugeSummary first, GaugeSummary second) {
    return new GaugeSummary(
        first.getSum() + second.getSum(),
        first.getCount() + second.getCount(),
        Math.max(first.getMax(), second.getMax()),
        LatencySketches.merge(first.getSketch(), second.getSketch()));
  }

  static Double mean(GaugeSummary summary) {
    return summary == null || summary.getCount() == 0
        ? null
        : summary.getSum() / summary.getCount();
  }

  /**
   * The q-quantile across nodes as PromQL's {@code quantile()} computes it (rank q*(n-1) in the
   * sorted values, linear interpolation between the two closest ranks), each ranked value read from
   * the sketch, so within its 1% relative accuracy.
   */
  static Double quantile(GaugeSummary summary, double q) {
    if (summary == null || summary.getCount() == 0) {
      return null;
    }
    DDSketch sketch = LatencySketches.decode(summary.getSketch());
    long n = summary.getCount();
    double rank = q * (n - 1);
    long lower = (long) Math.floor(rank);
    long upper = Math.min(n - 1, lower + 1);
    double weight = rank - lower;
    return ranked(sketch, lower, n) * (1 - weight) + ranked(sketch, upper, n) * weight;
  }

  /**
   * The k-th smallest of n values (from 0): the sketch's value at a rank half-way into that value's
   * place.
   */
  private static double ranked(DDSketch sketch, long k, long n) {
    return n == 1
        ? sketch.getValueAtQuantile(0)
        : sketch.getValueAtQuantile(Math.min(1.0, (k + 0.5) / (n - 1)));
  }
}
