package io.fleetpulse.streams.scope;

import java.util.Arrays;

/** The groupings every aggregate exists for; the label is the exported {@code scope} label's value. */
public enum Scope {
  FLEET("fleet", false, false, false),
  CLUSTER("cluster", true, false, false),
  MODEL("model", false, true, false),
  CLUSTER_MODEL("cluster_model", true, true, false),
  NODE("node", true, true, true);

  private final String label;
  private final boolean byCluster;
  private final boolean byModel;
  private final boolean byNode;

  Scope(String label, boolean byCluster, boolean byModel, boolean byNode) {
    this.label = label;
    this.byCluster = byCluster;
    this.byModel = byModel;
    this.byNode = byNode;
  }

  public String label() {
    return label;
  }

  boolean byCluster() {
    return byCluster;
  }

  boolean byModel() {
    return byModel;
  }

  boolean byNode() {
    return byNode;
  }

  public static Scope fromLabel(String label) {
    return Arrays.stream(values())
        .filter(scope -> scope.label.equals(label))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown scope '" + label + "'"));
  }
}
