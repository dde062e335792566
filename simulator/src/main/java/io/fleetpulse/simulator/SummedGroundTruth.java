package io.fleetpulse.simulator;

import java.util.List;
import java.util.function.ToDoubleFunction;

/** The ground truth of several nodes together, e.g. a cluster. */
public final class SummedGroundTruth implements GroundTruth {

  private final List<GroundTruth> parts;

  public SummedGroundTruth(List<GroundTruth> parts) {
    this.parts = List.copyOf(parts);
  }

  @Override
  public double generationTokensBetween(long fromEpochMs, long toEpochMs) {
    return sum(part -> part.generationTokensBetween(fromEpochMs, toEpochMs));
  }

  @Override
  public double promptTokensBetween(long fromEpochMs, long toEpochMs) {
    return sum(part -> part.promptTokensBetween(fromEpochMs, toEpochMs));
  }

  private double sum(ToDoubleFunction<GroundTruth> ofPart) {
    double sum = 0;
    for (GroundTruth part : parts) {
      sum += ofPart.applyAsDouble(part);
    }
    return sum;
  }
}
