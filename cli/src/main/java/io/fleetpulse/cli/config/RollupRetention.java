package io.fleetpulse.cli.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * How long each rollup tier's topic keeps its windows (kafka.rollup_retention). The coarser the
 * tier, the smaller it is and the longer it is worth keeping: a day is one record per scope.
 *
 * @param oneMinute the 1 m tier, default 30 days
 * @param oneHour the 1 h tier, default 2 years
 * @param oneDay the 1 d tier, default forever
 */
public record RollupRetention(
    @JsonProperty("1m") Retention oneMinute,
    @JsonProperty("1h") Retention oneHour,
    @JsonProperty("1d") Retention oneDay) {

  public RollupRetention {
    oneMinute = oneMinute == null ? Retention.of(Duration.ofDays(30)) : oneMinute;
    oneHour = oneHour == null ? Retention.of(Duration.ofDays(2 * 365)) : oneHour;
    oneDay = oneDay == null ? Retention.forever() : oneDay;
  }

  public static RollupRetention defaults() {
    return new RollupRetention(null, null, null);
  }

  /** The retention of tier {@code tier}, one of {@code Topics.ROLLUP_TIERS}. */
  public Retention of(String tier) {
    return switch (tier) {
      case "1m" -> oneMinute;
      case "1h" -> oneHour;
      case "1d" -> oneDay;
      default -> throw new IllegalArgumentException("unknown rollup tier '" + tier + "'");
    };
  }
}
