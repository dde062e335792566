package io.fleetpulse.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fleetpulse.collector.config.ScrapeConfig;
import io.fleetpulse.collector.config.TlsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A job's options as fleetpulse.example.yml shows them and as a config file's errors name them. */
class ScrapeJobOptionsTest {

  private static final PropertyNamingStrategies.SnakeCaseStrategy SNAKE_CASE =
      new PropertyNamingStrategies.SnakeCaseStrategy();

  private final ConfigLoader loader = new ConfigLoader();

  /** The commented-out job of the example, as YAML: every line from "# scrape_configs:" on. */
  private static JsonNode exampleJob() throws Exception {
    List<String> lines = Files.readAllLines(Path.of("..", "fleetpulse.example.yml"));
    int start = lines.indexOf("  # scrape_configs:");
    String job =
        lines.subList(start, lines.size()).stream()
            .takeWhile(line -> line.startsWith("  #"))
            .map(line -> line.substring(Math.min(line.length(), 4)))
            .collect(Collectors.joining("\n"));
    return new YAMLMapper().readTree(job).get("scrape_configs").get(0);
  }

  private static List<String> options(Class<? extends Record> type) {
    return Arrays.stream(type.getRecordComponents())
        .map(component -> SNAKE_CASE.translate(component.getName()))
        .toList();
  }

  @Test
  void theExampleJobShowsEveryJobOptionAndEveryTlsOption() throws Exception {
    JsonNode job = exampleJob();

    for (String option : options(ScrapeConfig.class)) {
      assertTrue(job.has(option), "fleetpulse.example.yml's job does not show " + option);
    }
    for (String option : options(TlsConfig.class)) {
      assertTrue(job.get("tls_config").has(option), "its tls_config does not show " + option);
    }
  }

  @Test
  void anUnusableTlsFileIsAConfigErrorNamingTheOptionAndItsLine() {
    String message =
        assertThrows(
                ConfigException.class,
                () ->
                    loader.parse(
                        """
                        collector:
                          scrape_configs:
                            - job_name: vllm
                              scheme: https
                              tls_config:
                                ca_file: /nonexistent/ca.pem
                        """,
                        "fleetpulse.yml",
                        Map.of()))
            .getMessage();

    assertEquals(
        "fleetpulse.yml:6: collector.scrape_configs[0].tls_config.ca_file: "
            + "\"/nonexistent/ca.pem\": no such file",
        message);
  }

  @Test
  void aJobReadsItsTlsConfig() {
    TlsConfig tls =
        loader
            .parse(
                """
                collector:
                  scrape_configs:
                    - job_name: vllm
                      scheme: https
                      tls_config: {server_name: vllm.internal, insecure_skip_verify: true}
                """,
                "fleetpulse.yml",
                Map.of())
            .collector()
            .scrapeConfigs()
            .get(0)
            .tlsConfig();

    assertEquals(new TlsConfig(null, null, null, "vllm.internal", true, "TLS12"), tls);
  }
}
