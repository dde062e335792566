package io.fleetpulse.cli.testing;

import io.fleetpulse.schemas.AvroSerde;
import io.fleetpulse.schemas.FleetWindow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the fleet-stats topic from its beginning on a thread of its own for as long as it is open,
 * as a downstream consumer would: committed records only, so what an aborted transaction wrote is
 * never seen.
 */
public final class FleetStatsRecorder implements AutoCloseable {

  private final KafkaConsumer<String, FleetWindow> consumer;

  /** A window and when this recorder read it (epoch ms). */
  public record Received(FleetWindow window, long atMs) {}

  private final List<Received> windows = new ArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
  private final Thread thread;

  public FleetStatsRecorder(String bootstrapServers, String topic) {
    consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new StringDeserializer(),
            new AvroSerde<>(FleetWindow.class).deserializer());
    List<TopicPartition> partitions = partitionsOnceCreated(consumer, topic);
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    thread = new Thread(this::run, "fleet-stats-recorder");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * The topic's partitions, waiting (up to a minute) for a pipeline that creates its topics in the
   * background, as the collector does when it starts before Kafka answers.
   */
  private static List<TopicPartition> partitionsOnceCreated(
      KafkaConsumer<String, FleetWindow> consumer, String topic) {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (true) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      if (!partitions.isEmpty() || System.nanoTime() > deadline) {
        return partitions;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return partitions;
      }
    }
  }

  /** Every window of {@code scope} and {@code window} size read so far, in the order read. */
  public List<FleetWindow> windows(String scope, String window) {
    return received(scope, window).stream().map(Received::window).toList();
  }

  /** Every window of {@code scope} and {@code window} size read so far, with when it was read. */
  public List<Received> received(String scope, String window) {
    RuntimeException error = failure.get();
    if (error != null) {
      throw new IllegalStateException("the fleet-stats consumer failed: " + error, error);
    }
    synchronized (windows) {
      return windows.stream()
          .filter(r -> r.window().getScope().equals(scope) && r.window().getWindow().equals(window))
          .toList();
    }
  }

  private void run() {
    try {
      while (!closed.get()) {
        for (ConsumerRecord<String, FleetWindow> record : consumer.poll(Duration.ofMillis(200))) {
          synchronized (windows) {
            windows.add(new Received(record.value(), System.currentTimeMillis()));
          }
        }
      }
    } catch (WakeupException e) {
      if (!closed.get()) {
        failure.set(e);
      }
    } catch (RuntimeException e) {
      failure.set(e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  @Override
  public void close() throws InterruptedException {
    closed.set(true);
    consumer.wakeup();
    thread.join(10_000);
  }
}
