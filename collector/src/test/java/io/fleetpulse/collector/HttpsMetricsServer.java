package io.fleetpulse.collector;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.fleetpulse.schemas.tls.TestCertificate;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/** A /metrics endpoint over https, optionally requiring a client certificate. */
final class HttpsMetricsServer implements AutoCloseable {

  static final byte[] BODY =
      "# TYPE tls_test_value gauge\ntls_test_value 1\n".getBytes(StandardCharsets.UTF_8);

  private final HttpsServer server;

  private HttpsMetricsServer(HttpsServer server) {
    this.server = server;
  }

  /**
   * @param client the one client certificate the server accepts and requires, or null for none
   */
  static HttpsMetricsServer start(TestCertificate certificate, TestCertificate client)
      throws IOException, GeneralSecurityException {
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(certificate.keyStore(), TestCertificate.PASSWORD);
    TrustManagerFactory clients = null;
    if (client != null) {
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      trusted.load(null, null);
      trusted.setCertificateEntry("client", client.certificate());
      clients = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      clients.init(trusted);
    }
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), clients == null ? null : clients.getTrustManagers(), null);
    HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(
        new HttpsConfigurator(context) {
          @Override
          public void configure(HttpsParameters params) {
            SSLParameters parameters = context.getDefaultSSLParameters();
            parameters.setNeedClientAuth(client != null);
            params.setSSLParameters(parameters);
          }
        });
    server.createContext(
        "/metrics",
        exchange -> {
          try (exchange;
              OutputStream out = exchange.getResponseBody()) {
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, BODY.length);
            out.write(BODY);
          }
        });
    server.start();
    return new HttpsMetricsServer(server);
  }

  int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
