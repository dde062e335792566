package io.fleetpulse.simulator.exposition;

/** One counter series, with the time it was (re)created. */
public final class Counter implements Series {

  private final String valuePrefix;
  private final String createdPrefix;
  private double value;
  private String createdText;

  Counter(String valuePrefix, String createdPrefix, double createdEpochSeconds) {
    this.valuePrefix = valuePrefix;
    this.createdPrefix = createdPrefix;
    this.createdText = PythonFloatFormat.format(createdEpochSeconds);
  }

  public void inc(double amount) {
    if (!(amount >= 0)) {
      throw new IllegalArgumentException(
          "counter " + valuePrefix.trim() + " can only grow, got increment " + amount);
    }
    value += amount;
  }

  public double value() {
    return value;
  }

  @Override
  public void restart(double createdEpochSeconds) {
    value = 0;
    createdText = PythonFloatFormat.format(createdEpochSeconds);
  }

  @Override
  public void renderSamples(StringBuilder out) {
    out.append(valuePrefix);
    PythonFloatFormat.append(out, value);
    out.append('\n');
  }

  @Override
  public void renderCreated(StringBuilder out) {
    out.append(createdPrefix).append(createdText).append('\n');
  }
}
