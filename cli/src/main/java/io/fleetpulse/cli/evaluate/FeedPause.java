package io.fleetpulse.cli.evaluate;

import io.fleetpulse.cli.scenario.ScenarioOutput;
import io.fleetpulse.schemas.RequestEvent;
import io.fleetpulse.schemas.Scrape;
import io.fleetpulse.schemas.contract.EventTime;

/**
 * Feeds a scenario through a {@link PipelineRestart}: at the first record of the restart instant
 * everything before it is delivered and the restart runs, and the records of the downtime are
 * dropped, as a collector that is down neither scrapes nor accepts events.
 */
final class RestartingOutput implements ScenarioOutput {

  private final ScenarioOutput delegate;
  private final long restartMs;
  private final long resumeMs;
  private final Runnable restart;
  private boolean restarted;
  private long dropped;

  RestartingOutput(ScenarioOutput delegate, long restartMs, long resumeMs, Runnable restart) {
    this.delegate = delegate;
    this.restartMs = restartMs;
    this.resumeMs = resumeMs;
    this.restart = restart;
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

  boolean restarted() {
    return restarted;
  }

  private boolean passes(long eventMs) {
    if (!restarted && eventMs >= restartMs) {
      delegate.flush();
      restart.run();
      restarted = true;
    }
    if (eventMs >= restartMs && eventMs < resumeMs) {
      dropped++;
      return false;
    }
    return true;
  }
}
