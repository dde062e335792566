package io.fleetpulse.streams.node;

import io.fleetpulse.streams.profile.CounterSample;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one node's cumulative counter series into increases since its previous scrape, with
 * Prometheus' reset rule: a series that went down restarted from zero, so its whole current value
 * is new.
 */
public final class CounterDeltaTracker {

  private CounterDeltaTracker() {}

  /**
   * @param increases per canonical counter key present in the current scrape (e.g. {@code
   *     generation_tokens}, {@code requests_finished/stop}), the increase summed over its series
   *     (e.g. vLLM's data-parallel ranks); a counter the scrape lacks is absent
   * @param series the current value of every series, to compare the next scrape against
   */
  public record Deltas(Map<String, Double> increases, Map<String, Double> series) {

    public Deltas {
      increases = Map.copyOf(increases);
      series = Map.copyOf(series);
    }
  }

  /**
   * @param previous each series' value at the previous scrape, by {@link CounterSample#seriesKey()}
   * @param current this scrape's counter series; a series absent from {@code previous} is new and
   *     contributes nothing, and a previous series absent here is forgotten, as Prometheus treats a
   *     series gone stale
   */
  public static Deltas track(Map<String, Double> previous, List<CounterSample> current) {
    Map<String, CounterSample> bySeries = new HashMap<>();
    for (CounterSample sample : current) {
      bySeries.put(sample.seriesKey(), sample);
    }
    Map<String, Double> increases = new HashMap<>();
    Map<String, Double> series = new HashMap<>();
    bySeries.forEach(
        (key, sample) -> {
          Double before = previous.get(key);
          double now = sample.value();
          double increase = before == null ? 0.0 : now < before ? now : now - before;
          increases.merge(sample.key(), increase, Double::sum);
          series.put(key, now);
        });
    return new Deltas(increases, series);
  }
}
