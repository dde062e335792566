package io.fleetpulse.cli.evaluate;

import io.fleetpulse.cli.chart.LineCharts;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;

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
    XYChart chart = LineCharts.chart(WIDTH, PANEL_HEIGHT, title, "simulated minutes", yTitle);
    List<Double> drawn = LineCharts.line(chart, yTitle, x, y);
    marks.forEach((label, at) -> LineCharts.marker(chart, "first fire: " + label, at, drawn, null));
    if (breachMinutes != null) {
      LineCharts.marker(chart, "SLO breach", breachMinutes, drawn, BREACH);
    }
    return chart;
  }

  /**
   * The fleet's values over time: one entry a closed fleet window, nulls where a value was absent.
   */
  public record Timeline(
      List<Double> minutes, List<Double> kvMax, List<Double> waitingSum, List<Double> ttftP99) {}
}
