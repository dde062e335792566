package io.fleetpulse.simulator.exposition;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The families one endpoint serves, rendered in registration order. */
public final class ExpositionRegistry {

  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final List<MetricFamily> families = new ArrayList<>();
  private final Set<String> names = new HashSet<>();

  public <F extends MetricFamily> F register(F family) {
    if (!names.add(family.name())) {
      throw new IllegalArgumentException(
          "metric family '" + family.name() + "' is registered twice");
    }
    families.add(family);
    return family;
  }

  public void render(StringBuilder out) {
    for (MetricFamily family : families) {
      family.render(out);
    }
  }

  /** Zeroes every counter and histogram and stamps them with a new creation time. */
  public void restart(double createdEpochSeconds) {
    for (MetricFamily family : families) {
      family.restart(createdEpochSeconds);
    }
  }
}
