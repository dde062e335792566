package io.fleetpulse.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The scratch directory a command makes for its brokers and state, and removes afterwards. */
final class WorkDirectory {

  private WorkDirectory() {}

  /** Deletes {@code dir} and everything under it, deepest first. */
  static void deleteRecursively(Path dir) throws IOException {
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(dir)) {
      paths = walk.sorted(Comparator.reverseOrder()).toList();
    }
    for (Path path : paths) {
      Files.deleteIfExists(path);
    }
  }
}
