package io.fleetpulse.streams;

import io.fleetpulse.schemas.KafkaConnection;
import io.fleetpulse.schemas.Topics;
import io.fleetpulse.streams.decode.DeadLetterOnProcessingError;
import io.fleetpulse.streams.health.StreamsAppMetrics;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/** The Kafka Streams configuration the app runs with. */
public final class StreamsProperties {

  /**
   * A window reaches the sink two commits after its last scrape is processed (the node stage's
   * progress crosses the repartition topic, read committed, then the scope stage's window), and
   * under exactly_once_v2 each commit is a transaction with a marker on every partition the thread
   * wrote. Measured with {@code bench-pipeline --nodes 250 --vs-prometheus}: 200 ms gave freshness
   * p99 5.9 s at 15.9 CPU-ms per scrape (1.00× Prometheus), 1 s gave 7.7 s at 13.4 (0.81×). It
   * stays at 200 ms: with 1 s, a broker outage is five times as likely to find uncommitted cache
   * entries, and a changelog send that then times out made Kafka Streams 4.4's production-error
   * handler fail building a dead-letter record (timestamp -1) and stop the app (BrokerOutageIT).
   */
  static final long COMMIT_INTERVAL_MS = 200;

  /**
   * How long a crashed instance keeps its partitions. The consumer's 45 s default outlasts any
   * useful grace, so a crashed instance's nodes would arrive late and be dropped; 6 s is the least
   * a broker accepts by default ({@code group.min.session.timeout.ms}). A clean close does not
   * leave the group either (Streams keeps its members for a quick return), so this also bounds the
   * stall of a restart.
   */
  static final Duration SESSION_TIMEOUT = Duration.ofSeconds(6);

  /** Three heartbeats to a session, as Kafka advises, plus one spare. */
  static final Duration HEARTBEAT_INTERVAL = SESSION_TIMEOUT.dividedBy(4);

  /**
   * A crashed instance's open transaction holds back everything written after it on the partitions
   * it wrote to until the broker aborts it; timing out with the session keeps that inside the
   * failover.
   */
  static final Duration TRANSACTION_TIMEOUT = SESSION_TIMEOUT;

  /**
   * From a crash to its partitions processed elsewhere: the session timeout, then the rebalance and
   * restore.
   */
  public static final Duration FAILOVER_TIME = SESSION_TIMEOUT.plusSeconds(2);

  /**
   * The record caches of the stores that have one (the node-stage partials and the scope windows):
   * a partial is rewritten for every node contribution to its window and deleted when the window
   * completes, usually within one commit, so the cache turns those rewrites into about one
   * changelog write each. The partials are bounded by scopes times open windows, not by nodes, so
   * 16 MB per instance holds them for any fleet.
   */
  static final long CACHE_MAX_BYTES = 16L * 1024 * 1024;

  /**
   * How long a node-stage task waits for its request-event partition when that has nothing buffered
   * while its scrape partition has. Kafka Streams takes a task's records in timestamp order only
   * while both partitions have some; without the wait, a scrape partition read ahead moves the
   * task's stream time past events not yet written, and those events then find their windows
   * closed. A second covers the skew between the two topics' writes of one producer (a collector
   * delivering its buffer after an outage); a replay written thousands of times faster than real
   * time while the app reads it can still outrun it. A partition that stays empty costs the wait
   * once.
   */
  static final long MAX_TASK_IDLE_MS = 1000;

  private StreamsProperties() {}

  /**
   * The app's properties as a TopologyTestDriver needs them: the driver takes each record as it is
   * piped, and with the wait above it would hold a scrape until its wall clock passed the wait for
   * a request partition the test leaves empty.
   */
  public static Properties forTestDriver(Properties props) {
    props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, 0L);
    return props;
  }

  public static Properties of(KafkaConnection kafka, Topics topics, StreamsAppConfig config) {
    return of(kafka, topics, config, new StreamsAppMetrics());
  }

  /**
   * As {@link #of(KafkaConnection, Topics, StreamsAppConfig)}, records failing in a processor
   * counted in {@code metrics}.
   */
  public static Properties of(
      KafkaConnection kafka, Topics topics, StreamsAppConfig config, StreamsAppMetrics metrics) {
    Properties props = new Properties();
    // Unprefixed, so Streams hands them to its consumers, producers and admin alike.
    props.putAll(kafka.clientProperties());
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    // Scrapes are decoded inside the topology; this covers the internal topics, whose records
    // should always
    // decode but, should one not (say, during a botched upgrade), is dead-lettered rather than
    // stopping the app.
    props.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        LogAndContinueExceptionHandler.class);
    props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, topics.deadLetter());
    props.put(
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterOnProcessingError.class);
    props.put(DeadLetterOnProcessingError.METRICS_CONFIG, metrics);
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir());
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.numStreamThreads());
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, config.replicationFactor());
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL_MS);
    props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, MAX_TASK_IDLE_MS);
    props.put(
        StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
        (int) SESSION_TIMEOUT.toMillis());
    props.put(
        StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG),
        (int) HEARTBEAT_INTERVAL.toMillis());
    props.put(
        StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG),
        (int) TRANSACTION_TIMEOUT.toMillis());
    props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, CACHE_MAX_BYTES);
    return props;
  }

  /**
   * Refuses a grace the failover does not fit in: a crashed instance's scrapes, processed after its
   * partitions move, would find their windows closed and be dropped.
   */
  public static void requireGraceCoversFailover(Duration grace) {
    if (grace.compareTo(FAILOVER_TIME) < 0) {
      throw new IllegalArgumentException(
          "streams.grace "
              + grace.toMillis()
              + " ms is shorter than the failover "
              + "time "
              + FAILOVER_TIME.toMillis()
              + " ms (consumer session.timeout.ms "
              + SESSION_TIMEOUT.toMillis()
              + " + 2 s to rebalance): a crashed instance's scrapes would arrive after their windows closed; set "
              + "streams.grace to at least "
              + FAILOVER_TIME.toSeconds()
              + "s");
    }
  }
}
