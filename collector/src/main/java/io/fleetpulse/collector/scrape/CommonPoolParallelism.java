package io.fleetpulse.collector.scrape;

import java.util.concurrent.ForkJoinPool;

/**
 * Keeps the JDK's HTTP client from starting a thread per scrape. Its {@code sendAsync} hands every
 * completed exchange through CompletableFuture's default executor, which is the common pool only
 * when that pool's parallelism is at least 2, and otherwise a new thread per task: on a 2-core
 * machine (parallelism 1) every scrape started and ended a thread, which made scraping several
 * times slower. The JDK reads the parallelism once, when the common pool is first used, so {@link
 * #install()} runs first thing in the entry point; an operator's own {@code
 * -Djava.util.concurrent.ForkJoinPool.common.parallelism} wins.
 */
public final class CommonPoolParallelism {

  static final String PROPERTY = "java.util.concurrent.ForkJoinPool.common.parallelism";

  /** The hand-over tasks are tiny: two threads carry them for any number of targets. */
  static final int MINIMUM = 2;

  private CommonPoolParallelism() {}

  public static void install() {
    if (System.getProperty(PROPERTY) == null
        && Runtime.getRuntime().availableProcessors() - 1 < MINIMUM) {
      System.setProperty(PROPERTY, Integer.toString(MINIMUM));
    }
  }

  /**
   * Whether the common pool is in use as the default executor, i.e. no thread is started per
   * scrape.
   */
  public static boolean effective() {
    return ForkJoinPool.getCommonPoolParallelism() >= MINIMUM;
  }
}
