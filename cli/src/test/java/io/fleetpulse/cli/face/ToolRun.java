package io.fleetpulse.cli.face;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An external tool run to completion in the repository root: its exit code and its output (stdout
 * and stderr).
 */
public record ToolRun(List<String> command, int exitCode, String output) {

  /** The repository root: the cli module's tests run in cli/. */
  public static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

  private static final long LIMIT_SECONDS = 120;

  public static ToolRun of(Path binary, List<String> arguments)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(arguments);
    Process process =
        new ProcessBuilder(command)
            .directory(REPOSITORY.toFile())
            .redirectErrorStream(true)
            .start();
    process.getOutputStream().close();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(command + " did not finish within " + LIMIT_SECONDS + " s");
    }
    return new ToolRun(command, process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }

  /** The command, its exit code and output, for assertion messages. */
  public String describe() {
    return String.join(" ", command) + " exited " + exitCode + ":\n" + output;
  }
}
