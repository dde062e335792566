package io.fleetpulse.cli.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.schemas.Histogram;
import io.fleetpulse.schemas.MetricFamily;
import io.fleetpulse.schemas.MetricType;
import io.fleetpulse.schemas.Sample;
import io.fleetpulse.schemas.Scrape;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpstreamBaselinesTest {

  private static final long SCRAPE_MS = 5_000;

  @Test
  void kvAboveNinetyPercentFiresOnlyAfterTenMinutes() {
    UpstreamBaselines baselines = new UpstreamBaselines();
    for (long t = 0; t <= 20 * 60_000; t += SCRAPE_MS) {
      baselines.accept(scrape(t, t >= 5 * 60_000 ? 0.95 : 0.5, 0, null));
    }
    List<FiringEpisode> episodes = baselines.episodes().get(UpstreamBaselines.KV_HIGH);
    assertEquals(1, episodes.size());
    assertEquals(15 * 60_000, episodes.get(0).startMs());
    assertEquals(FiringEpisode.OPEN, episodes.get(0).endMs());
  }

  @Test
  void aFailedScrapeEndsTheEpisodeAndRestartsTheForClock() {
    UpstreamBaselines baselines = new UpstreamBaselines();
    long t = 0;
    for (; t <= 6 * 60_000; t += SCRAPE_MS) {
      baselines.accept(scrape(t, 0.5, 80, null));
    }
    baselines.accept(down(t));
    t += SCRAPE_MS;
    long resumed = t;
    for (; t <= resumed + 6 * 60_000; t += SCRAPE_MS) {
      baselines.accept(scrape(t, 0.5, 80, null));
    }
    List<FiringEpisode> episodes = baselines.episodes().get(UpstreamBaselines.WAITING_HIGH);
    assertEquals(2, episodes.size(), episodes.toString());
    assertEquals(5 * 60_000, episodes.get(0).startMs());
    assertEquals(6 * 60_000 + SCRAPE_MS, episodes.get(0).endMs());
    assertEquals(resumed + 5 * 60_000, episodes.get(1).startMs());
  }

  @Test
  void predictLinearIsTheLeastSquaresLineAtEvaluationTimeExtended() {
    Deque<UpstreamBaselines.Point> points = new ArrayDeque<>();
    for (int i = 0; i <= 60; i++) {
      points.add(new UpstreamBaselines.Point(i * 5_000L, 0.5 + 0.001 * i * 5));
    }
    // 0.001/s from 0.5 at t=0: 0.8 at t=300 s, and 0.8 + 0.3 five minutes later.
    assertEquals(1.1, UpstreamBaselines.predictLinear(points, 300_000, 300), 1e-9);
  }

  @Test
  void kvClimbingFiresThePredictionLongBeforeTheStaticRule() {
    UpstreamBaselines baselines = new UpstreamBaselines();
    for (long t = 0; t <= 40 * 60_000; t += SCRAPE_MS) {
      baselines.accept(scrape(t, Math.min(1.0, 0.3 + t / 1000.0 * 0.0005), 0, null));
    }
    long predict = baselines.episodes().get(UpstreamBaselines.KV_PREDICT).get(0).startMs();
    long level = baselines.episodes().get(UpstreamBaselines.KV_HIGH).get(0).startMs();
    // usage 0.3 + 0.0005/s reaches 0.9 at 1200 s and 1 at 1400 s; predicted above 1 from 1100 s on.
    assertEquals(1100_000, predict, SCRAPE_MS);
    assertEquals(1200_000 + 10 * 60_000, level, SCRAPE_MS);
  }

  @Test
  void ttftQuantileComesFromTheFiveMinuteIncrease() {
    UpstreamBaselines baselines = new UpstreamBaselines();
    double slow = 0;
    double fast = 0;
    for (long t = 0; t <= 30 * 60_000; t += SCRAPE_MS) {
      if (t >= 10 * 60_000) {
        slow += 10;
      } else {
        fast += 10;
      }
      baselines.accept(scrape(t, 0.5, 0, ttft(fast, slow)));
    }
    List<FiringEpisode> episodes = baselines.episodes().get(UpstreamBaselines.TTFT_P99_HIGH);
    assertEquals(1, episodes.size());
    // Slow requests alone fill the 5 m range's p99 above 10 s a little after 10 m; then 10 m of
    // "for".
    assertTrue(
        episodes.get(0).startMs() > 20 * 60_000 && episodes.get(0).startMs() < 21 * 60_000,
        episodes.toString());
  }

  private static Histogram ttft(double fastCount, double slowCount) {
    // Buckets 1 s, 20 s: fast requests take under 1 s, slow ones 15 s.
    double total = fastCount + slowCount;
    return new Histogram(
        Map.of(), List.of(1.0, 20.0), List.of(fastCount, total, total), 0.0, total);
  }

  private static Scrape scrape(long atMs, double kv, double waiting, Histogram ttft) {
    List<MetricFamily> families =
        new java.util.ArrayList<>(
            List.of(
                gauge("vllm:kv_cache_usage_perc", kv),
                gauge("vllm:num_requests_waiting", waiting)));
    if (ttft != null) {
      families.add(
          new MetricFamily(
              "vllm:time_to_first_token_seconds",
              MetricType.HISTOGRAM,
              null,
              List.of(),
              List.of(ttft)));
    }
    return new Scrape(
        "us-east",
        "10.0.0.1:8000",
        "vllm",
        "vllm",
        Instant.ofEpochMilli(atMs),
        0.01,
        true,
        null,
        Map.of(),
        families);
  }

  private static Scrape down(long atMs) {
    return new Scrape(
        "us-east",
        "10.0.0.1:8000",
        "vllm",
        "unknown",
        Instant.ofEpochMilli(atMs),
        0.01,
        false,
        "connection refused",
        Map.of(),
        List.of());
  }

  private static MetricFamily gauge(String name, double value) {
    return new MetricFamily(
        name,
        MetricType.GAUGE,
        null,
        List.of(new Sample(name, Map.of("model_name", "llama-8b"), value, null)),
        List.of());
  }
}
