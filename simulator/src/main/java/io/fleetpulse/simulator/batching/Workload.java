package io.fleetpulse.simulator.batching;

/** What one engine is asked to do over time, by microseconds since it started. */
public interface Workload {

  /** The mean Poisson arrival rate; positive and finite. */
  double requestsPerSecond(long microsSinceStart);

  RequestShape shapeAt(long microsSinceStart);

  static Workload constant(double requestsPerSecond) {
    if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond)) {
      throw new IllegalArgumentException(
          "arrival rate must be a positive number of requests per second, got "
              + requestsPerSecond);
    }
    return new Workload() {
      @Override
      public double requestsPerSecond(long microsSinceStart) {
        return requestsPerSecond;
      }

      @Override
      public RequestShape shapeAt(long microsSinceStart) {
        return RequestShape.CHAT;
      }
    };
  }
}
