package io.fleetpulse.simulator.exposition;

/** A gauge family; its series are rendered in the order they were added. */
public final class GaugeFamily extends SeriesFamily<Gauge> {

  public GaugeFamily(String name, String help) {
    super(name, header(name, help, "gauge"), null, 0);
  }

  public Gauge add(LabelSet labels) {
    return keep(new Gauge(name() + labels.render() + " "));
  }
}
