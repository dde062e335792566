package io.fleetpulse.cli.scaleout;

import io.fleetpulse.collector.parse.ExpositionParseException;
import io.fleetpulse.collector.parse.Parsers;
import io.fleetpulse.schemas.MetricFamily;
import io.fleetpulse.schemas.Sample;
import io.fleetpulse.streams.health.StreamsAppMetrics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * What one streams instance says it did, read from its own health endpoint as Prometheus would: the
 * scrapes its processors took in. Counted as processed, so a task aborted and redone under
 * exactly-once counts its records again.
 */
final class InstanceHealth {

  static final String RECORDS_IN = "fleetpulse_streams_records_in_total";

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private InstanceHealth() {}

  /** Scrapes taken in by the instance whose health endpoint is on loopback {@code port}. */
  static double scrapesIn(int port) throws IOException, InterruptedException {
    HttpResponse<byte[]> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IOException(
          "the streams instance's /metrics on port " + port + " answered " + response.statusCode());
    }
    String contentType = response.headers().firstValue("Content-Type").orElse("text/plain");
    try {
      for (MetricFamily family : Parsers.forContentType(contentType).parse(response.body())) {
        for (Sample sample : family.getSamples()) {
          if (sample.getName().equals(RECORDS_IN)
              && StreamsAppMetrics.SCRAPES.equals(sample.getLabels().get("input"))) {
            return sample.getValue();
          }
        }
      }
    } catch (ExpositionParseException e) {
      throw new IOException(
          "the streams instance's /metrics on port " + port + " does not parse: " + e.getMessage(),
          e);
    }
    throw new IOException("no " + RECORDS_IN + "{input=\"scrapes\"} on port " + port);
  }
}
