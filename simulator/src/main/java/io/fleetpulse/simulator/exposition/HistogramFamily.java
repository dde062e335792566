package io.fleetpulse.simulator.exposition;

import java.util.ArrayList;
import java.util.List;

/** A histogram family with fixed bucket bounds, followed by its {@code name_created} gauge family. */
public final class HistogramFamily extends MetricFamily {

    private final String header;
    private final String createdHeader;
    private final double[] upperBounds;
    private final List<Histogram> series = new ArrayList<>();
    private double createdEpochSeconds;

    /** @param upperBounds finite, strictly increasing bucket bounds; {@code +Inf} is added */
    public HistogramFamily(String name, String help, double[] upperBounds, double createdEpochSeconds) {
        super(name);
        for (int i = 0; i < upperBounds.length; i++) {
            if (!Double.isFinite(upperBounds[i]) || (i > 0 && upperBounds[i] <= upperBounds[i - 1])) {
                throw new IllegalArgumentException("histogram '" + name + "': bucket bounds must be finite and strictly"
                        + " increasing, bound " + i + " is " + upperBounds[i]);
            }
        }
        this.header = header(name, help, "histogram");
        this.createdHeader = header(name + "_created", help, "gauge");
        this.upperBounds = upperBounds.clone();
        this.createdEpochSeconds = createdEpochSeconds;
    }

    public Histogram add(LabelSet labels) {
        Histogram histogram = new Histogram(name(), labels, upperBounds, createdEpochSeconds);
        series.add(histogram);
        return histogram;
    }

    @Override
    void render(StringBuilder out) {
        out.append(header);
        for (Histogram histogram : series) {
            histogram.renderSamples(out);
        }
        out.append(createdHeader);
        for (Histogram histogram : series) {
            histogram.renderCreated(out);
        }
    }

    @Override
    void restart(double newCreatedEpochSeconds) {
        createdEpochSeconds = newCreatedEpochSeconds;
        for (Histogram histogram : series) {
            histogram.restart(newCreatedEpochSeconds);
        }
    }
}
