package io.fleetpulse.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutated config files: each either loads or fails with a ConfigException of one line that names
 * its source and shows no secret; nothing else may escape. 100,000 texts here; {@code -Pfuzz} runs
 * 1,000,000.
 */
class ConfigFuzzTest {

  private static final int INPUTS = Integer.getInteger("fleetpulse.fuzz.inputs", 100_000);
  private static final String SECRET = "fz-secret-93b1";
  private static final String SEED =
      """
      kafka:
        bootstrap_servers: "k:9092"
        partitions: 6
      collector:
        scrape_interval: 5s
        body_size_limit: 50MB
        ingest: {listen: 127.0.0.1:9401, bearer_token: %s, max_latency: 1h}
        scrape_configs:
          - job_name: vllm
            scrape_timeout: 4s
            basic_auth: {username: u, password: "%s"}
            static_configs:
              - targets: ["10.0.0.1:8000"]
                labels: {cluster: us-east}
      streams:
        windows: [10s, 1m]
      sink:
        stale_after: 5m
      """
          .formatted(SECRET, SECRET);
  private static final List<String> PIECES =
      List.of(
          ":",
          " ",
          "\n",
          "  ",
          "- ",
          "[",
          "]",
          "{",
          "}",
          ",",
          "\"",
          "'",
          "#",
          "&a",
          "*a",
          "!!str ",
          "~",
          "null",
          "0",
          "-1",
          "99999999999999999999",
          "1e309",
          "5s",
          "0s",
          "-5s",
          "1.5MB",
          "\t",
          "|",
          ">",
          "?",
          "%",
          "@",
          "`",
          "\\",
          "scrape_configs:",
          "job_name:",
          "collector:");

  private final ConfigLoader loader = new ConfigLoader();

  @Test
  void mutatedConfigsLoadOrFailWithOneLine() {
    Random random = new Random(0xC0FF16L);
    int loaded = 0;
    for (int i = 0; i < INPUTS; i++) {
      int index = i;
      String text = i == 0 ? SEED : mutate(SEED, random);
      try {
        loader.parse(text, "fuzz.yml", Map.of());
        loaded++;
      } catch (ConfigException e) {
        String message = e.getMessage();
        assertEquals(
            1, message.lines().count(), () -> "input " + index + ": " + message + "\n" + text);
        assertTrue(message.startsWith("fuzz.yml"), message);
        assertFalse(
            message.contains(SECRET),
            () -> "input " + index + " shows the secret: " + message + "\n" + text);
      } catch (RuntimeException | StackOverflowError e) {
        throw new AssertionError("input " + i + " threw:\n" + text, e);
      }
    }
    assertTrue(loaded > 0, "the seed loads");
  }

  private static String mutate(String seed, Random random) {
    StringBuilder text = new StringBuilder(seed);
    int rounds = 1 + random.nextInt(3);
    for (int round = 0; round < rounds && text.length() > 0; round++) {
      int at = random.nextInt(text.length());
      switch (random.nextInt(4)) {
        case 0 -> text.insert(at, PIECES.get(random.nextInt(PIECES.size())));
        case 1 -> text.delete(at, Math.min(text.length(), at + 1 + random.nextInt(8)));
        case 2 -> text.setCharAt(at, (char) (' ' + random.nextInt(95)));
        default -> {
          int end = Math.min(text.length(), at + 1 + random.nextInt(40));
          text.insert(at, text.substring(at, end));
        }
      }
    }
    return text.toString();
  }
}
