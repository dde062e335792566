package io.fleetpulse.streams.health;

import io.fleetpulse.streams.health.ConsumerLag.PartitionLag;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Whether an input partition may still have records the app has not read, which is what keeps the
 * wall clock from closing a quiet task's windows. A partition the consumers have not fetched yet
 * counts as backlogged: a task started on an old backlog is quiet until its first fetch comes back,
 * and on a busy machine that can take longer than the grace, after which the wall clock would have
 * closed every window its records belong to. It counts so only for a bounded time, so that a
 * partition whose lag is never reported cannot hold the fleet's windows open for good.
 */
public final class InputBacklog {

  private final ConsumerLag lag;
  private final Set<String> topics;
  private final long unknownForMs;
  private final LongSupplier clockMs;
  private final Map<Integer, Long> unknownSinceMs = new ConcurrentHashMap<>();

  /**
   * @param unknownFor how long a partition whose lag is unknown still counts as backlogged
   */
  public InputBacklog(
      ConsumerLag lag, Set<String> topics, Duration unknownFor, LongSupplier clockMs) {
    this.lag = lag;
    this.topics = Set.copyOf(topics);
    this.unknownForMs = unknownFor.toMillis();
    this.clockMs = clockMs;
  }

  /** Whether partition {@code partition} of the input topics may have records not yet read. */
  public boolean mayHaveUnread(int partition) {
    PartitionLag known = lag.partitionLag(topics, partition);
    if (known != PartitionLag.UNKNOWN) {
      unknownSinceMs.remove(partition);
      return known == PartitionLag.BEHIND;
    }
    long now = clockMs.getAsLong();
    long since = unknownSinceMs.computeIfAbsent(partition, p -> now);
    return now - since < unknownForMs;
  }
}
