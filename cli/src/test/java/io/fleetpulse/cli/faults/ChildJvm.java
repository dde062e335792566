package io.fleetpulse.cli.faults;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A main class of the test classpath run in a JVM of its own, which the test can kill as an operator would. */
final class ChildJvm implements AutoCloseable {

  private final Process process;

  private ChildJvm(Process process) {
    this.process = process;
  }

  /** Starts {@code main} with {@code args} and {@code env} added, its output going to {@code log}. */
  static ChildJvm start(Class<?> main, List<String> args, Map<String, String> env, Path log) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
        "-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    return new ChildJvm(builder.start());
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL: no shutdown hook, no close, nothing flushed. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }
}
