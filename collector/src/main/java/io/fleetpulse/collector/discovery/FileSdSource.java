package io.fleetpulse.collector.discovery;

import io.fleetpulse.collector.config.FileSdConfig;
import io.fleetpulse.collector.config.StaticConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The target groups of one file_sd config, as its files say now. As in Prometheus, a file that
 * cannot be read or parsed keeps the groups it last had (so a half-written file never drops
 * targets), a file that is gone takes its groups with it, and the listener hears only of real
 * changes.
 */
final class FileSdSource {

  private static final Logger log = LoggerFactory.getLogger(FileSdSource.class);

  private final String job;
  private final FileSdConfig config;
  private final List<FilePattern> patterns;
  private final Consumer<List<StaticConfig>> listener;
  private Map<Path, List<StaticConfig>> lastGood = new TreeMap<>();
  private final Map<Path, String> lastErrors = new HashMap<>();
  private List<StaticConfig> published;
  private long nextRefreshNanos;

  FileSdSource(String job, FileSdConfig config, Consumer<List<StaticConfig>> listener) {
    this.job = job;
    this.config = config;
    this.patterns = config.files().stream().map(FilePattern::new).toList();
    this.listener = listener;
  }

  Set<Path> directories() {
    Set<Path> directories = new TreeSet<>();
    patterns.forEach(pattern -> directories.add(pattern.directory()));
    return directories;
  }

  long nextRefreshNanos() {
    return nextRefreshNanos;
  }

  /** Reads the files again and tells the listener if their groups changed. */
  void refresh(long nowNanos) {
    nextRefreshNanos = nowNanos + config.refreshInterval().toNanos();
    Map<Path, List<StaticConfig>> current = new TreeMap<>();
    for (Path file : matchingFiles()) {
      try {
        current.put(file, TargetFile.read(file));
        if (lastErrors.remove(file) != null) {
          log.info("file_sd file {} (job {}) is valid again", file, job);
        }
      } catch (IOException | InvalidTargetFileException e) {
        String reason =
            e instanceof InvalidTargetFileException ? e.getMessage() : "cannot read: " + e;
        List<StaticConfig> kept = lastGood.getOrDefault(file, List.of());
        current.put(file, kept);
        if (!Objects.equals(lastErrors.put(file, reason), reason)) {
          log.warn(
              "file_sd file {} (job {}) is invalid, keeping its last {} target groups: {}",
              file,
              job,
              kept.size(),
              reason);
        }
      }
    }
    lastErrors.keySet().retainAll(current.keySet());
    lastGood = current;
    List<StaticConfig> groups = new ArrayList<>();
    current.values().forEach(groups::addAll);
    if (!groups.equals(published)) {
      published = groups;
      listener.accept(List.copyOf(groups));
    }
  }

  private Set<Path> matchingFiles() {
    Set<Path> files = new TreeSet<>();
    for (FilePattern pattern : patterns) {
      try {
        files.addAll(pattern.matchingFiles());
      } catch (IOException e) {
        // Without a listing nothing is known to be gone: keep what the last refresh found there.
        log.warn(
            "file_sd directory {} (job {}) cannot be listed, keeping its files' targets: {}",
            pattern.directory(),
            job,
            e.toString());
        lastGood.keySet().stream()
            .filter(file -> file.getParent().equals(pattern.directory()))
            .forEach(files::add);
      }
    }
    return files;
  }
}
