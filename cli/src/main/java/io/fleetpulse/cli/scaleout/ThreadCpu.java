package io.fleetpulse.cli.scaleout;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * CPU time of the live threads whose name contains a string, such as a Kafka Streams client id: its
 * stream threads and its clients' network threads ({@code kafka-producer-network-thread | <client
 * id>-StreamThread-1-producer}) all carry it. A thread that has ended is no longer counted, so read
 * before the threads are stopped.
 */
final class ThreadCpu {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private ThreadCpu() {}

  /** CPU nanoseconds of the live threads whose name contains {@code part}. */
  static long nanos(String part) {
    long total = 0;
    for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (info != null && info.getThreadName().contains(part)) {
        total += Math.max(0, THREADS.getThreadCpuTime(info.getThreadId()));
      }
    }
    return total;
  }

  /** CPU nanoseconds of the whole process, from the OS: GC, JIT and the brokers included. */
  static long processNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
