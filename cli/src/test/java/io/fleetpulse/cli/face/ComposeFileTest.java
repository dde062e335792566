package io.fleetpulse.cli.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fleetpulse.cli.config.ConfigLoader;
import io.fleetpulse.cli.config.FleetPulseConfig;
import io.fleetpulse.cli.external.DebianTool;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml as Compose reads it (Debian's docker-compose, no Docker daemon needed), and
 * its wiring: the FleetPulse config it mounts loads, and Prometheus scrapes each FleetPulse service
 * where that config makes it listen.
 */
class ComposeFileTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void composeAcceptsTheFile() throws Exception {
    ToolRun run = compose("config", "-q");

    assertEquals(0, run.exitCode(), run.describe());
  }

  @Test
  void theStackRunsKafkaTheFleetPulseServicesPrometheusAndGrafana() throws Exception {
    ToolRun run = compose("config", "--services");

    assertEquals(0, run.exitCode(), run.describe());
    assertEquals(
        Set.of(
            "kafka",
            "collector",
            "simulator",
            "streams-app-1",
            "streams-app-2",
            "sink",
            "prometheus",
            "grafana"),
        new TreeSet<>(run.output().lines().map(String::strip).filter(l -> !l.isEmpty()).toList()));
  }

  @Test
  void prometheusScrapesEachFleetPulseServiceWhereItsConfigListens() throws IOException {
    FleetPulseConfig config =
        new ConfigLoader()
            .load(ToolRun.REPOSITORY.resolve("deploy/fleetpulse-compose.yml"), Map.of());
    JsonNode prometheus =
        YAML.readTree(ToolRun.REPOSITORY.resolve("prometheus/prometheus.yml").toFile());
    Map<String, List<String>> targetsByJob = new TreeMap<>();
    for (JsonNode job : prometheus.path("scrape_configs")) {
      List<String> targets = new ArrayList<>();
      job.path("static_configs")
          .forEach(group -> group.path("targets").forEach(t -> targets.add(t.asText())));
      targetsByJob.put(job.path("job_name").asText(), targets);
    }

    assertEquals("kafka:9092", config.kafka().bootstrapServers());
    assertEquals(
        List.of("sink:" + port(config.sink().listen())), targetsByJob.get("fleetpulse-sink"));
    assertEquals(
        List.of("collector:" + port(config.collector().ingest().listen())),
        targetsByJob.get("fleetpulse-collector"));
    int streams = port(config.streams().listen());
    assertEquals(
        List.of("streams-app-1:" + streams, "streams-app-2:" + streams),
        targetsByJob.get("fleetpulse-streams"));
    for (String listen :
        List.of(
            config.sink().listen(),
            config.collector().ingest().listen(),
            config.streams().listen())) {
      assertTrue(listen.startsWith("0.0.0.0:"), "reachable from other containers: " + listen);
    }
  }

  private static ToolRun compose(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("-f", "docker-compose.yml"));
    command.addAll(List.of(arguments));
    return ToolRun.of(DebianTool.onPath("docker-compose", "docker-compose"), command);
  }

  private static int port(String listen) {
    return Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
  }
}
