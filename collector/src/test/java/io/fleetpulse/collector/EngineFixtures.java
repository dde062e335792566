package io.fleetpulse.collector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The real-format engine /metrics samples in the repository's {@code fixtures/engines}. */
public final class EngineFixtures {

  private static final Path DIRECTORY = Path.of("../fixtures/engines");

  private EngineFixtures() {}

  /** The body of {@code <engine>.prom}: vllm, tgi, llamacpp or sglang. */
  public static byte[] read(String engine) {
    try {
      return Files.readAllBytes(DIRECTORY.resolve(engine + ".prom"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
