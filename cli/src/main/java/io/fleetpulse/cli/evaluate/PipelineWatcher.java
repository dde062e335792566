package io.fleetpulse.cli.evaluate;

import io.fleetpulse.schemas.AvroSerde;
import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.KafkaConnection;
import io.fleetpulse.schemas.Scrape;
import io.fleetpulse.schemas.Signal;
import io.fleetpulse.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads what an evaluated run produced, from the beginning, on a thread of its own: the raw scrapes
 * (for the baselines, which see the same series the pipeline saw), the closed windows (the chart)
 * and the signals (the detectors' episodes). Read only by {@link #stop()}'s caller once the thread
 * has ended.
 */
final class PipelineWatcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PipelineWatcher.class);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Topics topics;
  private final Thread thread;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong newestWindowEndMs = new AtomicLong(Long.MIN_VALUE);
  private final AtomicLong recordsRead = new AtomicLong();
  private final AvroSerde<Scrape> scrapes = new AvroSerde<>(Scrape.class);
  private final AvroSerde<FleetWindow> windows = new AvroSerde<>(FleetWindow.class);
  private final AvroSerde<Signal> signals = new AvroSerde<>(Signal.class);
  final UpstreamBaselines baselines = new UpstreamBaselines();
  final FleetTimeline timeline;
  final SignalEpisodes episodes = new SignalEpisodes();

  PipelineWatcher(KafkaConnection kafka, Topics topics, String window) {
    this.topics = topics;
    this.timeline = new FleetTimeline(window);
    this.consumer =
        new KafkaConsumer<>(
            consumerProperties(kafka), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : List.of(topics.scrapes(), topics.fleetStats(), topics.signals())) {
      for (PartitionInfo info : consumer.partitionsFor(topic)) {
        partitions.add(new TopicPartition(topic, info.partition()));
      }
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    this.thread = new Thread(this::run, "evaluate-watcher");
    thread.setDaemon(true);
    thread.start();
  }

  static Map<String, Object> consumerProperties(KafkaConnection kafka) {
    Map<String, Object> properties = kafka.clientProperties();
    properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    return properties;
  }

  /** The end of the newest closed fleet window read so far. */
  long newestWindowEndMs() {
    return newestWindowEndMs.get();
  }

  private void run() {
    try {
      while (running.get()) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          accept(record);
        }
      }
    } catch (RuntimeException e) {
      LOG.error("Evaluation stopped reading the pipeline's topics: {}", e.toString());
    } finally {
      consumer.close();
    }
  }

  /** Records read so far, of every topic. */
  long recordsRead() {
    return recordsRead.get();
  }

  private void accept(ConsumerRecord<byte[], byte[]> record) {
    recordsRead.incrementAndGet();
    String topic = record.topic();
    if (topic.equals(topics.scrapes())) {
      baselines.accept(scrapes.decode(record.value()));
    } else if (topic.equals(topics.fleetStats())) {
      timeline.accept(windows.decode(record.value()));
      newestWindowEndMs.set(timeline.newestEndMs());
    } else {
      episodes.accept(signals.decode(record.value()));
    }
  }

  /** Stops reading and waits for the thread, after which the results may be read. */
  void stop() throws InterruptedException {
    running.set(false);
    thread.join();
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}
