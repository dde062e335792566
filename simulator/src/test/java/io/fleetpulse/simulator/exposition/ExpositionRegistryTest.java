package io.fleetpulse.simulator.exposition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExpositionRegistryTest {

  private static final double CREATED = 1795835430.5;

  private static String render(ExpositionRegistry registry) {
    StringBuilder out = new StringBuilder();
    registry.render(out);
    return out.toString();
  }

  @Test
  void rendersCounterWithCreatedFamilyLikePrometheusClient() {
    ExpositionRegistry registry = new ExpositionRegistry();
    Counter counter =
        registry
            .register(CounterFamily.withCreated("vllm:num_preemptions", "Preemptions.", CREATED))
            .add(LabelSet.of("engine", "0"));
    counter.inc(23);
    assertEquals(
        """
                # HELP vllm:num_preemptions_total Preemptions.
                # TYPE vllm:num_preemptions_total counter
                vllm:num_preemptions_total{engine="0"} 23.0
                # HELP vllm:num_preemptions_created Preemptions.
                # TYPE vllm:num_preemptions_created gauge
                vllm:num_preemptions_created{engine="0"} 1.7958354305e+09
                """,
        render(registry));
  }

  @Test
  void rendersHistogramBucketsCumulativelyWithCountBeforeSum() {
    ExpositionRegistry registry = new ExpositionRegistry();
    Histogram histogram =
        registry
            .register(new HistogramFamily("h", "Help.", new double[] {0.1, 1.0}, CREATED))
            .add(LabelSet.of("model_name", "m", "engine", "0"));
    histogram.observe(0.05);
    histogram.observe(0.5, 3);
    histogram.observe(7);
    assertEquals(
        """
                # HELP h Help.
                # TYPE h histogram
                h_bucket{engine="0",le="0.1",model_name="m"} 1.0
                h_bucket{engine="0",le="1.0",model_name="m"} 4.0
                h_bucket{engine="0",le="+Inf",model_name="m"} 5.0
                h_count{engine="0",model_name="m"} 5.0
                h_sum{engine="0",model_name="m"} 8.55
                # HELP h_created Help.
                # TYPE h_created gauge
                h_created{engine="0",model_name="m"} 1.7958354305e+09
                """,
        render(registry));
  }

  @Test
  void restartZeroesCountersAndHistogramsButKeepsGauges() {
    ExpositionRegistry registry = new ExpositionRegistry();
    Counter counter =
        registry.register(CounterFamily.withoutCreated("c", "C.")).add(LabelSet.EMPTY);
    Gauge gauge = registry.register(new GaugeFamily("g", "G.")).add(LabelSet.EMPTY);
    Histogram histogram =
        registry
            .register(new HistogramFamily("h", "H.", new double[] {1}, CREATED))
            .add(LabelSet.EMPTY);
    counter.inc(5);
    gauge.set(3);
    histogram.observe(0.5);

    registry.restart(CREATED + 100);

    assertEquals(0, counter.value());
    assertEquals(3, gauge.value());
    assertEquals(0, histogram.count());
    assertEquals(0, histogram.sum());
    String page = render(registry);
    assertTrue(page.contains("h_created 1.7958355305e+09\n"), page);
    assertTrue(page.contains("c_total 0.0\n"), page);
  }

  @Test
  void refusesInvalidInput() {
    ExpositionRegistry registry = new ExpositionRegistry();
    registry.register(new GaugeFamily("g", "G."));
    assertThrows(
        IllegalArgumentException.class, () -> registry.register(new GaugeFamily("g", "again")));
    assertThrows(IllegalArgumentException.class, () -> new GaugeFamily("bad-name", "x"));
    assertThrows(
        IllegalArgumentException.class, () -> CounterFamily.withoutCreated("c_total", "x"));
    assertThrows(
        IllegalArgumentException.class,
        () -> new HistogramFamily("h", "x", new double[] {1, 1}, CREATED));
    Counter counter = CounterFamily.withoutCreated("c", "x").add(LabelSet.EMPTY);
    assertThrows(IllegalArgumentException.class, () -> counter.inc(-1));
  }
}
