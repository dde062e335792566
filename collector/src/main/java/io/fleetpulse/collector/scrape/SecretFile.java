package io.fleetpulse.collector.scrape;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A password or token kept in a file, read as Prometheus reads one: on use, surrounding whitespace
 * trimmed, so a rotated secret takes effect at the next scrape. Thousands of targets may share one
 * file, so its content is only read again when its modification time or size changes.
 */
final class SecretFile {

  private record Snapshot(long modifiedMillis, long size, String secret) {
    /** A record's own toString would show the secret. */
    @Override
    public String toString() {
      return "Snapshot[modifiedMillis=" + modifiedMillis + ", size=" + size + ", secret=<hidden>]";
    }
  }

  private final Path path;
  private volatile Snapshot last;

  SecretFile(String path) {
    this.path = Path.of(path);
  }

  /** Names the file only, never its content. */
  @Override
  public String toString() {
    return "SecretFile[" + path + "]";
  }

  String read() {
    try {
      BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
      long modified = attributes.lastModifiedTime().toMillis();
      Snapshot snapshot = last;
      if (snapshot == null
          || snapshot.modifiedMillis() != modified
          || snapshot.size() != attributes.size()) {
        snapshot =
            new Snapshot(
                modified,
                attributes.size(),
                Files.readString(path, StandardCharsets.UTF_8).strip());
        last = snapshot;
      }
      return snapshot.secret();
    } catch (IOException e) {
      throw new ScrapeFailure(
          FailureCategory.OTHER, "cannot read " + path + ": " + e.getMessage(), e);
    }
  }
}
