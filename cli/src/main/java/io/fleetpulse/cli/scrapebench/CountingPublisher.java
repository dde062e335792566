package io.fleetpulse.cli.scrapebench;

import io.fleetpulse.collector.publish.ScrapePublisher;
import io.fleetpulse.schemas.Scrape;
import java.util.concurrent.atomic.LongAdder;

/**
 * Takes the place of Kafka in the scrape benchmark: it only counts the scrapes, up and down, in the
 * whole run and in a measured window. A scrape belongs to the window its start time falls in, so a
 * backlog from the warm-up that completes later does not inflate the measured rate.
 */
public final class CountingPublisher implements ScrapePublisher {

  private final long windowStartMillis;
  private final long windowEndMillis;
  private final LongAdder up = new LongAdder();
  private final LongAdder down = new LongAdder();
  private final LongAdder upInWindow = new LongAdder();
  private final LongAdder downInWindow = new LongAdder();

  /**
   * @param windowStartMillis first epoch millisecond of the measured window; {@code
   *     windowEndMillis} is after it
   */
  public CountingPublisher(long windowStartMillis, long windowEndMillis) {
    this.windowStartMillis = windowStartMillis;
    this.windowEndMillis = windowEndMillis;
  }

  @Override
  public void publish(Scrape scrape) {
    (scrape.getUp() ? up : down).increment();
    long started = scrape.getTimestampMs().toEpochMilli();
    if (started >= windowStartMillis && started < windowEndMillis) {
      (scrape.getUp() ? upInWindow : downInWindow).increment();
    }
  }

  @Override
  public void close() {
    // Nothing is buffered.
  }

  public long failed() {
    return down.sum();
  }

  /** Scrapes started in the window, up or down. */
  public long inWindow() {
    return upInWindow.sum() + downInWindow.sum();
  }

  public long failedInWindow() {
    return downInWindow.sum();
  }
}
