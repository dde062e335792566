package io.fleetpulse.cli.report;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * One self-overwriting line on stderr while the topics are read: the share of the records to read
 * that are read, so stdout (where the report may go) stays the report alone.
 */
final class ReadProgress {

  private static final int WIDTH = 30;
  private static final long REDRAW_NANOS = 250_000_000;

  private final PrintWriter err;
  private final long total;
  private long lastDrawNanos = Long.MIN_VALUE;

  ReadProgress(PrintWriter err, long total) {
    this.err = err;
    this.total = total;
  }

  void read(long done) {
    long now = System.nanoTime();
    if (lastDrawNanos != Long.MIN_VALUE && now - lastDrawNanos < REDRAW_NANOS) {
      return;
    }
    lastDrawNanos = now;
    draw(done);
  }

  void finished(long done) {
    draw(done);
    err.println();
    err.flush();
  }

  private void draw(long done) {
    double fraction = total == 0 ? 1 : Math.min(1, (double) done / total);
    int filled = (int) Math.round(fraction * WIDTH);
    err.print(
        String.format(
            Locale.ROOT,
            "\rreading [%s%s] %3.0f%%  %,d of %,d records ",
            "#".repeat(filled),
            ".".repeat(WIDTH - filled),
            fraction * 100,
            done,
            total));
    err.flush();
  }
}
