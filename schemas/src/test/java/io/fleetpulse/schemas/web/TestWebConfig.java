package io.fleetpulse.schemas.web;

import io.fleetpulse.schemas.tls.TestCertificate;
import io.fleetpulse.schemas.tls.TlsIdentity;
import io.fleetpulse.schemas.tls.TrustedAuthorities;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * A web config file made for a test: https with a keytool-made certificate for 127.0.0.1, one
 * basic-auth user, and optionally client certificates required; and HTTP clients that trust it.
 */
public record TestWebConfig(Path file, TestCertificate server, TestCertificate client) {

  public static final String USER = "prometheus";
  public static final String PASSWORD = "scrape-secret";

  /**
   * @param mutual whether the file requires client certificates (RequireAndVerifyClientCert)
   */
  public static TestWebConfig generate(Path parent, boolean mutual) throws Exception {
    Path dir = Files.createDirectories(parent.resolve(mutual ? "web-mutual" : "web"));
    TestCertificate server =
        TestCertificate.generate(dir, "web-server", "EC", "ip:127.0.0.1,dns:localhost");
    TestCertificate client = TestCertificate.generate(dir, "web-client", "EC", "dns:client.test");
    String tls =
        "tls_server_config:\n"
            + "  cert_file: web-server.crt\n"
            + "  key_file: web-server.key\n"
            + (mutual
                ? "  client_auth_type: RequireAndVerifyClientCert\n"
                    + "  client_ca_file: web-client.crt\n"
                : "");
    Path file =
        Files.writeString(
            dir.resolve("web.yml"),
            tls + "basic_auth_users:\n  " + USER + ": " + hash(PASSWORD) + "\n");
    return new TestWebConfig(file, server, client);
  }

  /** A $2y$ bcrypt hash, as htpasswd makes them, at the lowest cost so tests stay quick. */
  public static String hash(String password) {
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    return OpenBSDBCrypt.generate("2y", password.getBytes(StandardCharsets.UTF_8), salt, 4);
  }

  /** The {@code Authorization} value of basic credentials. */
  public static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** A GET of {@code uri} with this {@code Authorization} value (null: none). */
  public static HttpResponse<String> get(HttpClient client, URI uri, String authorization)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri);
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A client trusting the server's certificate, presenting {@code presented} (null: none). */
  public HttpClient clientPresenting(TestCertificate presented) throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(
        presented == null
            ? null
            : new TlsIdentity(List.of(presented.certificate()), presented.privateKey())
                .keyManagers(),
        new TrustManager[] {TrustedAuthorities.trustManager(List.of(server.certificate()))},
        null);
    return HttpClient.newBuilder().sslContext(context).build();
  }
}
