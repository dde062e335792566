package io.fleetpulse.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The engines' real-format /metrics samples (the repository's {@code fixtures/engines}, packed in
 * by this module's pom), and vLLM's also in OpenMetrics as prometheus_client writes it, kept in
 * this module's resources so that the benchmarks run from the jar alone, wherever it is started.
 */
final class EngineFixture {

  private EngineFixture() {}

  /** The body of {@code fixtures/<file>}, e.g. vllm.prom or vllm.om. */
  static byte[] read(String file) {
    String resource = "/fixtures/" + file;
    try (InputStream in = EngineFixture.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + resource + " on the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
