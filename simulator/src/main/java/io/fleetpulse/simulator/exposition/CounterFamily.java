package io.fleetpulse.simulator.exposition;

import java.util.ArrayList;
import java.util.List;

/**
 * A counter family as prometheus_client prints it: {@code name_total}, optionally followed by a
 * {@code name_created} gauge family holding each series' creation time.
 */
public final class CounterFamily extends MetricFamily {

    private final String totalHeader;
    private final String createdHeader;
    private final List<Counter> series = new ArrayList<>();
    private double createdEpochSeconds;

    private CounterFamily(String name, String help, boolean exposeCreated, double createdEpochSeconds) {
        super(name);
        if (name.endsWith("_total")) {
            throw new IllegalArgumentException("counter '" + name + "' must be named without _total; it is appended");
        }
        this.totalHeader = header(name + "_total", help, "counter");
        this.createdHeader = exposeCreated ? header(name + "_created", help, "gauge") : null;
        this.createdEpochSeconds = createdEpochSeconds;
    }

    /** @param name the declared name, without {@code _total} */
    public static CounterFamily withCreated(String name, String help, double createdEpochSeconds) {
        return new CounterFamily(name, help, true, createdEpochSeconds);
    }

    /** For collectors that prometheus_client renders without {@code _created} (gc, process). */
    public static CounterFamily withoutCreated(String name, String help) {
        return new CounterFamily(name, help, false, 0);
    }

    public Counter add(LabelSet labels) {
        String rendered = labels.render();
        Counter counter = new Counter(name() + "_total" + rendered + " ", name() + "_created" + rendered + " ",
                createdEpochSeconds);
        series.add(counter);
        return counter;
    }

    @Override
    void render(StringBuilder out) {
        out.append(totalHeader);
        for (Counter counter : series) {
            counter.renderValue(out);
        }
        if (createdHeader != null) {
            out.append(createdHeader);
            for (Counter counter : series) {
                counter.renderCreated(out);
            }
        }
    }

    @Override
    void restart(double newCreatedEpochSeconds) {
        createdEpochSeconds = newCreatedEpochSeconds;
        for (Counter counter : series) {
            counter.restart(newCreatedEpochSeconds);
        }
    }
}
