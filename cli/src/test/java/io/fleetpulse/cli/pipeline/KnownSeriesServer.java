package io.fleetpulse.cli.pipeline;

import com.sun.net.httpserver.HttpServer;
import io.fleetpulse.simulator.exposition.Counter;
import io.fleetpulse.simulator.exposition.CounterFamily;
import io.fleetpulse.simulator.exposition.ExpositionRegistry;
import io.fleetpulse.simulator.exposition.Histogram;
import io.fleetpulse.simulator.exposition.HistogramFamily;
import io.fleetpulse.simulator.exposition.LabelSet;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * A vLLM-format /metrics whose every value is a known function of the wall clock, for comparing two
 * scrapers of it: the token counters grow linearly at fixed rates from the moment the server
 * starts, and the TTFT histogram (vLLM's bucket bounds) receives batches of observations only at
 * fixed instants deep inside epoch-aligned windows, and only in the windows that are this server's
 * turn.
 *
 * <p>Every histogram bucket starts from a large count, so a scraper that estimates how long ago a
 * counter was zero (Prometheus' increase() does) never takes a bucket's own start for the series
 * start.
 */
final class KnownSeriesServer implements AutoCloseable {

  /**
   * vLLM's PREFILL_LATENCY bounds (vllm/v1/metrics/buckets.py), those of
   * vllm:time_to_first_token_seconds.
   */
  private static final double[] TTFT_BOUNDS = {
    0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0,
    20.0, 40.0, 80.0, 160.0, 640.0, 2560.0
  };

  /**
   * Offsets into each window at which a batch is observed: far from both ends compared with a
   * scrape interval.
   */
  private static final long[] BATCH_OFFSETS_MS = {3_500, 6_500};

  /**
   * Observations per batch: with two batches a window holds 46, and 0.99 x 46 is no whole count.
   */
  private static final int OBSERVATIONS_PER_BATCH = 23;

  private static final long BASE_OBSERVATIONS = 1_000;

  private final double generationPerSecond;
  private final double promptPerSecond;
  private final int turn;
  private final int turns;
  private final long windowMs;
  private final long startedMs = System.currentTimeMillis();
  private final ExpositionRegistry registry = new ExpositionRegistry();
  private final Counter generationTokens;
  private final Counter promptTokens;
  private final Histogram timeToFirstToken;
  private final HttpServer http;
  private long observedThroughMs = startedMs;

  /**
   * @param turn this server observes TTFT in the windows whose index (epoch ms / window) modulo
   *     {@code turns} is {@code turn}, so with one server per turn every window's observations come
   *     from exactly one server
   */
  KnownSeriesServer(
      double generationPerSecond, double promptPerSecond, int turn, int turns, long windowMs)
      throws IOException {
    this.generationPerSecond = generationPerSecond;
    this.promptPerSecond = promptPerSecond;
    this.turn = turn;
    this.turns = turns;
    this.windowMs = windowMs;
    LabelSet labels = LabelSet.of("engine", "0", "model_name", "m");
    double created = startedMs / 1000.0;
    promptTokens =
        registry
            .register(
                CounterFamily.withCreated(
                    "vllm:prompt_tokens", "Number of prefill tokens processed.", created))
            .add(labels);
    generationTokens =
        registry
            .register(
                CounterFamily.withCreated(
                    "vllm:generation_tokens", "Number of generation tokens processed.", created))
            .add(labels);
    timeToFirstToken =
        registry
            .register(
                new HistogramFamily(
                    "vllm:time_to_first_token_seconds",
                    "Histogram of time to first token in seconds.",
                    TTFT_BOUNDS,
                    created))
            .add(labels);
    timeToFirstToken.observe(TTFT_BOUNDS[0] / 2, BASE_OBSERVATIONS);
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.createContext(
        "/metrics",
        exchange -> {
          byte[] body = render();
          exchange.getResponseHeaders().set("Content-Type", ExpositionRegistry.CONTENT_TYPE);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    http.start();
  }

  String target() {
    return "127.0.0.1:" + http.getAddress().getPort();
  }

  double generationPerSecond() {
    return generationPerSecond;
  }

  private synchronized byte[] render() {
    long now = Math.max(System.currentTimeMillis(), observedThroughMs);
    double seconds = (now - startedMs) / 1000.0;
    growTo(generationTokens, generationPerSecond * seconds);
    growTo(promptTokens, promptPerSecond * seconds);
    observeBatchesThrough(now);
    StringBuilder page = new StringBuilder();
    registry.render(page);
    return page.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Rounding may leave a counter a hair above its target; it must never go down. */
  private static void growTo(Counter counter, double target) {
    counter.inc(Math.max(0, target - counter.value()));
  }

  /** Applies every batch due after the last render and at or before {@code now}. */
  private void observeBatchesThrough(long now) {
    for (long window = Math.floorDiv(observedThroughMs, windowMs);
        window * windowMs <= now;
        window++) {
      if (Math.floorMod(window, turns) != turn) {
        continue;
      }
      for (long offset : BATCH_OFFSETS_MS) {
        long at = window * windowMs + offset;
        if (at > observedThroughMs && at <= now) {
          observeBatch(at);
        }
      }
    }
    observedThroughMs = now;
  }

  /** A batch drawn from a generator seeded by its instant, log-uniform between 20 ms and 4 s. */
  private void observeBatch(long atMs) {
    SplittableRandom random = new SplittableRandom(atMs);
    for (int i = 0; i < OBSERVATIONS_PER_BATCH; i++) {
      timeToFirstToken.observe(0.02 * Math.pow(200, random.nextDouble()));
    }
  }

  @Override
  public void close() {
    http.stop(0);
  }
}
