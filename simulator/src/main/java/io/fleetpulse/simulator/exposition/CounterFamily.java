package io.fleetpulse.simulator.exposition;

/**
 * A counter family as prometheus_client prints it: {@code name_total}, optionally followed by a
 * {@code name_created} gauge family holding each series' creation time.
 */
public final class CounterFamily extends SeriesFamily<Counter> {

  private CounterFamily(
      String name, String help, boolean exposeCreated, double createdEpochSeconds) {
    super(
        checked(name),
        header(name + "_total", help, "counter"),
        exposeCreated ? header(name + "_created", help, "gauge") : null,
        createdEpochSeconds);
  }

  private static String checked(String name) {
    if (name != null && name.endsWith("_total")) {
      throw new IllegalArgumentException(
          "counter '" + name + "' must be named without _total; it is appended");
    }
    return name;
  }

  /**
   * @param name the declared name, without {@code _total}
   */
  public static CounterFamily withCreated(String name, String help, double createdEpochSeconds) {
    return new CounterFamily(name, help, true, createdEpochSeconds);
  }

  /** For collectors that prometheus_client renders without {@code _created} (gc, process). */
  public static CounterFamily withoutCreated(String name, String help) {
    return new CounterFamily(name, help, false, 0);
  }

  public Counter add(LabelSet labels) {
    String rendered = labels.render();
    return keep(
        new Counter(
            name() + "_total" + rendered + " ",
            name() + "_created" + rendered + " ",
            createdEpochSeconds()));
  }
}
