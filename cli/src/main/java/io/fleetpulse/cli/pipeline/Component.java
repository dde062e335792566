package io.fleetpulse.cli.pipeline;

import java.util.EnumSet;
import java.util.Set;

/** The deployable parts of FleetPulse that one process may run. */
public enum Component {
  COLLECTOR,
  STREAMS,
  SINK;

  public static Set<Component> all() {
    return EnumSet.allOf(Component.class);
  }
}
