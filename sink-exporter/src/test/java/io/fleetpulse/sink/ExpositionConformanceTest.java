package io.fleetpulse.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.fleetpulse.collector.parse.ExpositionFormat;
import io.fleetpulse.collector.parse.Parsers;
import io.fleetpulse.schemas.AvroSerde;
import io.fleetpulse.schemas.MetricFamily;
import io.fleetpulse.schemas.Signal;
import io.fleetpulse.schemas.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;

/**
 * Everything the sink can export at once, checked by the tools that will read it: {@code promtool
 * check metrics} (Prometheus' own linter) without a single warning, and FleetPulse's own parsers in
 * both formats.
 */
class ExpositionConformanceTest {

  private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
  private static final Topics TOPICS = Topics.withDefaultPrefix();
  private static final Instant T = Instant.parse("2025-03-01T12:00:00Z");
  private static final String OPENMETRICS =
      "application/openmetrics-text; version=1.0.0; charset=utf-8";

  private final ScriptedConsumer kafka = new ScriptedConsumer();
  private final HttpClient http = HttpClient.newHttpClient();
  private SinkExporter exporter;

  @BeforeEach
  void start() throws Exception {
    exporter =
        new SinkExporter(
            TOPICS,
            new SinkConfig("127.0.0.1:0", null, null, null, null, null),
            MutableClock.of(T, ZoneOffset.UTC),
            () -> kafka);
    kafka.createTopic(TOPICS.signals(), 1, 0);
    exporter.start();
    RichOutput.windows(T).forEach(exporter.latest()::offer);
    AvroSerde<Signal> serde = new AvroSerde<>(Signal.class);
    List<Signal> signals = RichOutput.signals(T);
    kafka.schedulePollTask(
        () -> {
          for (int i = 0; i < signals.size(); i++) {
            kafka.addRecord(
                new ConsumerRecord<>(TOPICS.signals(), 0, i, null, serde.encode(signals.get(i))));
          }
        });
    awaitSignals(signals.size());
  }

  @AfterEach
  void stop() {
    exporter.close();
  }

  @Test
  void promtoolFindsNothingToWarnAbout() throws Exception {
    String text = scrape("text/plain");

    Promtool result = promtool(text);

    assertEquals("", result.output(), "promtool check metrics on the sink's output:\n" + text);
    assertEquals(0, result.exitCode(), result.output());
  }

  @Test
  void openMetricsOutputParsesWithFleetPulsesOwnParserAndWithPromtool() throws Exception {
    String body = scrape(OPENMETRICS);
    assertTrue(body.endsWith("# EOF\n"), body);

    List<MetricFamily> families =
        Parsers.forFormat(ExpositionFormat.OPENMETRICS_TEXT)
            .parse(body.getBytes(StandardCharsets.UTF_8));

    assertTrue(
        families.stream()
            .anyMatch(f -> f.getName().equals("fleetpulse_time_to_first_token_seconds")),
        families.toString());
    assertTrue(families.stream().anyMatch(f -> f.getName().equals("fleetpulse_signal_active")));
    // promtool lints the classic text format, whose counter HELP is named with _total; parsing is
    // what counts.
    Promtool result = promtool(body);
    assertTrue(result.exitCode() == 0 || result.exitCode() == 3, result.output());
    assertTrue(!result.output().contains("error"), result.output());
  }

  @Test
  void textOutputParsesWithFleetPulsesOwnParser() throws Exception {
    String text = scrape("text/plain");

    List<MetricFamily> families =
        Parsers.forFormat(ExpositionFormat.PROMETHEUS_TEXT)
            .parse(text.getBytes(StandardCharsets.UTF_8));

    assertTrue(families.size() >= 20, families.toString());
  }

  private record Promtool(int exitCode, String output) {}

  private static Promtool promtool(String exposition) throws IOException, InterruptedException {
    if (!Files.isExecutable(PROMTOOL)) {
      fail(
          PROMTOOL
              + " is missing: install Prometheus' promtool (Debian: apt-get install prometheus), as .ci/run"
              + " does, to check the sink's output");
    }
    Process process =
        new ProcessBuilder(PROMTOOL.toString(), "check", "metrics")
            .redirectErrorStream(true)
            .start();
    process.getOutputStream().write(exposition.getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("promtool did not finish within 60 s");
    }
    return new Promtool(process.exitValue(), output);
  }

  private String scrape(String accept) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + exporter.port() + "/metrics"))
            .header("Accept", accept)
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode());
    return response.body();
  }

  private void awaitSignals(int count) throws Exception {
    String line =
        "fleetpulse_sink_records_consumed_total{topic=\""
            + TOPICS.signals()
            + "\"} "
            + count
            + ".0";
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      if (scrape("text/plain").lines().anyMatch(line::equals)) {
        return;
      }
      Thread.sleep(20);
    }
    fail("the signals never reached the sink: no '" + line + "'");
  }
}
