package io.fleetpulse.cli.chart;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The line charts the evaluate and report commands draw: lines without point markers that skip
 * absent values, and labelled vertical markers spanning a line's range.
 */
public final class LineCharts {

  private LineCharts() {}

  public static XYChart chart(int width, int height, String title, String xTitle, String yTitle) {
    XYChart chart =
        new XYChartBuilder()
            .width(width)
            .height(height)
            .title(title)
            .xAxisTitle(xTitle)
            .yAxisTitle(yTitle)
            .build();
    chart.getStyler().setMarkerSize(0);
    chart.getStyler().setLegendVisible(true);
    return chart;
  }

  /**
   * Adds a line through the points whose y is a finite number; a line with none is drawn as the
   * single point (0, 0), as XChart refuses an empty series.
   *
   * @return the y values drawn, for markers to span
   */
  public static List<Double> line(XYChart chart, String name, List<Double> x, List<Double> y) {
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    for (int i = 0; i < x.size(); i++) {
      if (y.get(i) != null && Double.isFinite(y.get(i))) {
        xs.add(x.get(i));
        ys.add(y.get(i));
      }
    }
    if (xs.isEmpty()) {
      xs.add(0.0);
      ys.add(0.0);
    }
    chart.addSeries(name, xs, ys).setMarker(SeriesMarkers.NONE);
    return ys;
  }

  /** A vertical line at {@code at} from the lowest to the highest of {@code ys}. */
  public static void marker(XYChart chart, String label, double at, List<Double> ys, Color color) {
    double low = ys.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    double high =
        Math.max(low + 1e-9, ys.stream().mapToDouble(Double::doubleValue).max().orElse(1));
    XYSeries line = chart.addSeries(label, List.of(at, at), List.of(low, high));
    line.setMarker(SeriesMarkers.NONE);
    if (color != null) {
      line.setLineColor(color);
    }
  }
}
