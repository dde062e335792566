package io.fleetpulse.schemas.logging;

import java.time.Duration;

/**
 * Decides which occurrences of a repeating condition get a log line, so a flood (a full buffer,
 * Kafka away, a client sending junk) costs a few lines with counts instead of one per record. An
 * episode opens with its first occurrence, which is always logged; later ones are logged at most
 * once per quiet period and carry how many were held back meanwhile; {@link #ended()} closes the
 * episode and tells how many it had. Thread-safe.
 */
public final class LogThrottle {

  private final long quietNanos;
  private boolean open;
  private long lastLoggedNanos;
  private long heldBack;
  private long inEpisode;

  private LogThrottle(long quietNanos) {
    this.quietNanos = quietNanos;
  }

  /** Logs an episode's first occurrence, and then at most once per {@code quiet}. */
  public static LogThrottle every(Duration quiet) {
    return new LogThrottle(quiet.toNanos());
  }

  /** Logs only an episode's first occurrence; {@link #ended()} reports the rest. */
  public static LogThrottle oncePerEpisode() {
    return new LogThrottle(Long.MAX_VALUE);
  }

  /**
   * Counts one occurrence. Returns -1 when it is not to be logged, else how many were held back
   * since the last logged one (0 for an episode's first).
   */
  public synchronized long occurred() {
    inEpisode++;
    long now = System.nanoTime();
    if (open && now - lastLoggedNanos < quietNanos) {
      heldBack++;
      return -1;
    }
    long held = heldBack;
    open = true;
    lastLoggedNanos = now;
    heldBack = 0;
    return held;
  }

  /**
   * Closes the episode; returns how many occurrences it had (0: there was none, nothing to report).
   */
  public synchronized long ended() {
    long count = inEpisode;
    open = false;
    heldBack = 0;
    inEpisode = 0;
    return count;
  }

  /**
   * " (N more since the last report)" for a held-back count from {@link #occurred()}, or nothing.
   */
  public static String heldBackSuffix(long heldBack) {
    return heldBack <= 0 ? "" : " (" + heldBack + " more since the last report)";
  }
}
