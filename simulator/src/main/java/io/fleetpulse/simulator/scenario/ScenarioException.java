package io.fleetpulse.simulator.scenario;

/** A scenario that cannot be read or run; the message names the file, the option and the line. */
public final class ScenarioException extends IllegalArgumentException {

  public ScenarioException(String message, Throwable cause) {
    super(message, cause);
  }
}
