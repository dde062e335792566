package io.fleetpulse.schemas.web;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * What a service's {@code web_config_file} asks of its HTTP endpoint: TLS, and basic auth on every
 * route. One for all three services, so each endpoint is secured the same way, whether it is the
 * JDK's server ({@link #createServer}, {@link #protect}) or Prometheus' HTTPServer ({@link
 * #httpsConfigurator()} and {@link #authenticator()} go to its builder as they are) or gRPC's Netty
 * ({@link #sslContext()}, {@link #loginRefusal}).
 */
public final class WebSecurity {

  private static final WebSecurity NONE = new WebSecurity(null, null);

  private final ServerTls tls;
  private final BasicAuthGate gate;

  WebSecurity(ServerTls tls, BasicAuthGate gate) {
    this.tls = tls;
    this.gate = gate;
  }

  /** Plain HTTP, no login: no web config file. */
  public static WebSecurity none() {
    return NONE;
  }

  /**
   * The web config file {@code file} (null: none), read and checked now: a missing file, an
   * unreadable key or a bad hash is an {@link IllegalArgumentException} starting with {@code
   * option}, e.g. {@code sink.web_config_file "web.yml": tls_server_config.key_file ...}.
   */
  public static WebSecurity fromFile(String option, String file) {
    if (file == null || file.isEmpty()) {
      return NONE;
    }
    return WebConfigFile.read(option, Path.of(file));
  }

  /** The TLS to serve, for HTTPServer's builder; null for plain HTTP. */
  public HttpsConfigurator httpsConfigurator() {
    return tls;
  }

  /** The basic auth every route requires, for HTTPServer's builder; null when none is set. */
  public Authenticator authenticator() {
    return gate;
  }

  /**
   * The TLS context to serve, for a server that is not the JDK's (gRPC's Netty), with {@link
   * #sslParameters()}; null for plain text.
   */
  public SSLContext sslContext() {
    return tls == null ? null : tls.getSSLContext();
  }

  /**
   * The TLS versions and client-certificate policy (want or need client auth) that go with {@link
   * #sslContext()}; null for plain text.
   */
  public SSLParameters sslParameters() {
    return tls == null ? null : tls.parameters();
  }

  /**
   * Why the basic credentials of an {@code Authorization} value (null: none) are refused, a reason
   * that quotes no password; empty when they log in, or when no login is required. For a server
   * that reads the header itself, e.g. gRPC's {@code authorization} metadata, and logs the refusal.
   */
  public Optional<String> loginRefusal(String authorization) {
    return gate == null
        ? Optional.empty()
        : Optional.ofNullable(gate.check(authorization).refusal());
  }

  public boolean requiresLogin() {
    return gate != null;
  }

  /** "https" or "http", for log lines and URLs. */
  public String scheme() {
    return tls == null ? "http" : "https";
  }

  /** A JDK server bound to {@code address}: an {@link HttpsServer} when TLS is set. */
  public HttpServer createServer(InetSocketAddress address) throws IOException {
    if (tls == null) {
      return HttpServer.create(address, 0);
    }
    HttpsServer server = HttpsServer.create(address, 0);
    server.setHttpsConfigurator(tls);
    return server;
  }

  /** Requires the basic auth on {@code context}, when any is set. */
  public void protect(HttpContext context) {
    if (gate != null) {
      context.setAuthenticator(gate);
    }
  }

  /** Never shows a hash: only whether TLS is on and the user names. */
  @Override
  public String toString() {
    return "WebSecurity[tls=" + tls + ", basicAuth=" + gate + "]";
  }
}
