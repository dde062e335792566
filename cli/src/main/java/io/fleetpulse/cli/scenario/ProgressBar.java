package io.fleetpulse.cli.scenario;

import io.fleetpulse.schemas.PrometheusDuration;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * One self-overwriting stderr line: simulated time done of total, records produced, and the rates
 * so far.
 */
public final class ProgressBar implements FeedProgress {

  private static final int WIDTH = 30;
  private static final long REDRAW_NANOS = 250_000_000;

  private final PrintStream out;
  private final long startNanos = System.nanoTime();
  private long lastDrawNanos;

  public ProgressBar(PrintStream out) {
    this.out = out;
  }

  @Override
  public void progressed(Duration simulatedDone, Duration simulatedTotal, long recordsProduced) {
    long now = System.nanoTime();
    boolean finished = simulatedDone.compareTo(simulatedTotal) >= 0;
    if (!finished && now - lastDrawNanos < REDRAW_NANOS) {
      return;
    }
    lastDrawNanos = now;
    double fraction =
        simulatedTotal.isZero() ? 1 : (double) simulatedDone.toMillis() / simulatedTotal.toMillis();
    int filled = (int) Math.round(Math.min(1, fraction) * WIDTH);
    double wallSeconds = Math.max(1e-9, (now - startNanos) / 1e9);
    out.print(
        String.format(
            Locale.ROOT,
            "\r[%s%s] %s/%s  %,d records  %,.0f records/s  %.0fx real time ",
            "#".repeat(filled),
            ".".repeat(WIDTH - filled),
            PrometheusDuration.format(truncated(simulatedDone)),
            PrometheusDuration.format(simulatedTotal),
            recordsProduced,
            recordsProduced / wallSeconds,
            simulatedDone.toMillis() / 1e3 / wallSeconds));
    if (finished) {
      out.println();
    }
    out.flush();
  }

  private static Duration truncated(Duration duration) {
    return Duration.ofSeconds(duration.toSeconds());
  }
}
