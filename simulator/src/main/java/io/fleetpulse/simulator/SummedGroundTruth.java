package io.fleetpulse.simulator;

import java.util.List;

/** The ground truth of several nodes together, e.g. a cluster. */
final class SummedGroundTruth implements GroundTruth {

    private final List<GroundTruth> parts;

    SummedGroundTruth(List<GroundTruth> parts) {
        this.parts = List.copyOf(parts);
    }

    @Override
    public double generationTokensBetween(long fromEpochMs, long toEpochMs) {
        double sum = 0;
        for (GroundTruth part : parts) {
            sum += part.generationTokensBetween(fromEpochMs, toEpochMs);
        }
        return sum;
    }

    @Override
    public double promptTokensBetween(long fromEpochMs, long toEpochMs) {
        double sum = 0;
        for (GroundTruth part : parts) {
            sum += part.promptTokensBetween(fromEpochMs, toEpochMs);
        }
        return sum;
    }
}
