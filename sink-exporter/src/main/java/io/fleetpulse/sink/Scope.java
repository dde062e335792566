package io.fleetpulse.sink;

import io.fleetpulse.schemas.FleetWindow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The aggregation scopes of a {@link FleetWindow} and the labels each one implies. A window carries
 * exactly these labels on /metrics, so fields a scope does not imply never split or rename a series.
 */
public enum Scope {
  FLEET(),
  CLUSTER(ScopeLabel.CLUSTER),
  MODEL(ScopeLabel.MODEL),
  CLUSTER_MODEL(ScopeLabel.CLUSTER, ScopeLabel.MODEL),
  // A node is identified by cluster and instance (the scrape key); its model is left out so that
  // swapping the model a node serves does not start a new node series.
  NODE(ScopeLabel.CLUSTER, ScopeLabel.NODE);

  private final List<ScopeLabel> labels;

  Scope(ScopeLabel... labels) {
    this.labels = List.of(labels);
  }

  /** The name used on the wire and in the {@code scope} label, e.g. {@code cluster_model}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public List<String> labelNames() {
    return labels.stream().map(ScopeLabel::labelName).toList();
  }

  /** The values of {@link #labelNames()} in {@code window}; throws when one is missing. */
  public List<String> labelValues(FleetWindow window) {
    List<String> values = new ArrayList<>(labels.size());
    for (ScopeLabel label : labels) {
      String value = label.field.apply(window);
      if (value == null || value.isEmpty()) {
        throw new IllegalArgumentException(
            label() + "-scope window '" + window.getWindow() + "' has no " + label.labelName());
      }
      values.add(value);
    }
    return values;
  }

  /** The scope of {@code window}; throws for a scope this sink does not know. */
  public static Scope of(FleetWindow window) {
    String wire = window.getScope();
    for (Scope scope : values()) {
      if (scope.label().equals(wire)) {
        return scope;
      }
    }
    throw new IllegalArgumentException(
        "unknown scope '" + wire + "' (expected one of "
            + Arrays.stream(values()).map(Scope::label).collect(Collectors.joining(", ")) + ")");
  }

  private enum ScopeLabel {
    CLUSTER(FleetWindow::getCluster),
    MODEL(FleetWindow::getModel),
    NODE(FleetWindow::getNode);

    private final Function<FleetWindow, String> field;

    ScopeLabel(Function<FleetWindow, String> field) {
      this.field = field;
    }

    String labelName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
