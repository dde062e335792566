package io.fleetpulse.cli.pipelinebench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * One read of a Prometheus text /metrics page, for the few figures the benchmark takes from the
 * components' own endpoints: the sum of a metric over its series, and how many series the page has.
 */
public final class MetricsPage {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final List<String> samples;

  MetricsPage(String text) {
    this.samples = text.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
  }

  public static MetricsPage fetch(String url) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(url + " answered HTTP " + response.statusCode());
    }
    return new MetricsPage(response.body());
  }

  /** The sum of {@code name} over all its series; 0 when the page has none. */
  public double sum(String name) {
    double total = 0;
    for (String line : samples) {
      if (line.startsWith(name)
          && line.length() > name.length()
          && (line.charAt(name.length()) == '{' || line.charAt(name.length()) == ' ')) {
        total += value(line);
      }
    }
    return total;
  }

  /** Sample lines on the page: its series. */
  public int series() {
    return samples.size();
  }

  private static double value(String line) {
    int close = line.lastIndexOf('}');
    String rest = line.substring(close < 0 ? line.indexOf(' ') : close + 1).trim();
    int space = rest.indexOf(' ');
    return Double.parseDouble(space < 0 ? rest : rest.substring(0, space));
  }
}
