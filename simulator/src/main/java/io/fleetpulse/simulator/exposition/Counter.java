package io.fleetpulse.simulator.exposition;

/** One counter series, with the time it was (re)created. */
public final class Counter {

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
            throw new IllegalArgumentException("counter " + valuePrefix.trim() + " can only grow, got increment " + amount);
        }
        value += amount;
    }

    public double value() {
        return value;
    }

    void restart(double createdEpochSeconds) {
        value = 0;
        createdText = PythonFloatFormat.format(createdEpochSeconds);
    }

    void renderValue(StringBuilder out) {
        out.append(valuePrefix);
        PythonFloatFormat.append(out, value);
        out.append('\n');
    }

    void renderCreated(StringBuilder out) {
        out.append(createdPrefix).append(createdText).append('\n');
    }
}
