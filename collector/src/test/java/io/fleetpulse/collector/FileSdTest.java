package io.fleetpulse.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.collector.config.CollectorConfig;
import io.fleetpulse.collector.config.FileSdConfig;
import io.fleetpulse.collector.config.ScrapeConfig;
import io.fleetpulse.schemas.Scrape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Targets from file_sd files, followed as the files change, through a running collector. */
class FileSdTest {

  private static final Duration PATIENCE = Duration.ofSeconds(10);

  @TempDir Path dir;

  private final RecordingPublisher publisher = new RecordingPublisher();

  private Collector collector() {
    // A refresh interval far beyond the test: every change must arrive through the directory watch.
    FileSdConfig files =
        new FileSdConfig(
            List.of(dir.resolve("*.json").toString(), dir.resolve("*.yaml").toString()),
            Duration.ofMinutes(30));
    ScrapeConfig job =
        new ScrapeConfig(
            "vllm",
            Duration.ofMillis(200),
            Duration.ofMillis(200),
            null,
            null,
            null,
            null,
            null,
            null,
            List.of(files),
            null,
            null,
            null,
            null);
    return new Collector(new CollectorConfig(null, null, List.of(job)), publisher);
  }

  private void write(String name, String content) throws Exception {
    Path temporary = Files.writeString(dir.resolve(name + ".tmp"), content);
    Files.move(temporary, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
  }

  private static String group(MetricsServer server, String cluster, String model) {
    return "{\"targets\": [\""
        + server.target()
        + "\"], \"labels\": {\"cluster\": \""
        + cluster
        + "\", \"model\": \""
        + model
        + "\"}}";
  }

  private Scrape scrapeOf(MetricsServer server) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      Scrape scrape = publisher.next(PATIENCE);
      if (scrape.getInstance().equals(server.target())) {
        return scrape;
      }
    }
    throw new AssertionError("no scrape of " + server.target());
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(20);
    }
  }

  @Test
  void scrapesTargetsFromJsonAndYamlFilesWithTheirGroupLabels() throws Exception {
    byte[] body = EngineFixtures.read("llamacpp");
    try (MetricsServer a = MetricsServer.serving(MetricsServer.body(body));
        MetricsServer b = MetricsServer.serving(MetricsServer.body(body))) {
      write("a.json", "[" + group(a, "us-east", "llama-3") + "]");
      write(
          "b.yaml",
          "- targets: ['" + b.target() + "']\n  labels: {cluster: eu-west, model: qwen}\n");
      try (Collector collector = collector()) {
        collector.start();
        assertEquals(2, collector.targetCount(), "files are read before the first scrape");

        Scrape fromJson = scrapeOf(a);
        Scrape fromYaml = scrapeOf(b);
        assertEquals("us-east", fromJson.getCluster());
        assertEquals(
            Map.of("cluster", "us-east", "model", "llama-3", "job", "vllm", "instance", a.target()),
            fromJson.getTargetLabels());
        assertEquals("eu-west", fromYaml.getCluster());
        assertEquals("qwen", fromYaml.getTargetLabels().get("model"));
      }
    }
  }

  @Test
  void followsFilesAsTheyChangeAndKeepsTheLastTargetsOfABrokenFile() throws Exception {
    byte[] body = EngineFixtures.read("llamacpp");
    try (MetricsServer a = MetricsServer.serving(MetricsServer.body(body));
        MetricsServer b = MetricsServer.serving(MetricsServer.body(body));
        MetricsServer c = MetricsServer.serving(MetricsServer.body(body))) {
      write("a.json", "[" + group(a, "x", "m") + "]");
      write("b.yaml", "- targets: ['" + b.target() + "']\n");
      try (Collector collector = collector()) {
        collector.start();
        scrapeOf(a);

        write("a.json", "[" + group(a, "x", "m") + ", " + group(c, "x", "m") + "]");
        await(() -> collector.targetCount() == 3, "the added target is scheduled");
        assertEquals("x", scrapeOf(c).getCluster());

        Files.delete(dir.resolve("b.yaml"));
        await(() -> collector.targetCount() == 2, "the target of the deleted file is dropped");
        int scrapesOfB = b.arrivals().size();
        Thread.sleep(600);
        assertTrue(
            b.arrivals().size() <= scrapesOfB + 1,
            "b is no longer scraped (one may have been in flight)");

        write("a.json", "[" + group(a, "x", "m") + ", {\"targets\": [");
        Thread.sleep(600);
        assertEquals(2, collector.targetCount(), "a broken file keeps its last targets");
        int scrapesOfC = c.arrivals().size();
        await(() -> c.arrivals().size() > scrapesOfC, "c is still scraped");
      }
    }
  }
}
