package io.fleetpulse.simulator.exposition;

import java.util.ArrayList;
import java.util.List;

/** A gauge family; its series are rendered in the order they were added. */
public final class GaugeFamily extends MetricFamily {

    private final String header;
    private final List<Gauge> series = new ArrayList<>();

    public GaugeFamily(String name, String help) {
        super(name);
        this.header = header(name, help, "gauge");
    }

    public Gauge add(LabelSet labels) {
        Gauge gauge = new Gauge(name() + labels.render() + " ");
        series.add(gauge);
        return gauge;
    }

    @Override
    void render(StringBuilder out) {
        out.append(header);
        for (Gauge gauge : series) {
            gauge.render(out);
        }
    }
}
