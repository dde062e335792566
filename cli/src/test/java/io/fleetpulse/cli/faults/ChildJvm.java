package io.fleetpulse.cli.faults;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A main class of the test classpath run in a JVM of its own, which the test can kill as an
 * operator would.
 */
final class ChildJvm implements AutoCloseable {

  private final Process process;
  private final Path log;

  private ChildJvm(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code main} with {@code args} and {@code env} added, its output going to {@code log}.
   */
  static ChildJvm start(Class<?> main, List<String> args, Map<String, String> env, Path log)
      throws IOException {
    return start(main, List.of(), args, env, log);
  }

  /** As {@link #start(Class, List, Map, Path)}, the JVM given {@code jvmOptions} too. */
  static ChildJvm start(
      Class<?> main, List<String> jvmOptions, List<String> args, Map<String, String> env, Path log)
      throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(args);
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    return new ChildJvm(builder.start(), log);
  }

  /** Waits for a line of its output to match {@code pattern}, and returns the match. */
  Matcher awaitOutput(Pattern pattern, Duration limit) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline && process.isAlive()) {
      for (String line : Files.readAllLines(log)) {
        Matcher matcher = pattern.matcher(line);
        if (matcher.find()) {
          return matcher;
        }
      }
      Thread.sleep(200);
    }
    return fail(
        "no line of "
            + log
            + " matched "
            + pattern
            + " within "
            + limit.toSeconds()
            + " s (process "
            + (process.isAlive() ? "running" : "ended")
            + ")");
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /**
   * SIGTERM, as {@code kill} or a service manager sends it: the shutdown hooks run. Returns the
   * exit code.
   */
  int terminate() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      fail("the process did not end within 60 s of SIGTERM");
    }
    return process.exitValue();
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
