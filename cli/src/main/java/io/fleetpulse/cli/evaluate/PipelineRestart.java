package io.fleetpulse.cli.evaluate;

import io.fleetpulse.schemas.PrometheusDuration;
import java.time.Duration;

/**
 * A restart of the pipeline during an evaluated run, {@code at} into the scenario: the streams app
 * is stopped once it has caught up to that instant and started again on its state, and the
 * collector, down with it, takes no scrape and accepts no request event for {@code downtime}. What
 * an operator's upgrade or a crash-and-restart does; on a healthy fleet it must raise no signal.
 */
public record PipelineRestart(Duration at, Duration downtime) {

  public PipelineRestart {
    if (at == null || at.isNegative() || at.isZero()) {
      throw new IllegalArgumentException("the restart must come after the start, got " + text(at));
    }
    if (downtime == null || downtime.isNegative()) {
      throw new IllegalArgumentException(
          "the downtime must not be negative, got " + text(downtime));
    }
  }

  private static String text(Duration duration) {
    return duration == null ? "none" : PrometheusDuration.format(duration);
  }
}
