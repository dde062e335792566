package io.fleetpulse.cli.scaleout;

import io.fleetpulse.schemas.AvroSerde;
import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.KafkaConnection;
import io.fleetpulse.schemas.contract.Scope;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the closed fleet windows one measurement writes, from the fleet-stats offsets it started
 * at, on a thread of its own: committed records only, as a downstream consumer sees them. It keeps,
 * per window end in the checked span, how often the window came and its generation tokens.
 */
final class FleetWindowTally implements AutoCloseable {

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final AvroSerde<FleetWindow> windows = new AvroSerde<>(FleetWindow.class);
  private final String windowName;
  private final long spanStartMs;
  private final long spanEndMs;
  private final Map<Long, Tally> byEnd = new TreeMap<>();
  private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
  private final Thread thread;
  private volatile boolean closed;

  /** One window end's count and tokens. */
  record Tally(int count, double generationTokens) {}

  /**
   * @param from each partition's offset to read from: where the previous measurement's output ends
   */
  FleetWindowTally(
      KafkaConnection kafka,
      Map<TopicPartition, Long> from,
      String windowName,
      long spanStartMs,
      long spanEndMs) {
    this.windowName = windowName;
    this.spanStartMs = spanStartMs;
    this.spanEndMs = spanEndMs;
    Map<String, Object> properties = kafka.clientProperties();
    properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumer =
        new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    consumer.assign(from.keySet());
    from.forEach(consumer::seek);
    thread = new Thread(this::run, "bench-scaleout-fleet-windows");
    thread.setDaemon(true);
    thread.start();
  }

  /** Each partition's end offset now: where a measurement that starts now reads from. */
  static Map<TopicPartition, Long> endOffsets(KafkaConnection kafka, String topic) {
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            kafka.clientProperties(), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      return consumer.endOffsets(partitions, Duration.ofSeconds(30));
    }
  }

  private void run() {
    try {
      while (!closed) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          accept(windows.decode(record.value()));
        }
      }
    } catch (WakeupException e) {
      if (!closed) {
        failure.set(e);
      }
    } catch (RuntimeException e) {
      failure.set(e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void accept(FleetWindow window) {
    long endMs = window.getWindowEndMs().toEpochMilli();
    if (!window.getScope().equals(Scope.FLEET.label())
        || !window.getWindow().equals(windowName)
        || endMs <= spanStartMs
        || endMs > spanEndMs) {
      return;
    }
    double tokens = window.getGenerationTokens() == null ? 0 : window.getGenerationTokens();
    synchronized (byEnd) {
      byEnd.merge(
          endMs,
          new Tally(1, tokens),
          (a, b) -> new Tally(a.count() + b.count(), a.generationTokens() + b.generationTokens()));
    }
  }

  /** Distinct windows of the span read so far. */
  int windowsSeen() {
    throwIfFailed();
    synchronized (byEnd) {
      return byEnd.size();
    }
  }

  /** Windows of the span read more than once: none under exactly-once. */
  int windowsRepeated() {
    throwIfFailed();
    synchronized (byEnd) {
      return (int) byEnd.values().stream().filter(tally -> tally.count() > 1).count();
    }
  }

  /** Generation tokens over every window of the span read, each copy counted. */
  double generationTokens() {
    throwIfFailed();
    synchronized (byEnd) {
      return byEnd.values().stream().mapToDouble(Tally::generationTokens).sum();
    }
  }

  private void throwIfFailed() {
    RuntimeException error = failure.get();
    if (error != null) {
      throw new IllegalStateException("reading the fleet windows failed: " + error, error);
    }
  }

  @Override
  public void close() throws InterruptedException {
    closed = true;
    consumer.wakeup();
    thread.join(10_000);
  }
}
