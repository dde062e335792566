package io.fleetpulse.collector.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Targets read from files, as Prometheus' {@code file_sd_configs}: each pattern names JSON or YAML
 * files holding a list of {@code {targets: [...], labels: {...}}} groups. Only the last path
 * segment may hold wildcards ({@code targets/*.json}); relative paths are taken from the working
 * directory. The files are re-read when they change and every {@code refresh_interval} besides.
 */
public record FileSdConfig(List<String> files, Duration refreshInterval) {

  public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofMinutes(5);
  private static final List<String> EXTENSIONS = List.of(".json", ".yml", ".yaml");

  public FileSdConfig {
    if (files == null || files.isEmpty()) {
      throw new IllegalArgumentException("file_sd_configs entry lists no files");
    }
    files = List.copyOf(files);
    for (String file : files) {
      if (file == null || !hasTargetFileExtension(file) || wildcardBeforeLastSegment(file)) {
        throw new IllegalArgumentException(
            "file_sd_configs file \""
                + file
                + "\" must end in .json, .yml or .yaml, with wildcards only in its last path segment");
      }
    }
    refreshInterval = refreshInterval == null ? DEFAULT_REFRESH_INTERVAL : refreshInterval;
    Durations.requirePositive(refreshInterval, "file_sd_configs refresh_interval");
  }

  private static boolean hasTargetFileExtension(String file) {
    String lower = file.toLowerCase(Locale.ROOT);
    return EXTENSIONS.stream().anyMatch(lower::endsWith);
  }

  private static boolean wildcardBeforeLastSegment(String file) {
    String directory = file.substring(0, Math.max(0, file.lastIndexOf('/')));
    return directory.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
  }
}
