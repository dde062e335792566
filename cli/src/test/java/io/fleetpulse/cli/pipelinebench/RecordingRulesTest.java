package io.fleetpulse.cli.pipelinebench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.cli.external.DebianTool;
import io.fleetpulse.cli.face.ToolRun;
import io.fleetpulse.collector.config.ScrapeConfig;
import io.fleetpulse.collector.config.StaticConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingRulesTest {

  private static final List<Duration> WINDOWS =
      List.of(Duration.ofSeconds(10), Duration.ofMinutes(1));

  @TempDir Path dir;

  @Test
  void oneGroupPerWindowEvaluatedOncePerWindowWithEveryScope() {
    String yaml = RecordingRules.yaml(WINDOWS);

    assertEquals(RecordingRules.count(2), yaml.split("- record: ", -1).length - 1);
    assertTrue(yaml.contains("  - name: fleetpulse-10s\n    interval: 10s\n"), yaml);
    assertTrue(yaml.contains("  - name: fleetpulse-1m\n    interval: 1m\n"), yaml);
    assertTrue(
        yaml.contains(
            "      - record: cluster_model_1m:generation_tokens:rate\n"
                + "        expr: 'sum by (cluster, model) (increase(vllm:generation_tokens_total[1m])) / 60'\n"),
        yaml);
    assertTrue(
        yaml.contains(
            "expr: 'histogram_quantile(0.99, sum by (le) (increase(vllm:time_to_first_token_seconds_bucket[10s])))'"),
        yaml);
  }

  /**
   * promtool, from Debian's prometheus package, reads the config and its rules as Prometheus would.
   */
  @Test
  void prometheusAcceptsTheConfigAndTheRules() throws Exception {
    Path rules = dir.resolve("rules.yml");
    Files.writeString(rules, RecordingRules.yaml(WINDOWS));
    ScrapeConfig job =
        new ScrapeConfig(
            "vllm",
            null,
            null,
            null,
            null,
            List.of(
                new StaticConfig(
                    List.of("127.0.0.1:9001", "127.0.0.1:9002"),
                    Map.of("cluster", "bench-1", "model", "meta-llama/Llama-3.1-8B-Instruct"))));
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(
        config,
        PrometheusOpponent.config(job, Duration.ofSeconds(5), Duration.ofSeconds(4), rules));

    ToolRun run =
        ToolRun.of(
            DebianTool.onPath("promtool", "prometheus"),
            List.of("check", "config", config.toString()));

    assertEquals(0, run.exitCode(), run.describe());
    assertTrue(
        run.output().contains("SUCCESS: " + RecordingRules.count(2) + " rules found"),
        run.describe());
  }
}
