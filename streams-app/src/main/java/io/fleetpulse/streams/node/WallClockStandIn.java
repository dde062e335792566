package io.fleetpulse.streams.node;

import io.fleetpulse.streams.window.WindowPolicy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;

/**
 * Whether the wall clock may stand in for the stream time of a node-stage task: one decision, taken
 * from the task's scrapes, that its request events follow too. Were the event stage to follow the
 * clock on a quiet spell of its own, then on input older than the clock (a replay, or the buffers a
 * collector sends after a broker outage) it would jump ahead of the data for good, and every event
 * that comes after its window's scrapes would find the window closed.
 *
 * <p>Shared by the processors of every task of one app instance; a task's two processors run on the
 * same stream thread, but a task may move to another thread, hence the concurrent map.
 */
public final class WallClockStandIn {

  private final WindowPolicy policy;
  private final IntPredicate backlogged;
  private final Map<Integer, Quiet> tasks = new ConcurrentHashMap<>();

  /**
   * @param backlogged whether the app's consumers have input not yet read for a task's partition:
   *     the wall clock never stands in then, however long the task has seen no scrape
   */
  public WallClockStandIn(WindowPolicy policy, IntPredicate backlogged) {
    this.policy = policy;
    this.backlogged = backlogged;
  }

  /**
   * The node stage of {@code partition} took a scrape at {@code wallClockMs}, or started then;
   * {@code knowsNodes}: whether it now waits on any node.
   */
  void heard(int partition, long wallClockMs, boolean knowsNodes) {
    tasks.put(partition, new Quiet(wallClockMs, knowsNodes));
  }

  /** The node stage of {@code partition} no longer waits on any node, or waits on some again. */
  void knowsNodes(int partition, boolean knowsNodes) {
    tasks.computeIfPresent(partition, (any, quiet) -> new Quiet(quiet.sinceMs(), knowsNodes));
  }

  /** Whether the clock stands in at {@code wallClockMs}; never for a task not yet started. */
  public boolean standsIn(int partition, long wallClockMs) {
    Quiet quiet = tasks.get(partition);
    return quiet != null
        && policy.idle(wallClockMs, quiet.sinceMs(), quiet.knowsNodes())
        && !backlogged.test(partition);
  }

  private record Quiet(long sinceMs, boolean knowsNodes) {}
}
