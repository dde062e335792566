package io.fleetpulse.schemas.contract;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The groupings every aggregate exists for, and the labels each implies. The streams app keys its
 * aggregates with {@link #key} and the sink names its series with {@link #labelNames}, so both
 * agree on what makes two windows the same series: the node scope is a node serving one model,
 * because a series whose {@code model} label changed is a new series in Prometheus too.
 */
public enum Scope {
  FLEET("fleet", false, false, false),
  CLUSTER("cluster", true, false, false),
  MODEL("model", false, true, false),
  CLUSTER_MODEL("cluster_model", true, true, false),
  NODE("node", true, true, true);

  public static final String CLUSTER_LABEL = "cluster";
  public static final String MODEL_LABEL = "model";
  public static final String NODE_LABEL = "node";

  private final String label;
  private final boolean byCluster;
  private final boolean byModel;
  private final boolean byNode;
  private final List<String> labelNames;

  Scope(String label, boolean byCluster, boolean byModel, boolean byNode) {
    this.label = label;
    this.byCluster = byCluster;
    this.byModel = byModel;
    this.byNode = byNode;
    List<String> names = new ArrayList<>(3);
    if (byCluster) {
      names.add(CLUSTER_LABEL);
    }
    if (byModel) {
      names.add(MODEL_LABEL);
    }
    if (byNode) {
      names.add(NODE_LABEL);
    }
    this.labelNames = List.copyOf(names);
  }

  /** The value of the exported {@code scope} label and of the records' {@code scope} field. */
  public String label() {
    return label;
  }

  public boolean byCluster() {
    return byCluster;
  }

  public boolean byModel() {
    return byModel;
  }

  public boolean byNode() {
    return byNode;
  }

  /** The labels this scope implies, in the order {@link #labelValues} returns their values. */
  public List<String> labelNames() {
    return labelNames;
  }

  /**
   * The values of {@link #labelNames()} out of a record's cluster, model and node; throws when one
   * this scope implies is missing, so that no series is exported with an empty identity.
   */
  public List<String> labelValues(String cluster, String model, String node) {
    List<String> values = new ArrayList<>(labelNames.size());
    addImplied(values, byCluster, CLUSTER_LABEL, cluster);
    addImplied(values, byModel, MODEL_LABEL, model);
    addImplied(values, byNode, NODE_LABEL, node);
    return values;
  }

  private void addImplied(List<String> values, boolean implied, String name, String value) {
    if (!implied) {
      return;
    }
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(label + "-scope record has no " + name);
    }
    values.add(value);
  }

  /**
   * The aggregate's key, e.g. {@code fleet}, {@code cluster/us-east}, {@code
   * cluster_model/us-east/llama-8b}: the scope's label and the values it implies, in {@link
   * #labelNames()} order. Values a scope does not imply are ignored.
   */
  public String key(String cluster, String model, String node) {
    StringBuilder key = new StringBuilder(label);
    for (String value : labelValues(cluster, model, node)) {
      key.append('/').append(value);
    }
    return key.toString();
  }

  public static Scope fromLabel(String label) {
    for (Scope scope : values()) {
      if (scope.label.equals(label)) {
        return scope;
      }
    }
    throw new IllegalArgumentException(
        "unknown scope '"
            + label
            + "' (expected one of "
            + Arrays.stream(values()).map(Scope::label).collect(Collectors.joining(", "))
            + ")");
  }
}
