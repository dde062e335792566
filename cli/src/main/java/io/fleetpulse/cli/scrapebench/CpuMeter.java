package io.fleetpulse.cli.scrapebench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * CPU used over a stretch of wall time, in cores: the whole process (from the OS, GC and JIT
 * included) and the part spent on threads whose name starts with a prefix, so a benchmark can tell
 * its load generator apart.
 */
public final class CpuMeter {

  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final String threadPrefix;
  private long wallStart;
  private long processStart;
  private long threadsStart;

  public CpuMeter(String threadPrefix) {
    this.threadPrefix = threadPrefix;
  }

  public void start() {
    wallStart = System.nanoTime();
    processStart = os.getProcessCpuTime();
    threadsStart = threadCpu();
  }

  /** Cores used since {@link #start()}: process and prefixed threads. */
  public Reading read() {
    double wall = System.nanoTime() - wallStart;
    return new Reading(
        (os.getProcessCpuTime() - processStart) / wall, (threadCpu() - threadsStart) / wall);
  }

  public record Reading(double processCores, double prefixedThreadCores) {}

  private long threadCpu() {
    long total = 0;
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().startsWith(threadPrefix)) {
        total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
      }
    }
    return total;
  }
}
