package io.fleetpulse.cli.pipelinebench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * CPU time of this process over a measured stretch, split by {@link Part}: every live thread's CPU
 * time (ThreadMXBean) is read at each {@link #sample()}, so a thread that ends between two samples
 * keeps what it had used at the one before. What no live thread accounts for (GC, the JIT compiler,
 * threads that ended since their last sample) is the process' CPU time minus the threads'.
 */
public final class ThreadCpuLedger {

  private static final int BUSIEST_UNATTRIBUTED = 3;

  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final Function<String, Part> partOf;
  private final Map<Long, Long> startNanosByThread = new HashMap<>();
  private final Map<Long, Long> lastNanosByThread = new HashMap<>();
  private final Map<Long, Part> partByThread = new HashMap<>();
  private final Map<Long, String> nameByThread = new HashMap<>();
  private long processStart;
  private long processLast;
  private boolean started;

  public ThreadCpuLedger(Function<String, Part> partOf) {
    this.partOf = partOf;
  }

  /** Begins the measured stretch: CPU used before now does not count. */
  public synchronized void start() {
    startNanosByThread.clear();
    lastNanosByThread.clear();
    partByThread.clear();
    nameByThread.clear();
    processStart = os.getProcessCpuTime();
    processLast = processStart;
    read(true);
    started = true;
  }

  /** Reads every thread's CPU time again; call it often enough that short-lived threads show. */
  public synchronized void sample() {
    if (!started) {
      return;
    }
    processLast = os.getProcessCpuTime();
    read(false);
  }

  /** CPU time used since {@link #start()} up to the last {@link #sample()}. */
  public synchronized Usage usage() {
    Map<Part, Long> byPart = new EnumMap<>(Part.class);
    for (Part part : Part.values()) {
      byPart.put(part, 0L);
    }
    long threadTotal = 0;
    Map<String, Long> unattributed = new HashMap<>();
    for (Map.Entry<Long, Long> last : lastNanosByThread.entrySet()) {
      long used = last.getValue() - startNanosByThread.getOrDefault(last.getKey(), 0L);
      Part part = partByThread.get(last.getKey());
      byPart.merge(part, used, Long::sum);
      threadTotal += used;
      if (part == Part.UNATTRIBUTED && used > 0) {
        unattributed.merge(nameByThread.get(last.getKey()), used, Long::sum);
      }
    }
    List<String> busiest =
        unattributed.entrySet().stream()
            .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
            .limit(BUSIEST_UNATTRIBUTED)
            .map(Map.Entry::getKey)
            .toList();
    long process = processLast - processStart;
    return new Usage(byPart, process, Math.max(0, process - threadTotal), busiest);
  }

  private void read(boolean atStart) {
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info == null) {
        continue;
      }
      long id = info.getThreadId();
      long cpu = threads.getThreadCpuTime(id);
      if (cpu < 0) {
        continue;
      }
      if (atStart) {
        startNanosByThread.put(id, cpu);
      }
      lastNanosByThread.put(id, cpu);
      partByThread.computeIfAbsent(id, unused -> partOf.apply(info.getThreadName()));
      nameByThread.putIfAbsent(id, info.getThreadName());
    }
  }

  /**
   * @param nanosByPart CPU nanoseconds of the live threads of each part
   * @param processNanos the whole process' CPU nanoseconds
   * @param outsideThreadsNanos what no sampled thread accounts for: GC, JIT, threads that ended
   * @param busiestUnattributed the names of the unattributed threads that used the most CPU, most
   *     first
   */
  public record Usage(
      Map<Part, Long> nanosByPart,
      long processNanos,
      long outsideThreadsNanos,
      List<String> busiestUnattributed) {

    public long nanos(Part part) {
      return nanosByPart.getOrDefault(part, 0L);
    }
  }
}
