package io.fleetpulse.cli.faults;

import io.fleetpulse.cli.config.ConfigLoader;
import io.fleetpulse.cli.pipeline.Component;
import io.fleetpulse.cli.pipeline.Pipeline;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * One streams-app instance in a JVM of its own, so that a test can SIGKILL it. Runs until killed,
 * or until its standard input ends (the test that started it is gone), then closes.
 */
public final class StreamsInstance {

  private StreamsInstance() {}

  public static void main(String[] args) throws IOException {
    try (Pipeline pipeline =
        Pipeline.start(
            new ConfigLoader().load(Path.of(args[0]), System.getenv()),
            Set.of(Component.STREAMS))) {
      System.out.println("streams instance started");
      while (System.in.read() != -1) {
        // Nothing is ever written; reading only tells when the parent has gone.
      }
    }
  }
}
