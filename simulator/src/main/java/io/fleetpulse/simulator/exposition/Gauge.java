package io.fleetpulse.simulator.exposition;

/** One gauge series. */
public final class Gauge implements Series {

  private final String samplePrefix;
  private double value;

  Gauge(String samplePrefix) {
    this.samplePrefix = samplePrefix;
  }

  public void set(double newValue) {
    value = newValue;
  }

  public double value() {
    return value;
  }

  @Override
  public void renderSamples(StringBuilder out) {
    out.append(samplePrefix);
    PythonFloatFormat.append(out, value);
    out.append('\n');
  }
}
