package io.fleetpulse.simulator.metrics;

import io.fleetpulse.simulator.batching.EngineListener;
import io.fleetpulse.simulator.batching.FinishedRequest;
import io.fleetpulse.simulator.batching.StepReport;
import io.fleetpulse.simulator.exposition.Counter;
import io.fleetpulse.simulator.exposition.CounterFamily;
import io.fleetpulse.simulator.exposition.ExpositionRegistry;
import io.fleetpulse.simulator.exposition.Gauge;
import io.fleetpulse.simulator.exposition.GaugeFamily;
import io.fleetpulse.simulator.exposition.LabelSet;

/**
 * The python_gc_*, python_info and process_* families prometheus_client adds to every vLLM
 * endpoint. They move a little with the load so a collector meets them as the noise they are, not
 * as frozen constants.
 */
public final class PythonProcessMetrics implements EngineListener {

  private static final int GC_GENERATIONS = 3;
  private static final long OBJECTS_COLLECTED_PER_REQUEST = 37;

  /** Python's gc thresholds make each older generation run about ten times less often. */
  private static final long REQUESTS_PER_YOUNG_COLLECTION = 20;

  private static final double CPU_SHARE_OF_STEP_TIME = 0.03;
  private static final double BASE_RESIDENT_BYTES = 2.1e9;
  private static final double RESIDENT_BYTES_PER_RUNNING_REQUEST = 2 * 1024 * 1024;
  private static final int BASE_OPEN_FDS = 48;

  private final Counter[] objectsCollected = new Counter[GC_GENERATIONS];
  private final Counter[] collections = new Counter[GC_GENERATIONS];
  private final Gauge residentBytes;
  private final Gauge startTime;
  private final Counter cpuSeconds;
  private final Gauge openFds;
  private long finishedSinceStart;

  public PythonProcessMetrics(ExpositionRegistry registry, double startEpochSeconds) {
    CounterFamily collected =
        registry.register(
            CounterFamily.withoutCreated(
                "python_gc_objects_collected", "Objects collected during gc"));
    CounterFamily uncollectable =
        registry.register(
            CounterFamily.withoutCreated(
                "python_gc_objects_uncollectable", "Uncollectable objects found during GC"));
    CounterFamily collectionRuns =
        registry.register(
            CounterFamily.withoutCreated(
                "python_gc_collections", "Number of times this generation was collected"));
    for (int generation = 0; generation < GC_GENERATIONS; generation++) {
      LabelSet labels = LabelSet.of("generation", Integer.toString(generation));
      objectsCollected[generation] = collected.add(labels);
      uncollectable.add(labels);
      collections[generation] = collectionRuns.add(labels);
    }
    registry
        .register(new GaugeFamily("python_info", "Python platform information"))
        .add(
            LabelSet.of(
                "implementation",
                "CPython",
                "major",
                "3",
                "minor",
                "12",
                "patchlevel",
                "3",
                "version",
                "3.12.3"))
        .set(1);
    registry
        .register(new GaugeFamily("process_virtual_memory_bytes", "Virtual memory size in bytes."))
        .add(LabelSet.EMPTY)
        .set(4.2949672960e10);
    residentBytes =
        registry
            .register(
                new GaugeFamily("process_resident_memory_bytes", "Resident memory size in bytes."))
            .add(LabelSet.EMPTY);
    startTime =
        registry
            .register(
                new GaugeFamily(
                    "process_start_time_seconds",
                    "Start time of the process since unix epoch in seconds."))
            .add(LabelSet.EMPTY);
    cpuSeconds =
        registry
            .register(
                CounterFamily.withoutCreated(
                    "process_cpu_seconds", "Total user and system CPU time spent in seconds."))
            .add(LabelSet.EMPTY);
    openFds =
        registry
            .register(new GaugeFamily("process_open_fds", "Number of open file descriptors."))
            .add(LabelSet.EMPTY);
    registry
        .register(new GaugeFamily("process_max_fds", "Maximum number of open file descriptors."))
        .add(LabelSet.EMPTY)
        .set(1048576);
    restart(startEpochSeconds);
  }

  /** Sets the gauges a new process starts with; the registry zeroes the counters. */
  public void restart(double startEpochSeconds) {
    finishedSinceStart = 0;
    // psutil reports the start time in clock ticks of 10 ms.
    startTime.set(Math.floor(startEpochSeconds * 100) / 100);
    schedulerState(0, 0, 0);
  }

  @Override
  public void schedulerState(int running, int waiting, double kvCacheUsage) {
    residentBytes.set(BASE_RESIDENT_BYTES + running * RESIDENT_BYTES_PER_RUNNING_REQUEST);
    openFds.set(BASE_OPEN_FDS + running + waiting);
  }

  @Override
  public void stepFinished(StepReport step) {
    cpuSeconds.inc(step.durationSeconds() * CPU_SHARE_OF_STEP_TIME);
  }

  @Override
  public void requestFinished(FinishedRequest request) {
    finishedSinceStart++;
    objectsCollected[0].inc(OBJECTS_COLLECTED_PER_REQUEST);
    long period = REQUESTS_PER_YOUNG_COLLECTION;
    for (int generation = 0;
        generation < GC_GENERATIONS && finishedSinceStart % period == 0;
        generation++) {
      collections[generation].inc(1);
      if (generation + 1 < GC_GENERATIONS) {
        objectsCollected[generation + 1].inc(OBJECTS_COLLECTED_PER_REQUEST / (generation + 2));
      }
      period *= 10;
    }
  }
}
