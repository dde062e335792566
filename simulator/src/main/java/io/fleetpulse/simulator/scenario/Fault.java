package io.fleetpulse.simulator.scenario;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Duration;

/** Something going wrong with one node, named {@code <cluster>-<index>}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Fault.Crash.class, name = "crash"),
  @JsonSubTypes.Type(value = Fault.Slow.class, name = "slow")
})
public sealed interface Fault {

  String node();

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
  }

  private static void requireNode(String node) {
    if (node == null || node.isBlank()) {
      throw new IllegalArgumentException("node is required, e.g. us-east-0");
    }
  }
}
