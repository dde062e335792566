package io.fleetpulse.cli.config;

/** A config file or override that cannot be used; the message names the source and the place. */
public final class ConfigException extends RuntimeException {

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
