package io.fleetpulse.collector.config;

import io.fleetpulse.collector.tls.ClientTls;
import io.fleetpulse.collector.tls.ServerName;
import io.fleetpulse.schemas.tls.PemFile;
import io.fleetpulse.schemas.tls.TlsIdentity;
import io.fleetpulse.schemas.tls.TlsVersion;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Supplier;

/**
 * TLS of a job's https scrapes, as Prometheus' {@code tls_config}: the CAs that verify the server
 * ({@code ca_file}; default the JVM's), the client certificate and key presented when the server
 * asks ({@code cert_file} and {@code key_file}, PEM, the key in PKCS#8), the name the server's
 * certificate must be valid for ({@code server_name}; default the target's host), {@code
 * insecure_skip_verify} to trust any certificate, and the oldest TLS version offered ({@code
 * min_version}, default TLS12). An empty string leaves an option unset, as in Prometheus.
 *
 * <p>The files are read with the config, relative paths from the working directory, so a missing or
 * unusable one is a config error naming it rather than a failing scrape; a changed file takes
 * effect at the next start.
 */
public record TlsConfig(
    String caFile,
    String certFile,
    String keyFile,
    String serverName,
    Boolean insecureSkipVerify,
    String minVersion) {

  public static final String DEFAULT_MIN_VERSION = TlsVersion.TLS12.name();

  public TlsConfig {
    caFile = unsetIfEmpty(caFile);
    certFile = unsetIfEmpty(certFile);
    keyFile = unsetIfEmpty(keyFile);
    serverName = unsetIfEmpty(serverName);
    insecureSkipVerify = insecureSkipVerify != null && insecureSkipVerify;
    minVersion = minVersion == null || minVersion.isEmpty() ? DEFAULT_MIN_VERSION : minVersion;
    if (certFile != null && keyFile == null) {
      throw new IllegalArgumentException(
          "cert_file \"" + certFile + "\" is set without key_file, its private key");
    }
    if (keyFile != null && certFile == null) {
      throw new IllegalArgumentException(
          "key_file \"" + keyFile + "\" is set without cert_file, its certificate");
    }
    clientTls(caFile, certFile, keyFile, serverName, insecureSkipVerify, minVersion);
  }

  /** The job's TLS, its files read again. */
  public ClientTls clientTls() {
    return clientTls(caFile, certFile, keyFile, serverName, insecureSkipVerify, minVersion);
  }

  private static ClientTls clientTls(
      String caFile,
      String certFile,
      String keyFile,
      String serverName,
      boolean insecureSkipVerify,
      String minVersion) {
    TlsVersion version = option("min_version", () -> TlsVersion.parse(minVersion));
    ServerName name =
        serverName == null ? null : option("server_name", () -> ServerName.of(serverName));
    List<X509Certificate> authorities =
        caFile == null
            ? null
            : option("ca_file", () -> PemFile.read(Path.of(caFile)).certificates());
    TlsIdentity identity = null;
    if (certFile != null) {
      List<X509Certificate> chain =
          option("cert_file", () -> PemFile.read(Path.of(certFile)).certificates());
      PrivateKey key = option("key_file", () -> PemFile.read(Path.of(keyFile)).privateKey());
      try {
        identity = new TlsIdentity(chain, key);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "key_file \"" + keyFile + "\" is not the private key of cert_file \"" + certFile + "\"",
            e);
      }
    }
    try {
      return ClientTls.of(authorities, identity, name, insecureSkipVerify, version);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot be used: " + e.getMessage(), e);
    }
  }

  /**
   * What {@code read} gives, its error the reason of {@code option}: "ca_file \"x\": no such file".
   */
  private static <T> T option(String option, Supplier<T> read) {
    try {
      return read.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + " " + e.getMessage(), e);
    }
  }

  private static String unsetIfEmpty(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
