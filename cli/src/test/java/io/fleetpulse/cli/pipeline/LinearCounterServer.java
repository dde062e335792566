package io.fleetpulse.cli.pipeline;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A plain HTTP server that serves vLLM-format text whose token counters grow at exactly known rates
 * from the moment it starts, so any window's true rate is known without reference to FleetPulse.
 */
final class LinearCounterServer implements AutoCloseable {

  private final HttpServer server;
  private final long startedNanos = System.nanoTime();
  private final double generationPerSecond;
  private final double promptPerSecond;
  private final int running;

  LinearCounterServer(double generationPerSecond, double promptPerSecond, int running)
      throws IOException {
    this.generationPerSecond = generationPerSecond;
    this.promptPerSecond = promptPerSecond;
    this.running = running;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/metrics",
        exchange -> {
          byte[] body = render().getBytes(StandardCharsets.UTF_8);
          exchange
              .getResponseHeaders()
              .set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
  }

  String target() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  private String render() {
    double seconds = (System.nanoTime() - startedNanos) / 1e9;
    String labels = "{engine=\"0\",model_name=\"m\"}";
    return String.format(
        Locale.ROOT,
        """
        # HELP vllm:num_requests_running Number of requests in model execution batches.
        # TYPE vllm:num_requests_running gauge
        vllm:num_requests_running%1$s %2$d.0
        # HELP vllm:num_requests_waiting Number of requests waiting to be processed.
        # TYPE vllm:num_requests_waiting gauge
        vllm:num_requests_waiting%1$s 1.0
        # HELP vllm:kv_cache_usage_perc KV-cache usage. 1 means 100 percent usage.
        # TYPE vllm:kv_cache_usage_perc gauge
        vllm:kv_cache_usage_perc%1$s 0.25
        # HELP vllm:prompt_tokens_total Number of prefill tokens processed.
        # TYPE vllm:prompt_tokens_total counter
        vllm:prompt_tokens_total%1$s %3$.6f
        # HELP vllm:generation_tokens_total Number of generation tokens processed.
        # TYPE vllm:generation_tokens_total counter
        vllm:generation_tokens_total%1$s %4$.6f
        """,
        labels,
        running,
        promptPerSecond * seconds,
        generationPerSecond * seconds);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
