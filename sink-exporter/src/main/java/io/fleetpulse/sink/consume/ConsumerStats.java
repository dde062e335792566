package io.fleetpulse.sink.consume;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the sink has read from each of its topics so far; written by the consumer, read by scrapes.
 */
public final class ConsumerStats {

  private final Map<String, TopicStats> byTopic = new ConcurrentHashMap<>();
  private final List<String> topics;

  /** Stats for exactly these topics, each present (at zero) from the start. */
  public ConsumerStats(List<String> topics) {
    this.topics = List.copyOf(topics);
    this.topics.forEach(topic -> byTopic.put(topic, new TopicStats()));
  }

  public List<String> topics() {
    return topics;
  }

  /**
   * @throws IllegalArgumentException for a topic this sink does not read
   */
  public TopicStats topic(String topic) {
    TopicStats stats = byTopic.get(topic);
    if (stats == null) {
      throw new IllegalArgumentException("the sink does not read topic " + topic);
    }
    return stats;
  }

  /** One topic's counts. */
  public static final class TopicStats {

    private static final long NONE = Long.MIN_VALUE;

    private final AtomicLong recordsConsumed = new AtomicLong();
    private final AtomicLong decodeFailures = new AtomicLong();
    private final AtomicLong newestRecordMillis = new AtomicLong(NONE);

    /** Counts one record read from the topic, whatever its content, with its Kafka timestamp. */
    public void recordConsumed(long timestampMillis) {
      recordsConsumed.incrementAndGet();
      if (timestampMillis >= 0) {
        newestRecordMillis.accumulateAndGet(timestampMillis, Math::max);
      }
    }

    public void decodeFailed() {
      decodeFailures.incrementAndGet();
    }

    public long recordsConsumed() {
      return recordsConsumed.get();
    }

    public long decodeFailures() {
      return decodeFailures.get();
    }

    /** The Kafka timestamp of the newest record read, empty before the first. */
    public Optional<Instant> newestRecord() {
      long millis = newestRecordMillis.get();
      return millis == NONE ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }
  }
}
