package io.fleetpulse.streams.health;

import io.fleetpulse.schemas.Signal;
import io.fleetpulse.schemas.SignalState;
import io.fleetpulse.schemas.contract.Scope;
import io.fleetpulse.schemas.contract.SignalName;
import io.fleetpulse.streams.window.WindowPolicy;
import java.time.Instant;
import java.util.Map;

/**
 * Whether the pipeline is behind: a node-stage task processing records older than the wall clock by
 * more than the grace. Such a task holds its windows open (they close on completeness, never by the
 * clock), so its windows are late but right; this says so out loud, as a Signal on each change and
 * as the health gauge.
 */
public final class PipelineBehind {

  /** The signals topic key of the pipeline's own signal. */
  public static final String KEY = Scope.FLEET.label() + "/" + SignalName.PIPELINE_BEHIND.id();

  private final WindowPolicy policy;
  private final Map<String, Long> behindSinceByTask;

  /**
   * @param behindSinceByTask shared with the health gauge: since when each behind task has been
   *     behind
   */
  public PipelineBehind(WindowPolicy policy, Map<String, Long> behindSinceByTask) {
    this.policy = policy;
    this.behindSinceByTask = behindSinceByTask;
  }

  /**
   * A task processed a record of {@code recordTimeMs}: the signal when that changed whether it is
   * behind.
   */
  public Signal observe(String task, long wallClockMs, long recordTimeMs) {
    Long since = behindSinceByTask.get(task);
    if (since == null && policy.behind(wallClockMs, recordTimeMs)) {
      behindSinceByTask.put(task, wallClockMs);
      return signal(SignalState.FIRING, wallClockMs, wallClockMs, recordTimeMs);
    }
    if (since != null && policy.caughtUp(wallClockMs, recordTimeMs)) {
      behindSinceByTask.remove(task);
      return signal(SignalState.RESOLVED, since, wallClockMs, recordTimeMs);
    }
    return null;
  }

  /** A task has been idle: it has read everything, so it is not behind. */
  public Signal idle(String task, long wallClockMs) {
    Long since = behindSinceByTask.remove(task);
    return since == null ? null : signal(SignalState.RESOLVED, since, wallClockMs, wallClockMs);
  }

  private Signal signal(SignalState state, long sinceMs, long wallClockMs, long recordTimeMs) {
    double lagSeconds = Math.max(0, wallClockMs - recordTimeMs) / 1000.0;
    double threshold = policy.graceMs() / 1000.0;
    return Signal.newBuilder()
        .setSignal(SignalName.PIPELINE_BEHIND.id())
        .setScope(Scope.FLEET.label())
        .setCluster(null)
        .setModel(null)
        .setNode(null)
        .setState(state)
        .setSeverity("warning")
        .setValue(lagSeconds)
        .setThreshold(threshold)
        .setStartedMs(Instant.ofEpochMilli(sinceMs))
        .setUpdatedMs(Instant.ofEpochMilli(wallClockMs))
        .setSecondsToExhaustion(null)
        .setReason(
            state == SignalState.FIRING
                ? String.format(
                    "processing scrapes %.1f s behind the clock, over the %.1f s grace; windows wait for them",
                    lagSeconds, threshold)
                : "caught up")
        .build();
  }
}
