package io.fleetpulse.collector.discovery;

import io.fleetpulse.collector.config.FileSdConfig;
import io.fleetpulse.collector.config.StaticConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every file_sd config of the collector on one thread, the way Prometheus does: each config's
 * files are read when start() is called, again as soon as their directory reports a change, and
 * every refresh interval regardless (a change a watch can miss, e.g. on a network file system,
 * still arrives).
 */
public final class FileDiscovery implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(FileDiscovery.class);

  /**
   * Editors and config tools write a file in steps; waiting this long after a change reads it
   * whole.
   */
  private static final long SETTLE_MILLIS = 100;

  /** A directory that never stops changing is still read this often. */
  private static final long MAX_SETTLE_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final List<FileSdSource> sources = new ArrayList<>();
  private final Map<WatchKey, Path> watchedDirectories = new HashMap<>();
  private final WatchService watcher;
  private Thread thread;
  private volatile boolean closed;

  public FileDiscovery() {
    try {
      watcher = FileSystems.getDefault().newWatchService();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot watch file_sd directories", e);
    }
  }

  /**
   * Adds a config before {@link #start()}; {@code listener} receives all its groups whenever they
   * change.
   */
  public synchronized void add(
      String job, FileSdConfig config, Consumer<List<StaticConfig>> listener) {
    if (thread != null) {
      throw new IllegalStateException("file_sd configs are added before start");
    }
    sources.add(new FileSdSource(job, config, listener));
  }

  /**
   * Reads every config's files once (its listener hears the first groups before this returns), then
   * watches.
   */
  public synchronized void start() {
    if (thread != null || closed) {
      return;
    }
    long now = System.nanoTime();
    for (FileSdSource source : sources) {
      watch(source);
      source.refresh(now);
    }
    thread = new Thread(this::run, "fleetpulse-file-sd");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void close() {
    closed = true;
    try {
      watcher.close();
    } catch (IOException e) {
      log.debug("closing the file_sd watcher failed", e);
    }
    Thread running;
    synchronized (this) {
      running = thread;
    }
    if (running != null) {
      running.interrupt();
      try {
        running.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void run() {
    try {
      while (!closed) {
        Set<Path> changed = awaitChanges(nanosUntilNextRefresh());
        long now = System.nanoTime();
        for (FileSdSource source : sources) {
          if (source.nextRefreshNanos() <= now
              || source.directories().stream().anyMatch(changed::contains)) {
            watch(source);
            source.refresh(now);
          }
        }
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // Closing.
    } catch (RuntimeException e) {
      log.error("file_sd stopped: targets from files no longer follow their changes", e);
    }
  }

  private long nanosUntilNextRefresh() {
    long next =
        sources.stream().mapToLong(FileSdSource::nextRefreshNanos).min().orElse(Long.MAX_VALUE);
    return Math.max(0, next - System.nanoTime());
  }

  /** The directories that reported changes, once they have settled; none when the wait ran out. */
  private Set<Path> awaitChanges(long waitNanos) throws InterruptedException {
    Set<Path> changed = new HashSet<>();
    WatchKey key = watcher.poll(waitNanos, TimeUnit.NANOSECONDS);
    long settleDeadline = System.nanoTime() + MAX_SETTLE_NANOS;
    while (key != null) {
      key.pollEvents();
      Path directory = watchedDirectories.get(key);
      if (directory != null) {
        changed.add(directory);
      }
      if (!key.reset()) {
        // The directory is gone; the next refresh watches it again if it comes back.
        watchedDirectories.remove(key);
      }
      key =
          System.nanoTime() < settleDeadline
              ? watcher.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS)
              : null;
    }
    return changed;
  }

  /** Watches the source's directories that exist and are not watched yet. */
  private void watch(FileSdSource source) {
    for (Path directory : source.directories()) {
      if (watchedDirectories.containsValue(directory) || !Files.isDirectory(directory)) {
        continue;
      }
      try {
        watchedDirectories.put(
            directory.register(
                watcher,
                StandardWatchEventKinds.ENTRY_CREATE,
                StandardWatchEventKinds.ENTRY_DELETE,
                StandardWatchEventKinds.ENTRY_MODIFY),
            directory);
      } catch (IOException e) {
        log.warn(
            "cannot watch file_sd directory {}, its files are read every refresh_interval only: {}",
            directory,
            e.toString());
      }
    }
  }
}
