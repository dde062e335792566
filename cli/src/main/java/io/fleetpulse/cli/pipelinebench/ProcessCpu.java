package io.fleetpulse.cli.pipelinebench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time of another process, from Linux's /proc/<pid>/stat (user plus system time). */
final class ProcessCpu {

  /** Linux reports /proc times in USER_HZ, which is 100 on every architecture it exports. */
  private static final long TICKS_PER_SECOND = 100;

  private ProcessCpu() {}

  static long nanos(long pid) throws IOException {
    return nanosOf(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
  }

  /**
   * The stat line's utime and stime (fields 14 and 15), counted after the command name, which is in
   * parentheses and may itself hold spaces and parentheses.
   */
  static long nanosOf(String stat) {
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    // fields[0] is field 3 (state), so field n is fields[n - 3].
    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    return ticks * (1_000_000_000L / TICKS_PER_SECOND);
  }
}
