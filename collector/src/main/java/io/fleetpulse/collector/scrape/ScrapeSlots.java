package io.fleetpulse.collector.scrape;

import java.nio.charset.StandardCharsets;

/**
 * When in its interval each target is scraped. As in Prometheus, a target's slot is a fixed offset
 * into the interval, pinned to the wall clock and derived from a hash of the target itself: it
 * stays put across restarts and when other targets come and go, and thousands of targets spread
 * evenly over the interval instead of firing together.
 */
public final class ScrapeSlots {

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private ScrapeSlots() {}

  /**
   * The target's offset into its interval, in milliseconds: slots fall where epoch millis %
   * interval equals it.
   */
  public static long phaseMillis(ScrapeTarget target) {
    return Long.remainderUnsigned(
        hash(target.jobName() + "\n" + target.url()), target.interval().toMillis());
  }

  /** How long from {@code nowEpochMillis} until the target's next slot (0 when now is one). */
  public static long millisUntilNextSlot(ScrapeTarget target, long nowEpochMillis) {
    return Math.floorMod(phaseMillis(target) - nowEpochMillis, target.interval().toMillis());
  }

  /** FNV-1a, then a final avalanche so that targets differing in one digit land far apart. */
  private static long hash(String key) {
    long hash = FNV_OFFSET;
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= FNV_PRIME;
    }
    hash ^= hash >>> 33;
    hash *= 0xff51afd7ed558ccdL;
    hash ^= hash >>> 33;
    hash *= 0xc4ceb9fe1a85ec53L;
    hash ^= hash >>> 33;
    return hash;
  }
}
