package io.fleetpulse.sink.history;

/** A query parameter of {@code /api/v1/windows} that is missing, unknown or malformed. */
public final class BadParameter extends IllegalArgumentException {

  private final String parameter;

  BadParameter(String parameter, String problem) {
    super(parameter + ": " + problem);
    this.parameter = parameter;
  }

  public String parameter() {
    return parameter;
  }
}
