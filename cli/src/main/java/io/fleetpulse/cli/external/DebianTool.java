package io.fleetpulse.cli.external;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An external tool a test runs, found on PATH, or a failure naming the Debian package that provides
 * it.
 */
public final class DebianTool {

  private DebianTool() {}

  /** The executable {@code name} on PATH; fails naming {@code debianPackage} when it is missing. */
  public static Path onPath(String name, String debianPackage) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "the "
            + name
            + " binary is not on PATH: install the Debian package `"
            + debianPackage
            + "` (apt-get install "
            + debianPackage
            + "; .ci/run does so when it is missing)");
  }
}
