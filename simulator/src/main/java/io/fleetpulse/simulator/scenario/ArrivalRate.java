package io.fleetpulse.simulator.scenario;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Duration;
import java.util.List;

/** Requests per second arriving at each node, by time since the scenario's start. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = ArrivalRate.Constant.class, name = "constant"),
  @JsonSubTypes.Type(value = ArrivalRate.Diurnal.class, name = "diurnal"),
  @JsonSubTypes.Type(value = ArrivalRate.Ramp.class, name = "ramp"),
  @JsonSubTypes.Type(value = ArrivalRate.Piecewise.class, name = "piecewise")
})
public sealed interface ArrivalRate {

  double MAX_RATE = 10_000;

  double at(double seconds);

  /**
   * @param rate requests per second per node
   */
  record Constant(double rate) implements ArrivalRate {
    public Constant {
      Bounds.number(rate, "rate", 1e-3, MAX_RATE);
    }

    @Override
    public double at(double seconds) {
      return rate;
    }
  }

  /** {@code mean + amplitude·sin(2π(t + phase)/period)}: a day's swell, in any period. */
  record Diurnal(double mean, double amplitude, Duration period, Duration phase)
      implements ArrivalRate {
    public Diurnal {
      Bounds.number(mean, "mean", 1e-3, MAX_RATE);
      Bounds.number(amplitude, "amplitude", 0, mean - 1e-3);
      Bounds.duration(period, "period", Duration.ofMinutes(1), Bounds.LONGEST_RUN);
      phase = phase == null ? Duration.ZERO : Bounds.offset(phase, "phase");
    }

    @Override
    public double at(double seconds) {
      double cycle = (seconds + phase.toMillis() / 1e3) / (period.toMillis() / 1e3);
      return mean + amplitude * Math.sin(2 * Math.PI * cycle);
    }
  }

  /**
   * {@code from} until {@code start}, then linearly to {@code to} at {@code end}, and {@code to}
   * after.
   */
  record Ramp(double from, double to, Duration start, Duration end) implements ArrivalRate {
    public Ramp {
      Bounds.number(from, "from", 1e-3, MAX_RATE);
      Bounds.number(to, "to", 1e-3, MAX_RATE);
      Bounds.offset(start, "start");
      Bounds.offset(end, "end");
      if (end.compareTo(start) <= 0) {
        throw new IllegalArgumentException(
            "end (" + Bounds.text(end) + ") must come after start (" + Bounds.text(start) + ")");
      }
    }

    @Override
    public double at(double seconds) {
      return Interpolation.linear(seconds, start, from, end, to);
    }
  }

  /**
   * Straight lines between the points, the first point's rate before it and the last one's after.
   */
  record Piecewise(List<RatePoint> points) implements ArrivalRate {
    public Piecewise {
      points = Interpolation.ordered(points, RatePoint::at, "points");
    }

    @Override
    public double at(double seconds) {
      return Interpolation.along(points, seconds, RatePoint::at, RatePoint::rate);
    }
  }

  record RatePoint(Duration at, double rate) {
    public RatePoint {
      Bounds.offset(at, "at");
      Bounds.number(rate, "rate", 1e-3, MAX_RATE);
    }
  }
}
