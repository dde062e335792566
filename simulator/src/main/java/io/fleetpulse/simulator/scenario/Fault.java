package io.fleetpulse.simulator.scenario;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Duration;

/** Something going wrong with one node, named {@code <cluster>-<index>}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Fault.Crash.class, name = "crash"),
  @JsonSubTypes.Type(value = Fault.Slow.class, name = "slow"),
  @JsonSubTypes.Type(value = Fault.Flap.class, name = "flap")
})
public sealed interface Fault {

  String node();

  /** When the fault begins, from the run's start. */
  Duration onset();

  /**
   * The node stops answering at {@code at}, losing everything in flight; after {@code down_for}
   * (absent: never) it starts again with its counters at zero.
   */
  record Crash(String node, Duration at, Duration downFor) implements Fault {
    public Crash {
      requireNode(node);
      Bounds.offset(at, "at");
      if (downFor != null) {
        Bounds.duration(downFor, "down_for", Duration.ofSeconds(1), Bounds.LONGEST_RUN);
      }
    }

    @Override
    public Duration onset() {
      return at;
    }
  }

  /**
   * From {@code from} on, the node's steps take longer, ramping linearly to {@code factor} times
   * over {@code ramp}.
   */
  record Slow(String node, Duration from, double factor, Duration ramp) implements Fault {
    public Slow {
      requireNode(node);
      Bounds.offset(from, "from");
      Bounds.number(factor, "factor", 1, 100);
      ramp = ramp == null ? Duration.ZERO : Bounds.offset(ramp, "ramp");
    }

    /** The step-time factor at {@code seconds} since the start. */
    public double factorAt(double seconds) {
      return Interpolation.linear(seconds, from, 1.0, from.plus(ramp), factor);
    }

    @Override
    public Duration onset() {
      return from;
    }
  }

  /**
   * From {@code from} on, the node's {@code /metrics} cannot be reached for {@code down_for}, then
   * can for {@code up_for}, over and over ({@code cycles} times; absent: to the end): a flaky
   * network path or an overloaded exporter. The engine keeps serving meanwhile, so its counters
   * carry on, unlike a crash.
   */
  record Flap(String node, Duration from, Duration downFor, Duration upFor, Integer cycles)
      implements Fault {
    public Flap {
      requireNode(node);
      Bounds.offset(from, "from");
      Bounds.duration(downFor, "down_for", Duration.ofSeconds(1), Duration.ofHours(1));
      Bounds.duration(upFor, "up_for", Duration.ofSeconds(1), Duration.ofHours(1));
      if (cycles != null) {
        Bounds.number(cycles, "cycles", 1, 100_000);
      }
    }

    /** Whether the node cannot be scraped at {@code millis} since the start. */
    public boolean unreachableAt(long millis) {
      long sinceFrom = millis - from.toMillis();
      if (sinceFrom < 0) {
        return false;
      }
      long period = downFor.toMillis() + upFor.toMillis();
      long cycle = sinceFrom / period;
      return (cycles == null || cycle < cycles) && sinceFrom - cycle * period < downFor.toMillis();
    }

    @Override
    public Duration onset() {
      return from;
    }
  }

  private static void requireNode(String node) {
    if (node == null || node.isBlank()) {
      throw new IllegalArgumentException("node is required, e.g. us-east-0");
    }
  }
}
