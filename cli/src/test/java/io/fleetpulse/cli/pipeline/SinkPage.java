package io.fleetpulse.cli.pipeline;

import io.fleetpulse.collector.parse.TextFormatParser;
import io.fleetpulse.schemas.MetricFamily;
import io.fleetpulse.schemas.Sample;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One fetch of the sink's /metrics, read with FleetPulse's own exposition parser. */
final class SinkPage {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final List<MetricFamily> families;

  private SinkPage(List<MetricFamily> families) {
    this.families = families;
  }

  static SinkPage fetch(int port) throws Exception {
    HttpResponse<byte[]> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("sink answered HTTP " + response.statusCode());
    }
    return new SinkPage(new TextFormatParser().parse(response.body()));
  }

  /** The value of the one sample named {@code name} whose labels include all of {@code labels}. */
  Optional<Double> value(String name, Map<String, String> labels) {
    return samples(name, labels).stream().map(Sample::getValue).findFirst();
  }

  List<Sample> samples(String name, Map<String, String> labels) {
    return families.stream()
        .flatMap(f -> f.getSamples().stream())
        .filter(s -> s.getName().equals(name))
        .filter(s -> s.getLabels().entrySet().containsAll(labels.entrySet()))
        .toList();
  }
}
