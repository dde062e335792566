package io.fleetpulse.cli.evaluate;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One scenario's picture: fleet KV usage, waiting requests and p99 time to first token over
 * simulated time, stacked, with the SLO breach and each detector's first fire marked on all three,
 * so a person can see what a detector saw when it fired.
 */
public final class ScenarioChart {

  private static final int WIDTH = 1200;
  private static final int PANEL_HEIGHT = 300;
  private static final Color BREACH = new Color(200, 30, 30);

  private ScenarioChart() {}

  /**
   * @param minutes the x value of every point, minutes since the scenario's start
   * @param marks vertical markers by label (first fires), minutes since the start
   * @param breachMinutes the breach, or null
   */
  public static void write(
      Path png, String title, Timeline timeline, Map<String, Double> marks, Double breachMinutes)
      throws IOException {
    List<XYChart> panels =
        List.of(
            panel(
                title + ": KV-cache usage, max across nodes",
                "ratio",
                timeline.minutes(),
                timeline.kvMax(),
                marks,
                breachMinutes),
            panel(
                "Requests waiting, sum across nodes",
                "requests",
                timeline.minutes(),
                timeline.waitingSum(),
                marks,
                breachMinutes),
            panel(
                "p99 time to first token",
                "seconds",
                timeline.minutes(),
                timeline.ttftP99(),
                marks,
                breachMinutes));
    BufferedImage image =
        new BufferedImage(WIDTH, PANEL_HEIGHT * panels.size(), BufferedImage.TYPE_INT_RGB);
    Graphics2D graphics = image.createGraphics();
    for (int i = 0; i < panels.size(); i++) {
      graphics.drawImage(BitmapEncoder.getBufferedImage(panels.get(i)), 0, i * PANEL_HEIGHT, null);
    }
    graphics.dispose();
    ImageIO.write(image, "png", png.toFile());
  }

  private static XYChart panel(
      String title,
      String yTitle,
      List<Double> x,
      List<Double> y,
      Map<String, Double> marks,
      Double breachMinutes) {
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(PANEL_HEIGHT)
            .title(title)
            .xAxisTitle("simulated minutes")
            .yAxisTitle(yTitle)
            .build();
    chart.getStyler().setMarkerSize(0);
    chart.getStyler().setLegendVisible(true);
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
    chart.addSeries(yTitle, xs, ys).setMarker(SeriesMarkers.NONE);
    double low = ys.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    double high =
        Math.max(low + 1e-9, ys.stream().mapToDouble(Double::doubleValue).max().orElse(1));
    marks.forEach((label, at) -> vertical(chart, "first fire: " + label, at, low, high, null));
    if (breachMinutes != null) {
      vertical(chart, "SLO breach", breachMinutes, low, high, BREACH);
    }
    return chart;
  }

  private static void vertical(
      XYChart chart, String label, double at, double low, double high, Color color) {
    XYSeries line = chart.addSeries(label, List.of(at, at), List.of(low, high));
    line.setMarker(SeriesMarkers.NONE);
    if (color != null) {
      line.setLineColor(color);
    }
  }

  /**
   * The fleet's values over time: one entry a closed fleet window, nulls where a value was absent.
   */
  public record Timeline(
      List<Double> minutes, List<Double> kvMax, List<Double> waitingSum, List<Double> ttftP99) {}
}
