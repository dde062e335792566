package io.fleetpulse.cli;

import io.fleetpulse.schemas.PrometheusDuration;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;

/** Command-line durations in the same syntax as the config file: 60s, 2m, 1h30m. */
final class DurationConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    return PrometheusDuration.parse(value);
  }
}
