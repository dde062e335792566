package io.fleetpulse.collector;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.collector.config.CollectorConfig;
import io.fleetpulse.collector.config.ScrapeConfig;
import io.fleetpulse.collector.config.StaticConfig;
import io.fleetpulse.collector.config.TlsConfig;
import io.fleetpulse.collector.metrics.CollectorMetrics;
import io.fleetpulse.collector.tls.ClientTls;
import io.fleetpulse.schemas.Scrape;
import io.fleetpulse.schemas.tls.TestCertificate;
import io.fleetpulse.schemas.tls.TlsVersion;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job's tls_config against a real https endpoint, certificates made by keytool. */
class ScrapeTlsTest {

  /** A target's first slot comes within its interval, 2s, its scrape within the timeout, 2s. */
  private static final Duration PATIENCE = Duration.ofSeconds(6);

  @TempDir static Path dir;

  /** Valid for localhost and 127.0.0.1, so a scrape by IP passes the JDK's own host check. */
  private static TestCertificate local;

  /** Valid for metrics.internal only, as a server reached by an address it does not name. */
  private static TestCertificate internal;

  private static TestCertificate client;

  private final CollectorMetrics metrics = new CollectorMetrics();

  @BeforeAll
  static void certificates() throws Exception {
    local = TestCertificate.generate(dir, "localhost", "EC", "dns:localhost,ip:127.0.0.1");
    internal = TestCertificate.generate(dir, "metrics.internal", "EC", "dns:metrics.internal");
    client = TestCertificate.generate(dir, "scraper", "EC", "dns:scraper");
    warmUp();
  }

  /**
   * The JVM's first TLS handshake loads and compiles so much that it takes over a second, more on a
   * busy machine: done here, it cannot time out the first scrape of a test.
   */
  private static void warmUp() throws Exception {
    try (HttpsMetricsServer server = HttpsMetricsServer.start(local, null)) {
      HttpClient http =
          ClientTls.of(null, null, null, true, TlsVersion.TLS12)
              .applyTo(HttpClient.newBuilder())
              .build();
      http.send(
          HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + "/metrics"))
              .build(),
          HttpResponse.BodyHandlers.discarding());
    }
  }

  private Scrape firstScrape(String target, TlsConfig tls) throws InterruptedException {
    ScrapeConfig job =
        new ScrapeConfig(
            "tls",
            Duration.ofSeconds(2),
            Duration.ofSeconds(2),
            null,
            "https",
            null,
            null,
            null,
            tls,
            List.of(new StaticConfig(List.of(target), Map.of())),
            null,
            null,
            null,
            null,
            null);
    RecordingPublisher publisher = new RecordingPublisher();
    try (Collector collector =
        new Collector(new CollectorConfig(null, null, List.of(job)), publisher, metrics)) {
      collector.start();
      return publisher.next(PATIENCE);
    }
  }

  private static TlsConfig trusting(TestCertificate ca, String serverName) {
    return new TlsConfig(ca.certificatePem().toString(), null, null, serverName, false, null);
  }

  private static void assertDownForTls(Scrape scrape, String reasonPart) {
    assertFalse(scrape.getUp());
    assertTrue(scrape.getError().startsWith("TLS handshake failed: "), scrape.getError());
    assertTrue(scrape.getError().contains(reasonPart), scrape.getError());
  }

  @Test
  void caFileTrustsTheServersCertificate() throws Exception {
    try (HttpsMetricsServer server = HttpsMetricsServer.start(local, null)) {
      Scrape scrape = firstScrape("127.0.0.1:" + server.port(), trusting(local, null));

      assertTrue(scrape.getUp(), scrape::getError);
      assertTrue(scrape.getFamilies().stream().anyMatch(f -> f.getName().equals("tls_test_value")));
    }
  }

  @Test
  void withoutCaFileTheServerIsNotTrusted() throws Exception {
    try (HttpsMetricsServer server = HttpsMetricsServer.start(local, null)) {
      assertDownForTls(
          firstScrape("127.0.0.1:" + server.port(), null),
          "unable to find valid certification path");
      assertDownForTls(
          firstScrape(
              "127.0.0.1:" + server.port(), new TlsConfig(null, null, null, null, false, "TLS13")),
          "unable to find valid certification path");
    }
  }

  @Test
  void serverNameIsWhatTheCertificateMustBeValidFor() throws Exception {
    try (HttpsMetricsServer server = HttpsMetricsServer.start(internal, null)) {
      String byAddress = "127.0.0.1:" + server.port();

      assertDownForTls(firstScrape(byAddress, trusting(internal, null)), "127.0.0.1");
      assertDownForTls(
          firstScrape(byAddress, trusting(internal, "other.internal")),
          "certificate is valid for metrics.internal, not other.internal");
      Scrape matching = firstScrape(byAddress, trusting(internal, "metrics.internal"));
      assertTrue(matching.getUp(), matching::getError);
    }
  }

  @Test
  void serverNameDoesNotLoosenTheChainCheck() throws Exception {
    try (HttpsMetricsServer server = HttpsMetricsServer.start(internal, null)) {
      assertDownForTls(
          firstScrape("127.0.0.1:" + server.port(), trusting(local, "metrics.internal")),
          "unable to find valid certification path");
    }
  }

  @Test
  void insecureSkipVerifyTrustsAnyCertificateForAnyName() throws Exception {
    try (HttpsMetricsServer server = HttpsMetricsServer.start(internal, null)) {
      Scrape scrape =
          firstScrape(
              "127.0.0.1:" + server.port(), new TlsConfig(null, null, null, null, true, null));

      assertTrue(scrape.getUp(), scrape::getError);
    }
  }

  @Test
  void aServerRequiringAClientCertificateTakesCertFileAndKeyFile() throws Exception {
    try (HttpsMetricsServer server = HttpsMetricsServer.start(local, client)) {
      String target = "127.0.0.1:" + server.port();
      Scrape withCertificate =
          firstScrape(
              target,
              new TlsConfig(
                  local.certificatePem().toString(),
                  client.certificatePem().toString(),
                  client.keyPem().toString(),
                  null,
                  false,
                  null));
      Scrape without = firstScrape(target, trusting(local, null));

      assertTrue(withCertificate.getUp(), withCertificate::getError);
      // In TLS 1.3 the server refuses only after the client's handshake is over, by closing.
      assertFalse(without.getUp());
    }
  }
}
