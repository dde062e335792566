package io.fleetpulse.cli.testing;

import io.fleetpulse.cli.scaleout.ApportionedCounter;
import io.fleetpulse.schemas.MetricFamily;
import io.fleetpulse.schemas.Sample;
import io.fleetpulse.schemas.Scrape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One node's counter as the collector published it on the scrapes topic: the good scrapes, in the
 * order they were published, each with the counter's value summed over its series. What DESIGN.md's
 * counter rule makes of them is computed here independently of the streams app, to hold its results
 * against.
 */
public final class PublishedCounter {

  /** One good scrape: when it started, the counter's value, and how long the scrape took. */
  public record Reading(long timestampMs, double value, double durationSeconds) {}

  /** Two consecutive good scrapes and the increase between them (the value after a reset). */
  public record Interval(Reading from, Reading to) {

    /**
     * This interval's increase apportioned to {@code [startMs, endMs)} in proportion to the
     * overlap.
     */
    public double shareOf(long startMs, long endMs) {
      return ApportionedCounter.shareOf(
          from.timestampMs(), from.value(), to.timestampMs(), to.value(), startMs, endMs);
    }
  }

  private final List<Reading> readings = new ArrayList<>();

  /**
   * Reads the whole scrapes topic and returns each node's {@code sampleName} counter, by
   * "cluster/instance". Failed scrapes carry no values and are left out, as is a scrape not after
   * its node's previous good one.
   */
  public static Map<String, PublishedCounter> readAll(
      String bootstrapServers, String topic, String sampleName) {
    Map<String, PublishedCounter> counters = new LinkedHashMap<>();
    for (ConsumerRecord<String, Scrape> record :
        TopicReader.readAll(bootstrapServers, topic, Scrape.class)) {
      if (record.value().getUp()) {
        counters
            .computeIfAbsent(record.key(), key -> new PublishedCounter())
            .add(record.value(), sampleName);
      }
    }
    return counters;
  }

  private void add(Scrape scrape, String sampleName) {
    long timestampMs = scrape.getTimestampMs().toEpochMilli();
    if (!readings.isEmpty() && timestampMs <= readings.get(readings.size() - 1).timestampMs()) {
      return;
    }
    double value = 0;
    for (MetricFamily family : scrape.getFamilies()) {
      for (Sample sample : family.getSamples()) {
        if (sample.getName().equals(sampleName)) {
          value += sample.getValue();
        }
      }
    }
    readings.add(new Reading(timestampMs, value, scrape.getDurationSeconds()));
  }

  /**
   * The counter's increase apportioned to {@code [startMs, endMs)}: DESIGN.md's rule for the
   * windows.
   */
  public double apportionedIncrease(long startMs, long endMs) {
    double total = 0;
    for (int i = 1; i < readings.size(); i++) {
      total += new Interval(readings.get(i - 1), readings.get(i)).shareOf(startMs, endMs);
    }
    return total;
  }

  /** The interval (from, to] that contains {@code atMs}. */
  public Interval straddling(long atMs) {
    for (int i = 1; i < readings.size(); i++) {
      if (readings.get(i - 1).timestampMs() < atMs && atMs <= readings.get(i).timestampMs()) {
        return new Interval(readings.get(i - 1), readings.get(i));
      }
    }
    throw new IllegalStateException(
        "no two good scrapes around "
            + atMs
            + "; scrapes span "
            + (readings.isEmpty()
                ? "nothing"
                : readings.get(0).timestampMs()
                    + ".."
                    + readings.get(readings.size() - 1).timestampMs()));
  }
}
