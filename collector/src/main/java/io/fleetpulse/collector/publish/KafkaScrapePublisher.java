package io.fleetpulse.collector.publish;

import io.fleetpulse.collector.metrics.CollectorMetrics;
import io.fleetpulse.schemas.KafkaConnection;
import io.fleetpulse.schemas.Scrape;
import io.fleetpulse.schemas.Topics;
import io.fleetpulse.schemas.contract.EventTime;
import io.fleetpulse.schemas.contract.NodeKey;

/**
 * Publishes scrapes to the scrapes topic, keyed "cluster/instance" so that all scrapes of one
 * target land on one partition, in order. Values are Avro single-object encoded; delivery
 * (buffering through outages, retries, idempotence) is the {@link KafkaDelivery}'s.
 */
public final class KafkaScrapePublisher implements ScrapePublisher {

  private final KafkaDelivery delivery;
  private final boolean ownsDelivery;
  private final AvroRecordSender<Scrape> sender;

  /** A publisher with a delivery of its own, at the default settings, closed with it. */
  public KafkaScrapePublisher(KafkaConnection kafka, Topics topics) {
    this(
        KafkaDelivery.start(kafka, DeliveryConfig.defaults(), new CollectorMetrics()),
        topics,
        true);
  }

  /** A publisher on a delivery shared with others; whoever started the delivery closes it. */
  public KafkaScrapePublisher(KafkaDelivery delivery, Topics topics) {
    this(delivery, topics, false);
  }

  private KafkaScrapePublisher(KafkaDelivery delivery, Topics topics, boolean ownsDelivery) {
    this.delivery = delivery;
    this.ownsDelivery = ownsDelivery;
    this.sender = new AvroRecordSender<>(delivery, topics.scrapes(), Scrape.class);
  }

  public static String keyOf(Scrape scrape) {
    return NodeKey.of(scrape.getCluster(), scrape.getInstance());
  }

  @Override
  public void publish(Scrape scrape) throws RecordTooLargeException {
    sender.send(keyOf(scrape), scrape, EventTime.of(scrape));
  }

  @Override
  public void close() {
    if (ownsDelivery) {
      delivery.close();
    }
  }
}
