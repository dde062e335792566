package io.fleetpulse.collector;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.fleetpulse.collector.publish.RecordTooLargeException;
import io.fleetpulse.collector.publish.ScrapePublisher;
import io.fleetpulse.schemas.Scrape;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Keeps every published scrape for the test to inspect. */
final class RecordingPublisher implements ScrapePublisher {

  private final LinkedBlockingQueue<Scrape> unread = new LinkedBlockingQueue<>();
  private final List<Scrape> all = new CopyOnWriteArrayList<>();
  private final boolean refusesUp;
  private volatile boolean closed;

  RecordingPublisher() {
    this(false);
  }

  private RecordingPublisher(boolean refusesUp) {
    this.refusesUp = refusesUp;
  }

  /**
   * Refuses every up scrape as too large, as a delivery would one whose record is over its limit.
   */
  static RecordingPublisher refusingUpScrapes() {
    return new RecordingPublisher(true);
  }

  @Override
  public void publish(Scrape scrape) throws RecordTooLargeException {
    if (refusesUp && scrape.getUp()) {
      throw new RecordTooLargeException("test.scrapes.v1", 2_000_000, 1_024_000);
    }
    all.add(scrape);
    unread.add(scrape);
  }

  @Override
  public void close() {
    closed = true;
  }

  /** The next scrape published, waiting for it up to {@code patience}. */
  Scrape next(Duration patience) throws InterruptedException {
    Scrape scrape = unread.poll(patience.toMillis(), TimeUnit.MILLISECONDS);
    assertNotNull(scrape, "no scrape published within " + patience);
    return scrape;
  }

  List<Scrape> all() {
    return all;
  }

  boolean closed() {
    return closed;
  }
}
