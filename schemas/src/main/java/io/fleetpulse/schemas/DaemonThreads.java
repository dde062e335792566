package io.fleetpulse.schemas;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Numbered daemon threads for the services' and the simulator's pools: a component nobody closed
 * must not keep the JVM alive, and the name says in a thread dump which pool a thread serves.
 */
public final class DaemonThreads implements ThreadFactory {

  private final String prefix;
  private final AtomicInteger count = new AtomicInteger();

  /**
   * @param prefix the thread names up to their number, separator included
   */
  public DaemonThreads(String prefix) {
    this.prefix = prefix;
  }

  @Override
  public Thread newThread(Runnable task) {
    Thread thread = new Thread(task, prefix + count.incrementAndGet());
    thread.setDaemon(true);
    return thread;
  }
}
