package io.fleetpulse.collector.publish;

import io.fleetpulse.collector.metrics.CollectorMetrics;
import io.fleetpulse.schemas.KafkaConnection;
import io.fleetpulse.schemas.logging.LogThrottle;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector's one way into Kafka, for scrapes and request events alike. Records wait in a
 * bounded {@link DeliveryBuffer} and one sender thread hands them, oldest first, to an idempotent
 * producer, keeping at most a small window of them unacknowledged. While Kafka is away the window
 * stays full, so everything newer waits in the buffer, where a full buffer drops its oldest
 * records, counted. What the producer already holds is never dropped, so up to the window's records
 * (a tenth of the buffer, at most 1,000) survive from wherever the outage stood when they were
 * handed over, while older ones in the buffer are given up. The producer retries without a
 * deadline, so nothing it holds expires out of order; idempotence keeps its retries from writing a
 * record twice, and one sender keeps every key's records in order.
 */
public final class KafkaDelivery implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(KafkaDelivery.class);

  /**
   * Enough to keep batches full at thousands of records per second, small beside the default
   * buffer.
   */
  static final int MAX_UNACKNOWLEDGED = 1000;

  private static final long POLL_MILLIS = 100;
  private static final long BOUNCE_BACKOFF_MILLIS = 500;
  private static final Duration STALL_REPORT_AFTER = Duration.ofSeconds(10);

  /** More than a record batch's header and one record's varints and attributes take. */
  private static final int RECORD_OVERHEAD_BYTES = 1024;

  private final Producer<String, byte[]> producer;

  /** Where Kafka is, as the operator wrote it, for the lines that say it is away. */
  private final String servers;

  private final CollectorMetrics metrics;
  private final Duration flushTimeout;
  private final int capacity;
  private final int maxRecordBytes;
  private final DeliveryBuffer buffer;
  private final Semaphore window;
  private final AtomicInteger unacknowledged = new AtomicInteger();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final Thread sender;
  private final LogThrottle drops = LogThrottle.oncePerEpisode();
  private final LogThrottle failures = LogThrottle.every(Duration.ofSeconds(10));
  private final LogThrottle stalls = LogThrottle.oncePerEpisode();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile boolean accepting = true;
  private volatile boolean sending = true;
  private volatile long lastProgressNanos = System.nanoTime();

  /**
   * Set by a callback Kafka ran inside send(), on the sender thread: the producer did not take the
   * record.
   */
  private RetriableException bounced;

  private KafkaDelivery(
      Producer<String, byte[]> producer,
      String servers,
      DeliveryConfig config,
      CollectorMetrics metrics) {
    this.producer = producer;
    this.servers = servers;
    this.metrics = metrics;
    this.flushTimeout = config.flushTimeout();
    this.capacity = config.bufferRecords();
    this.maxRecordBytes = config.maxRecordBytes();
    int windowSize = Math.max(1, Math.min(MAX_UNACKNOWLEDGED, capacity / 10));
    this.window = new Semaphore(windowSize);
    this.buffer = new DeliveryBuffer(capacity - windowSize);
    this.sender = new Thread(this::sendAll, "fleetpulse-kafka-delivery");
    sender.setDaemon(true);
    metrics.bufferCapacity.set(capacity);
    metrics.bufferedRecords.set(0);
  }

  /** Connects a producer to {@code kafka} (it waits for Kafka on its own) and starts delivering. */
  public static KafkaDelivery start(
      KafkaConnection kafka, DeliveryConfig config, CollectorMetrics metrics) {
    return start(
        new KafkaProducer<>(
            producerProperties(kafka, config), new StringSerializer(), new ByteArraySerializer()),
        kafka.bootstrapServers(),
        config,
        metrics);
  }

  static KafkaDelivery start(
      Producer<String, byte[]> producer, DeliveryConfig config, CollectorMetrics metrics) {
    return start(producer, "(a producer of the caller's)", config, metrics);
  }

  private static KafkaDelivery start(
      Producer<String, byte[]> producer,
      String servers,
      DeliveryConfig config,
      CollectorMetrics metrics) {
    KafkaDelivery delivery = new KafkaDelivery(producer, servers, config, metrics);
    delivery.sender.start();
    return delivery;
  }

  /** Queues a record for Kafka without blocking. After close it is refused, counted as dropped. */
  public void submit(OutgoingRecord record) {
    if (!accepting) {
      drop(record);
      log.warn(
          "refused a record for {} (key {}): the collector is shutting down",
          record.topic(),
          record.key());
      return;
    }
    OutgoingRecord oldest = buffer.add(record);
    if (oldest != null) {
      drop(oldest);
      reportDrop();
    }
    updateFill();
  }

  /** Counts and reports a record that never reached the buffer because it could not be encoded. */
  public void unencodable(String topic, String key, RuntimeException error) {
    fail(topic, key, error);
  }

  /** Makes the topic's delivery counters present from zero. */
  void startTopic(String topic) {
    metrics.startTopic(topic);
  }

  /** The largest record this delivery takes, key and value together. */
  public int maxRecordBytes() {
    return maxRecordBytes;
  }

  /** Records queued or handed to Kafka and not yet acknowledged. */
  public int pending() {
    return buffer.size() + unacknowledged.get();
  }

  /** Records dropped because the buffer was full or the collector was closing, since start. */
  public long dropped() {
    return dropped.get();
  }

  /**
   * Records that could not be encoded, that Kafka refused for good, or that it held when the
   * producer closed.
   */
  public long failed() {
    return failed.get();
  }

  /**
   * Stops accepting records, waits up to the flush timeout for everything pending to reach Kafka,
   * then closes the producer and reports what could not be delivered.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    accepting = false;
    long deadline = System.nanoTime() + flushTimeout.toNanos();
    boolean interrupted = false;
    while (pending() > 0 && System.nanoTime() < deadline && !interrupted) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    sending = false;
    sender.interrupt();
    try {
      sender.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      interrupted = true;
    }
    List<OutgoingRecord> left = buffer.drain();
    left.forEach(this::drop);
    int inKafkasHands = unacknowledged.get();
    // Whatever the producer still holds is aborted here; its callbacks count it as failed.
    producer.close(Duration.ZERO);
    updateFill();
    if (left.isEmpty() && inKafkasHands == 0) {
      log.info("Kafka delivery closed: everything was delivered");
    } else {
      log.warn(
          "Kafka delivery closed: {} records could not be delivered within {} ms ({} still buffered, {} "
              + "unacknowledged)",
          left.size() + inKafkasHands,
          flushTimeout.toMillis(),
          left.size(),
          inKafkasHands);
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void sendAll() {
    while (sending) {
      try {
        if (!window.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
          reportStall();
          continue;
        }
        OutgoingRecord next = buffer.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (next == null) {
          window.release();
          reportCaughtUp();
          continue;
        }
        send(next);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void send(OutgoingRecord record) throws InterruptedException {
    if (unacknowledged.getAndIncrement() == 0) {
      // Idle until now: the time without acknowledgements starts here, not at the last one long
      // ago.
      lastProgressNanos = System.nanoTime();
    }
    bounced = null;
    try {
      producer.send(
          new ProducerRecord<>(
              record.topic(), null, record.timestampMs(), record.key(), record.value()),
          acknowledgement(record));
    } catch (InterruptException e) {
      retryLater(record);
      throw new InterruptedException("interrupted while handing a record to Kafka");
    } catch (KafkaException e) {
      settle();
      fail(record, e);
      return;
    }
    if (bounced != null) {
      retryLater(record);
      reportStall(bounced);
      Thread.sleep(BOUNCE_BACKOFF_MILLIS);
    }
  }

  private Callback acknowledgement(OutgoingRecord record) {
    return (metadata, error) -> {
      if (error instanceof RetriableException retriable && Thread.currentThread() == sender) {
        // Called inside send(): the producer never took the record (no metadata yet, its memory
        // full).
        bounced = retriable;
        return;
      }
      settle();
      if (error == null) {
        metrics.recordsProduced.labelValues(record.topic()).inc();
        progressed();
      } else {
        fail(record, error);
      }
    };
  }

  private void retryLater(OutgoingRecord record) {
    settle();
    OutgoingRecord lost = buffer.putBack(record);
    if (lost != null) {
      drop(lost);
      reportDrop();
    }
    updateFill();
  }

  private void settle() {
    unacknowledged.decrementAndGet();
    window.release();
    updateFill();
  }

  private void drop(OutgoingRecord record) {
    dropped.incrementAndGet();
    metrics.bufferDropped.labelValues(record.topic()).inc();
  }

  private void fail(OutgoingRecord record, Exception error) {
    fail(record.topic(), record.key(), error);
  }

  private void fail(String topic, String key, Exception error) {
    failed.incrementAndGet();
    metrics.produceErrors.labelValues(topic).inc();
    long heldBack = accepting ? failures.occurred() : -1;
    if (heldBack >= 0) {
      log.warn(
          "could not deliver a record for {} (key {}): {}{}",
          topic,
          key,
          error.toString(),
          LogThrottle.heldBackSuffix(heldBack));
    }
  }

  private void progressed() {
    lastProgressNanos = System.nanoTime();
    if (stalls.ended() > 0) {
      log.info("Kafka at {} is taking records again; {} pending", servers, pending());
    }
  }

  /** Called while the window is full: after a while without acknowledgements, Kafka is away. */
  private void reportStall() {
    if (System.nanoTime() - lastProgressNanos > STALL_REPORT_AFTER.toNanos()
        && stalls.occurred() == 0) {
      log.warn(
          "Kafka at {} has acknowledged nothing for {} s; holding records in the delivery buffer ({} pending, "
              + "room for {})",
          servers,
          STALL_REPORT_AFTER.toSeconds(),
          pending(),
          capacity);
    }
  }

  private void reportStall(RetriableException reason) {
    if (stalls.occurred() == 0) {
      log.warn(
          "Kafka at {} cannot take records yet ({}); holding them in the delivery buffer ({} pending, room "
              + "for {}) and retrying",
          servers,
          reason.getMessage(),
          pending(),
          capacity);
    }
  }

  /**
   * One warning when the buffer starts dropping, one line when it has caught up, instead of one per
   * record.
   */
  private void reportDrop() {
    if (drops.occurred() == 0) {
      log.warn(
          "delivery buffer full ({} records): dropping the oldest records until Kafka catches up",
          capacity);
    }
  }

  private void reportCaughtUp() {
    long dropped = drops.ended();
    if (dropped > 0) {
      log.info(
          "delivery buffer caught up; {} records were dropped, oldest first, while it was full",
          dropped);
    }
  }

  private void updateFill() {
    metrics.bufferedRecords.set(pending());
  }

  static Properties producerProperties(KafkaConnection kafka, DeliveryConfig config) {
    Properties properties = new Properties();
    properties.putAll(kafka.clientProperties());
    // A retried send must not put a record on the topic twice: it would count as two samples
    // downstream.
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    // The delivery buffer decides what is given up during an outage; a batch expiring inside the
    // producer would
    // leave a gap in the middle of a target's history instead of dropping the oldest records.
    properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.toString(Integer.MAX_VALUE));
    // Scrapes are repetitive text-like data; lz4 shrinks them well for little CPU.
    properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    // Lets the scrapes of one tick share a batch.
    properties.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    // Without metadata, send() blocks; the record then goes back to the buffer instead of stalling
    // for a minute.
    properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
    // Records are checked against the limit before they are accepted; the producer's own limit
    // leaves room for
    // the batch and record headers, so it never refuses one the check let through.
    properties.put(
        ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
        Integer.toString(config.maxRecordBytes() + RECORD_OVERHEAD_BYTES));
    return properties;
  }
}
