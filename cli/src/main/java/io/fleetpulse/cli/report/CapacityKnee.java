package io.fleetpulse.cli.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The generation throughput per node at which a series' p99 queue time starts to rise, from its 1 m
 * history.
 *
 * <p>The minutes are binned by tokens/s per node into {@value #BINS} equal bins up to the highest
 * load seen; each bin with at least {@value #MIN_PER_BIN} minutes gets the median of their p99
 * queue times, so single bad minutes cannot move it. The baseline is the median p99 queue time of
 * the least loaded quarter of the minutes. The knee is the lower edge of the first bin above that
 * quarter whose median exceeds {@value #FACTOR}× the baseline (and the baseline plus {@value
 * #MIN_RISE_SECONDS} s, so that an idle queue's near-zero baseline does not call noise a knee),
 * with the next populated bin exceeding it too, so that the rise is sustained. A history whose
 * highest load never crosses that line has no knee to find, and says so.
 */
final class CapacityKnee {

  static final int BINS = 20;
  static final int MIN_PER_BIN = 5;
  static final int MIN_MINUTES = 60;
  static final double FACTOR = 2.0;
  static final double MIN_RISE_SECONDS = 0.05;

  /** One minute of one series: load per node and its p99 queue time. */
  record Load(double tokensPerSecondPerNode, double queueP99Seconds) {}

  /** A bin of load and the median p99 queue time of its minutes. */
  record Bin(double lowerEdge, double upperEdge, int minutes, double medianQueueP99) {
    double center() {
      return (lowerEdge + upperEdge) / 2;
    }
  }

  /**
   * @param knee tokens/s per node where queue time starts to rise; null when none was found
   * @param why for a null knee, why not
   */
  record Estimate(
      Double knee, double baselineSeconds, double thresholdSeconds, List<Bin> bins, String why) {}

  private CapacityKnee() {}

  static Estimate estimate(List<Load> loads) {
    if (loads.size() < MIN_MINUTES) {
      return new Estimate(
          null,
          Double.NaN,
          Double.NaN,
          List.of(),
          "not enough data: "
              + loads.size()
              + " minutes with both tokens/s and p99 queue time, fewer than "
              + MIN_MINUTES);
    }
    double[] xs = loads.stream().mapToDouble(Load::tokensPerSecondPerNode).toArray();
    double highest = Percentiles.of(xs, 1.0);
    double lowQuarter = Percentiles.of(xs, 0.25);
    double baseline =
        Percentiles.of(
            loads.stream()
                .filter(l -> l.tokensPerSecondPerNode() <= lowQuarter)
                .mapToDouble(Load::queueP99Seconds)
                .toArray(),
            0.5);
    double threshold = Math.max(FACTOR * baseline, baseline + MIN_RISE_SECONDS);
    List<Bin> bins = bins(loads, highest);
    for (int i = 0; i < bins.size(); i++) {
      Bin bin = bins.get(i);
      boolean sustained = i + 1 == bins.size() || bins.get(i + 1).medianQueueP99() > threshold;
      if (bin.center() > lowQuarter && bin.medianQueueP99() > threshold && sustained) {
        return new Estimate(bin.lowerEdge(), baseline, threshold, bins, null);
      }
    }
    return new Estimate(
        null,
        baseline,
        threshold,
        bins,
        String.format(
            java.util.Locale.ROOT,
            "not enough data: p99 queue time stays under %.3f s up to the highest load seen,"
                + " %.1f tokens/s per node; the knee, if any, is above it",
            threshold,
            highest));
  }

  /** The populated bins, least loaded first. */
  private static List<Bin> bins(List<Load> loads, double highest) {
    double width = highest > 0 ? highest / BINS : 1;
    List<List<Double>> queues = new ArrayList<>();
    for (int i = 0; i < BINS; i++) {
      queues.add(new ArrayList<>());
    }
    for (Load load : loads) {
      int index = (int) Math.min(BINS - 1, Math.floor(load.tokensPerSecondPerNode() / width));
      queues.get(Math.max(0, index)).add(load.queueP99Seconds());
    }
    List<Bin> bins = new ArrayList<>();
    for (int i = 0; i < BINS; i++) {
      List<Double> queue = queues.get(i);
      if (queue.size() >= MIN_PER_BIN) {
        bins.add(
            new Bin(
                i * width,
                (i + 1) * width,
                queue.size(),
                Percentiles.of(queue.stream().mapToDouble(Double::doubleValue).toArray(), 0.5)));
      }
    }
    return bins;
  }
}
