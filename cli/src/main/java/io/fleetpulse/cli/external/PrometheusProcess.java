package io.fleetpulse.cli.external;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetpulse.cli.broker.FreePort;
import io.fleetpulse.schemas.PrometheusDuration;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The real Prometheus server (the binary on PATH, from Debian's {@code prometheus} package) run as
 * a child process on a free loopback port, with its own config and storage in a directory of the
 * caller's; and its HTTP query API.
 */
public final class PrometheusProcess implements AutoCloseable {

  private static final Duration READY_LIMIT = Duration.ofSeconds(30);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final Path log;
  private final int port;

  private PrometheusProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /**
   * Starts Prometheus scraping {@code targets} (job vllm, with {@code cluster}) and waits until it
   * is ready.
   */
  public static PrometheusProcess start(
      Path dir,
      Duration scrapeInterval,
      Duration scrapeTimeout,
      List<String> targets,
      String cluster)
      throws IOException, InterruptedException {
    return start(
        dir,
        """
        global:
          scrape_interval: %s
          scrape_timeout: %s
        scrape_configs:
          - job_name: vllm
            static_configs:
              - targets: [%s]
                labels: {cluster: %s}
        """
            .formatted(
                PrometheusDuration.format(scrapeInterval),
                PrometheusDuration.format(scrapeTimeout),
                targets.stream().map(t -> '"' + t + '"').collect(Collectors.joining(", ")),
                cluster));
  }

  /**
   * Starts Prometheus with {@code configYaml} as its prometheus.yml and waits until it is ready.
   */
  public static PrometheusProcess start(Path dir, String configYaml)
      throws IOException, InterruptedException {
    Path binary = DebianTool.onPath("prometheus", "prometheus");
    Files.createDirectories(dir);
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, configYaml);
    int port = FreePort.find();
    Path log = dir.resolve("prometheus.log");
    Process process =
        new ProcessBuilder(
                binary.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    PrometheusProcess prometheus = new PrometheusProcess(process, log, port);
    try {
      prometheus.awaitReady();
    } catch (IOException | InterruptedException | RuntimeException e) {
      prometheus.close();
      throw e;
    }
    return prometheus;
  }

  /** Where its HTTP API listens, e.g. {@code http://127.0.0.1:9090}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /**
   * Evaluates an instant query at {@code timeMs} and returns the value of its one result, or empty
   * when the result is empty.
   */
  public OptionalDouble query(String promql, long timeMs) throws IOException, InterruptedException {
    JsonNode result = result(promql, timeMs);
    if (result.isEmpty()) {
      return OptionalDouble.empty();
    }
    if (result.size() > 1) {
      throw new IllegalStateException("expected one series from " + promql + ", got " + result);
    }
    return OptionalDouble.of(Double.parseDouble(result.get(0).path("value").get(1).asText()));
  }

  /**
   * Evaluates an instant query at {@code timeMs} and returns its result: the array of series and
   * values.
   */
  public JsonNode result(String promql, long timeMs) throws IOException, InterruptedException {
    String url =
        baseUrl()
            + "/api/v1/query?query="
            + URLEncoder.encode(promql, StandardCharsets.UTF_8)
            + "&time="
            + String.format(Locale.ROOT, "%.3f", timeMs / 1000.0);
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode body = JSON.readTree(response.body());
    if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
      throw new IllegalStateException(
          "Prometheus refused "
              + promql
              + " (HTTP "
              + response.statusCode()
              + "): "
              + response.body());
    }
    return body.path("data").path("result");
  }

  /** The server's process id, for reading its CPU time from /proc. */
  public long pid() {
    return process.pid();
  }

  /** Prometheus' own log so far, for failure messages. */
  public String logText() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private void awaitReady() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + READY_LIMIT.toNanos();
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/-/ready"))
            .timeout(Duration.ofSeconds(2))
            .build();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Prometheus exited with code " + process.exitValue() + ":\n" + logText());
      }
      try {
        if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notListeningYet) {
        // Polled again below until the deadline.
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(
        "Prometheus was not ready on port " + port + " within " + READY_LIMIT + ":\n" + logText());
  }
}
