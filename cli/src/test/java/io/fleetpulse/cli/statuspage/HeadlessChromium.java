package io.fleetpulse.cli.statuspage;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The installed Chromium, headless, each run with a fresh profile: a page's rendered DOM, or a
 * picture of it.
 */
final class HeadlessChromium {

  private static final Path BINARY = Path.of("/usr/bin/chromium");
  private static final Duration RUN_LIMIT = Duration.ofSeconds(90);

  private final Path profiles;

  HeadlessChromium(Path profiles) {
    if (!Files.isExecutable(BINARY)) {
      fail(
          BINARY
              + " is missing: the status page is checked in a real browser; install Debian's chromium"
              + " package (apt-get install chromium), as .ci/run does");
    }
    this.profiles = profiles;
  }

  /** The DOM after the page's scripts have run for {@code scriptTime} of virtual time. */
  String renderedDom(String url, Duration scriptTime) throws IOException, InterruptedException {
    return run(List.of("--virtual-time-budget=" + scriptTime.toMillis(), "--dump-dom", url));
  }

  /**
   * Writes a PNG of the page at {@code width} x {@code height} after {@code scriptTime} of virtual
   * time.
   */
  void screenshot(String url, Duration scriptTime, Path png, int width, int height)
      throws IOException, InterruptedException {
    Files.createDirectories(png.toAbsolutePath().getParent());
    Files.deleteIfExists(png);
    run(
        List.of(
            "--virtual-time-budget=" + scriptTime.toMillis(),
            "--hide-scrollbars",
            "--screenshot=" + png.toAbsolutePath(),
            "--window-size=" + width + "," + height,
            url));
    if (!Files.isRegularFile(png) || Files.size(png) == 0) {
      fail("chromium wrote no screenshot to " + png);
    }
  }

  private String run(List<String> arguments) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                BINARY.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory(profiles, "chromium-profile")));
    command.addAll(arguments);
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    CompletableFuture<String> output =
        CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
    if (!process.waitFor(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      fail("chromium did not finish within " + RUN_LIMIT + ": " + command);
    }
    if (process.exitValue() != 0) {
      fail("chromium exited with " + process.exitValue() + ": " + command);
    }
    return output.join();
  }

  private static String readAll(InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("reading chromium's output failed", e);
    }
  }
}
