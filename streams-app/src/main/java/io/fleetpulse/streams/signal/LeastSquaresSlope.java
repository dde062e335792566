package io.fleetpulse.streams.signal;

import io.fleetpulse.streams.state.DetectorPoint;
import java.util.List;
import java.util.Optional;

/**
 * An ordinary least-squares line through recent points, as PromQL's {@code predict_linear} fits
 * one: slope per second, the fitted value at a time, and the slope's standard error, so that a
 * detector can tell a trend from noise on a scope it has never seen.
 */
public record LeastSquaresSlope(
    double slopePerSecond,
    double interceptAtLastMs,
    long lastMs,
    double standardError,
    int points) {

  /** How many standard errors a slope must clear to count as a trend rather than noise. */
  static final double SIGNIFICANT = 3.0;

  /**
   * Caps the correction: a residual series this smooth is a curve, and the fit a fair local
   * tangent.
   */
  private static final double MAX_AUTOCORRELATION = 0.9;

  /** Below this many points a few noisy values can clear any number of standard errors. */
  static final int MIN_POINTS_FOR_TREND = 6;

  /** The fit, or empty with fewer than three points or all at one time. */
  public static Optional<LeastSquaresSlope> fit(List<DetectorPoint> points) {
    int n = points.size();
    if (n < 3) {
      return Optional.empty();
    }
    long lastMs = points.get(n - 1).getAtMs();
    double sumX = 0;
    double sumY = 0;
    for (DetectorPoint point : points) {
      sumX += seconds(point, lastMs);
      sumY += point.getValue();
    }
    double meanX = sumX / n;
    double meanY = sumY / n;
    double sxx = 0;
    double sxy = 0;
    for (DetectorPoint point : points) {
      double dx = seconds(point, lastMs) - meanX;
      sxx += dx * dx;
      sxy += dx * (point.getValue() - meanY);
    }
    if (sxx == 0) {
      return Optional.empty();
    }
    double slope = sxy / sxx;
    double intercept = meanY - slope * meanX;
    double[] residuals = new double[n];
    double squares = 0;
    double lagged = 0;
    for (int i = 0; i < n; i++) {
      DetectorPoint point = points.get(i);
      residuals[i] = point.getValue() - (intercept + slope * seconds(point, lastMs));
      squares += residuals[i] * residuals[i];
      if (i > 0) {
        lagged += residuals[i] * residuals[i - 1];
      }
    }
    double standardError =
        Math.sqrt(squares / (n - 2) / sxx) * autocorrelationInflation(lagged, squares);
    return Optional.of(new LeastSquaresSlope(slope, intercept, lastMs, standardError, n));
  }

  /** The fitted line's value {@code secondsAhead} after the last point. */
  public double predict(double secondsAhead) {
    return interceptAtLastMs + slopePerSecond * secondsAhead;
  }

  /** Rising by more than noise can explain. */
  public boolean risingSignificantly() {
    return points >= MIN_POINTS_FOR_TREND
        && slopePerSecond > 0
        && slopePerSecond > SIGNIFICANT * standardError;
  }

  /**
   * Seconds until the fitted line reaches {@code limit}, or empty when it is not rising
   * significantly.
   */
  public Optional<Double> secondsUntil(double limit) {
    if (!risingSignificantly()) {
      return Optional.empty();
    }
    return Optional.of(Math.max(0, (limit - interceptAtLastMs) / slopePerSecond));
  }

  /**
   * Load, queues and cache usage wander: each window is much like the one before, so the points
   * carry less information than their count suggests and the plain standard error would call a
   * random excursion a trend. The usual AR(1) correction widens it by sqrt((1 + r) / (1 - r)), r
   * the lag-1 autocorrelation of the residuals.
   */
  private static double autocorrelationInflation(double lagged, double squares) {
    if (squares == 0 || lagged <= 0) {
      return 1;
    }
    double r = Math.min(MAX_AUTOCORRELATION, lagged / squares);
    return Math.sqrt((1 + r) / (1 - r));
  }

  private static double seconds(DetectorPoint point, long lastMs) {
    return (point.getAtMs() - lastMs) / 1000.0;
  }
}
