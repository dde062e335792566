package io.fleetpulse.collector.discovery;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code files} entry of a file_sd config: a directory and a glob over the names of the files
 * in it.
 */
final class FilePattern {

  private final Path directory;
  private final PathMatcher names;

  FilePattern(String pattern) {
    Path path = Path.of(pattern).toAbsolutePath().normalize();
    this.directory = path.getParent();
    this.names = FileSystems.getDefault().getPathMatcher("glob:" + path.getFileName());
  }

  /** Where the files live; the directory that is watched for changes. */
  Path directory() {
    return directory;
  }

  /** The regular files matching now; none when the directory does not exist (yet). */
  List<Path> matchingFiles() throws IOException {
    List<Path> files = new ArrayList<>();
    if (!Files.isDirectory(directory)) {
      return files;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path entry : entries) {
        if (names.matches(entry.getFileName()) && Files.isRegularFile(entry)) {
          files.add(entry);
        }
      }
    }
    return files;
  }
}
