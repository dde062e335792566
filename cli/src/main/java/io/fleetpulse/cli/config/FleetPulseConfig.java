package io.fleetpulse.cli.config;

import io.fleetpulse.collector.config.CollectorConfig;
import io.fleetpulse.sink.SinkConfig;
import io.fleetpulse.streams.StreamsAppConfig;

/** The one config file: a section per component, each with defaults that work out of the box. */
public record FleetPulseConfig(
    KafkaSettings kafka, CollectorConfig collector, StreamsAppConfig streams, SinkConfig sink) {

  public FleetPulseConfig {
    kafka = kafka == null ? KafkaSettings.defaults() : kafka;
    collector = collector == null ? CollectorConfig.defaults() : collector;
    streams = streams == null ? StreamsAppConfig.defaults() : streams;
    sink = sink == null ? SinkConfig.defaults() : sink;
  }

  public static FleetPulseConfig defaults() {
    return new FleetPulseConfig(null, null, null, null);
  }

  public FleetPulseConfig withKafka(KafkaSettings newKafka) {
    return new FleetPulseConfig(newKafka, collector, streams, sink);
  }

  public FleetPulseConfig withCollector(CollectorConfig newCollector) {
    return new FleetPulseConfig(kafka, newCollector, streams, sink);
  }

  public FleetPulseConfig withSink(SinkConfig newSink) {
    return new FleetPulseConfig(kafka, collector, streams, newSink);
  }
}
