package io.fleetpulse.cli.pipelinebench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PartTest {

  private static final String APP = "fleetpulse-streams-bench-1";

  private static Part of(String threadName) {
    return Part.of(threadName, APP);
  }

  @Test
  void eachComponentsThreadsGoToIt() {
    assertEquals(Part.COLLECTOR, of("fleetpulse-scrape-worker-3"));
    assertEquals(Part.COLLECTOR, of("fleetpulse-scrape-scheduler"));
    assertEquals(Part.COLLECTOR, of("fleetpulse-kafka-delivery"));
    assertEquals(Part.COLLECTOR, of("HttpClient-1-SelectorManager"));
    assertEquals(Part.STREAMS, of(APP + "-6c1f-StreamThread-1"));
    assertEquals(Part.SINK, of("fleetpulse-sink-consumer"));
    assertEquals(Part.SIMULATOR, of("fleetpulse-sim-http-selector"));
    assertEquals(Part.BENCH, of("fleetpulse-bench-1"));
    assertEquals(Part.BROKER, of("data-plane-kafka-request-handler-0"));
    assertEquals(Part.BROKER, of("quorum-controller-1-event-handler"));
    assertEquals(Part.BROKER, of("kafka-1-raft-io-thread"));
  }

  @Test
  void aKafkaClientsThreadGoesToTheComponentThatMadeTheClientNotToTheBroker() {
    assertEquals(
        Part.STREAMS,
        of("kafka-producer-network-thread | " + APP + "-6c1f-StreamThread-1-producer"));
    assertEquals(Part.SINK, of("kafka-coordinator-heartbeat-thread | fleetpulse-sink"));
    assertEquals(Part.COLLECTOR, of("kafka-producer-network-thread | producer-1"));
    assertEquals(Part.UNATTRIBUTED, of("kafka-admin-client-thread | adminclient-1"));
  }

  @Test
  void aThreadNoComponentNamesIsUnattributed() {
    assertEquals(Part.UNATTRIBUTED, of("main"));
    assertEquals(Part.UNATTRIBUTED, of("prometheus-http-1-1"));
  }
}
