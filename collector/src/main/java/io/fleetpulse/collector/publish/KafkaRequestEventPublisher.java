package io.fleetpulse.collector.publish;

import io.fleetpulse.schemas.RequestEvent;
import io.fleetpulse.schemas.Topics;
import io.fleetpulse.schemas.contract.EventTime;
import io.fleetpulse.schemas.contract.NodeKey;

/**
 * Publishes request events to the requests topic, keyed "cluster/node" like the node's scrapes, so
 * one node's events stay in order on one partition.
 */
public final class KafkaRequestEventPublisher implements RequestEventPublisher {

  private final AvroRecordSender<RequestEvent> sender;

  /** Shares {@code delivery} with the scrape publisher; whoever started the delivery closes it. */
  public KafkaRequestEventPublisher(KafkaDelivery delivery, Topics topics) {
    this.sender = new AvroRecordSender<>(delivery, topics.requests(), RequestEvent.class);
  }

  public static String keyOf(RequestEvent event) {
    return NodeKey.of(event.getCluster(), event.getNode());
  }

  @Override
  public void publish(RequestEvent event) throws RecordTooLargeException {
    sender.send(keyOf(event), event, EventTime.of(event));
  }
}
