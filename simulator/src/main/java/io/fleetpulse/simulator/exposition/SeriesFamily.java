package io.fleetpulse.simulator.exposition;

import java.util.ArrayList;
import java.util.List;

/**
 * The rendering every prometheus_client family shares: its header and each series' samples, then,
 * when the family exposes creation times, the {@code name_created} gauge family with one line per
 * series.
 */
abstract class SeriesFamily<S extends Series> extends MetricFamily {

  private final String header;
  private final String createdHeader;
  private final List<S> series = new ArrayList<>();
  private double createdEpochSeconds;

  /**
   * @param createdHeader null when the family has no {@code _created} lines
   */
  SeriesFamily(String name, String header, String createdHeader, double createdEpochSeconds) {
    super(name);
    this.header = header;
    this.createdHeader = createdHeader;
    this.createdEpochSeconds = createdEpochSeconds;
  }

  final double createdEpochSeconds() {
    return createdEpochSeconds;
  }

  final S keep(S added) {
    series.add(added);
    return added;
  }

  @Override
  final void render(StringBuilder out) {
    out.append(header);
    for (S each : series) {
      each.renderSamples(out);
    }
    if (createdHeader != null) {
      out.append(createdHeader);
      for (S each : series) {
        each.renderCreated(out);
      }
    }
  }

  @Override
  final void restart(double newCreatedEpochSeconds) {
    createdEpochSeconds = newCreatedEpochSeconds;
    for (S each : series) {
      each.restart(newCreatedEpochSeconds);
    }
  }
}
