package io.fleetpulse.collector.scrape;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Whatever the machine, the collector's JVM lets the HTTP client hand results over without a thread
 * per scrape.
 */
class CommonPoolParallelismTest {

  @Test
  void installAsksForACommonPoolThatIsTheDefaultExecutor() {
    CommonPoolParallelism.install();

    String asked = System.getProperty(CommonPoolParallelism.PROPERTY);
    int parallelism =
        asked != null ? Integer.parseInt(asked) : Runtime.getRuntime().availableProcessors() - 1;
    assertTrue(
        parallelism >= CommonPoolParallelism.MINIMUM,
        "CompletableFuture's default executor would start a thread per task at parallelism "
            + parallelism);
  }
}
