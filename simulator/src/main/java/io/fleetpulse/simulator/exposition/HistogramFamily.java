package io.fleetpulse.simulator.exposition;

/**
 * A histogram family with fixed bucket bounds, followed by its {@code name_created} gauge family.
 */
public final class HistogramFamily extends SeriesFamily<Histogram> {

  private final double[] upperBounds;

  /**
   * @param upperBounds finite, strictly increasing bucket bounds; {@code +Inf} is added
   */
  public HistogramFamily(
      String name, String help, double[] upperBounds, double createdEpochSeconds) {
    super(
        name,
        header(name, help, "histogram"),
        header(name + "_created", help, "gauge"),
        createdEpochSeconds);
    for (int i = 0; i < upperBounds.length; i++) {
      if (!Double.isFinite(upperBounds[i]) || (i > 0 && upperBounds[i] <= upperBounds[i - 1])) {
        throw new IllegalArgumentException(
            "histogram '"
                + name
                + "': bucket bounds must be finite and strictly"
                + " increasing, bound "
                + i
                + " is "
                + upperBounds[i]);
      }
    }
    this.upperBounds = upperBounds.clone();
  }

  public Histogram add(LabelSet labels) {
    return keep(new Histogram(name(), labels, upperBounds, createdEpochSeconds()));
  }
}
