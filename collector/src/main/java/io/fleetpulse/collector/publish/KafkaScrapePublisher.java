package io.fleetpulse.collector.publish;

import io.fleetpulse.schemas.AvroSerde;
import io.fleetpulse.schemas.Scrape;
import io.fleetpulse.schemas.Topics;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes scrapes to the scrapes topic, keyed "cluster/instance" so that all scrapes of one
 * target land on one partition, in order. Values are Avro single-object encoded.
 */
public final class KafkaScrapePublisher implements ScrapePublisher {

  private static final Logger log = LoggerFactory.getLogger(KafkaScrapePublisher.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private final Producer<String, Scrape> producer;
  private final String topic;
  private final AtomicLong sendErrors = new AtomicLong();

  public KafkaScrapePublisher(String bootstrapServers, Topics topics) {
    this(new KafkaProducer<>(producerProperties(bootstrapServers), new StringSerializer(),
        new AvroSerde<>(Scrape.class).serializer()), topics);
  }

  KafkaScrapePublisher(Producer<String, Scrape> producer, Topics topics) {
    this.producer = producer;
    this.topic = topics.scrapes();
  }

  public static String keyOf(Scrape scrape) {
    return scrape.getCluster() + "/" + scrape.getInstance();
  }

  @Override
  public void publish(Scrape scrape) {
    String key = keyOf(scrape);
    try {
      producer.send(new ProducerRecord<>(topic, key, scrape), (metadata, error) -> {
        if (error != null) {
          failed(key, error);
        }
      });
    } catch (KafkaException e) {
      failed(key, e);
    }
  }

  /** Scrapes that could not be handed to Kafka, since this publisher was created. */
  public long sendErrors() {
    return sendErrors.get();
  }

  @Override
  public void close() {
    producer.close(CLOSE_TIMEOUT);
  }

  static Properties producerProperties(String bootstrapServers) {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("Kafka bootstrap servers must not be empty");
    }
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    // A retried send must not put a scrape on the topic twice: it would count as two samples downstream.
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    // Scrapes are repetitive text-like data; lz4 shrinks them well for little CPU.
    properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    // Lets the scrapes of one tick share a batch.
    properties.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    // Without a broker, send() waits for metadata; a minute of that would stall every scrape worker.
    properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
    return properties;
  }

  private void failed(String key, Exception error) {
    sendErrors.incrementAndGet();
    log.warn("could not publish scrape {} to {}: {}", key, topic, error.toString());
  }
}
