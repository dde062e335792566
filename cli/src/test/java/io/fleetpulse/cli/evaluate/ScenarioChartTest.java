package io.fleetpulse.cli.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioChartTest {

  @Test
  void drawsThreeStackedPanelsWithTheBreachMarkedInRed(@TempDir Path dir) throws Exception {
    List<Double> minutes = new ArrayList<>();
    List<Double> kv = new ArrayList<>();
    List<Double> waiting = new ArrayList<>();
    List<Double> ttft = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      minutes.add(i / 6.0);
      kv.add(Math.min(1, 0.3 + i * 0.006));
      waiting.add(i < 60 ? 0.0 : (i - 60) * 2.0);
      ttft.add(i % 10 == 0 ? null : 0.05 + i * 0.01);
    }
    Path png = dir.resolve("overload-ramp.png");
    ScenarioChart.write(
        png,
        "overload-ramp",
        new ScenarioChart.Timeline(minutes, kv, waiting, ttft),
        Map.of("kv_cache_saturation", 8.0),
        15.0);

    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(1200, image.getWidth());
    assertEquals(900, image.getHeight());
    Set<Integer> colours = new HashSet<>();
    boolean red = false;
    for (int x = 0; x < image.getWidth(); x += 2) {
      for (int y = 0; y < image.getHeight(); y += 2) {
        int rgb = image.getRGB(x, y) & 0xffffff;
        colours.add(rgb);
        red |= rgb == 0xc81e1e;
      }
    }
    assertTrue(colours.size() > 10, "a chart, not a blank image");
    assertTrue(red, "the breach line is drawn");
  }
}
