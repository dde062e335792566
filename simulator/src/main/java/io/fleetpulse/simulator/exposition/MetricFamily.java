package io.fleetpulse.simulator.exposition;

import java.util.regex.Pattern;

/**
 * One metric family of the text exposition format (version 0.0.4), with its HELP and TYPE lines
 * rendered once up front so a scrape only appends values.
 */
public abstract class MetricFamily {

  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

  private final String name;

  protected MetricFamily(String name) {
    if (name == null || !METRIC_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid metric name '" + name + "'");
    }
    this.name = name;
  }

  public final String name() {
    return name;
  }

  abstract void render(StringBuilder out);

  /**
   * A process restart: counters and histograms start again from zero with a new {@code _created}
   * time. Gauges keep their value; whoever owns them sets the new one.
   */
  void restart(double createdEpochSeconds) {}

  static String header(String exposedName, String help, String type) {
    return "# HELP "
        + exposedName
        + " "
        + help.replace("\\", "\\\\").replace("\n", "\\n")
        + "\n"
        + "# TYPE "
        + exposedName
        + " "
        + type
        + "\n";
  }
}
