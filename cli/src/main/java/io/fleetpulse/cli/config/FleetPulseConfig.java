package io.fleetpulse.cli.config;

import io.fleetpulse.collector.config.CollectorConfig;
import io.fleetpulse.collector.config.ScrapeConfig;
import io.fleetpulse.schemas.PrometheusDuration;
import io.fleetpulse.sink.SinkConfig;
import io.fleetpulse.streams.StreamsAppConfig;
import io.fleetpulse.streams.StreamsProperties;
import java.time.Duration;

/** The one config file: a section per component, each with defaults that work out of the box. */
public record FleetPulseConfig(
    KafkaSettings kafka, CollectorConfig collector, StreamsAppConfig streams, SinkConfig sink) {

  public FleetPulseConfig {
    kafka = kafka == null ? KafkaSettings.defaults() : kafka;
    collector = collector == null ? CollectorConfig.defaults() : collector;
    streams = streams == null ? StreamsAppConfig.defaults() : streams;
    sink = sink == null ? SinkConfig.defaults() : sink;
    // Here too, not only when the streams app starts: that may be long after, once Kafka answers.
    StreamsProperties.requireGraceCoversFailover(streams.grace());
    Duration finishAge = collector.ingest().maxFinishAge();
    if (finishAge.compareTo(streams.eventLateness()) >= 0) {
      throw new IllegalArgumentException(
          "collector.ingest.max_finish_age ("
              + PrometheusDuration.format(finishAge)
              + ") must be shorter than streams.event_lateness ("
              + PrometheusDuration.format(streams.eventLateness())
              + "), how long a window waits for its events: the collector would accept events"
              + " the streams app drops as late");
    }
    requireGraceCoversScrapeIntervals(collector, streams.grace());
  }

  /**
   * A node's next scrape must reach its windows before the grace forces them closed. It comes up to
   * one interval after the node's last scrape in a window, while the fleet's other scrapes push
   * stream time on: with an interval as long as the grace, a scrape that slips by a moment finds
   * the windows closed, and the rest of the node's tokens in them are dropped as late.
   */
  private static void requireGraceCoversScrapeIntervals(CollectorConfig collector, Duration grace) {
    for (int i = 0; i < collector.scrapeConfigs().size(); i++) {
      ScrapeConfig job = collector.scrapeConfigs().get(i);
      if (job.scrapeInterval().compareTo(grace) >= 0) {
        throw new IllegalArgumentException(
            "collector.scrape_configs["
                + i
                + "].scrape_interval ("
                + PrometheusDuration.format(job.scrapeInterval())
                + ", job \""
                + job.jobName()
                + "\") must be shorter than streams.grace ("
                + PrometheusDuration.format(grace)
                + "): windows would close before the job's next scrape and drop its tokens as"
                + " late; raise streams.grace");
      }
    }
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
