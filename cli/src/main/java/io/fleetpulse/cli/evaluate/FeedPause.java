package io.fleetpulse.cli.evaluate;

import io.fleetpulse.cli.scenario.ScenarioOutput;
import io.fleetpulse.schemas.RequestEvent;
import io.fleetpulse.schemas.Scrape;
import io.fleetpulse.schemas.contract.EventTime;

/**
 * A pause in a scenario's feed: at the first record of its instant everything before it is
 * delivered and its action runs (starting the streams app, or a {@link PipelineRestart}), and the
 * records of the downtime after it are dropped, as a collector that is down neither scrapes nor
 * accepts events.
 */
final class FeedPause implements ScenarioOutput {

  private final ScenarioOutput delegate;
  private final long pauseMs;
  private final long resumeMs;
  private final Runnable action;
  private boolean paused;
  private long dropped;

  FeedPause(ScenarioOutput delegate, long pauseMs, long resumeMs, Runnable action) {
    this.delegate = delegate;
    this.pauseMs = pauseMs;
    this.resumeMs = resumeMs;
    this.action = action;
  }

  @Override
  public void scrape(String key, Scrape scrape) {
    if (passes(EventTime.of(scrape))) {
      delegate.scrape(key, scrape);
    }
  }

  @Override
  public void request(String key, RequestEvent event) {
    if (passes(EventTime.of(event))) {
      delegate.request(key, event);
    }
  }

  @Override
  public void flush() {
    delegate.flush();
  }

  /** Records the downtime cost: scrapes not taken and events not accepted. */
  long dropped() {
    return dropped;
  }

  boolean paused() {
    return paused;
  }

  private boolean passes(long eventMs) {
    if (!paused && eventMs >= pauseMs) {
      delegate.flush();
      action.run();
      paused = true;
    }
    if (eventMs >= pauseMs && eventMs < resumeMs) {
      dropped++;
      return false;
    }
    return true;
  }
}
