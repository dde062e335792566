package io.fleetpulse.schemas.web;

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
 * Reads Prometheus' {@code tls_server_config}: {@code cert_file} and {@code key_file} (PEM, the key
 * in PKCS#8), {@code client_auth_type} (default NoClientCert) with {@code client_ca_file}, {@code
 * min_version} (default TLS12), {@code max_version} (default TLS13) and {@code
 * prefer_server_cipher_suites} (default true). Relative paths are taken from the web config file's
 * directory, as Prometheus takes them.
 */
final class TlsServerConfig {

  static final List<String> SUPPORTED =
      List.of(
          "cert_file",
          "key_file",
          "client_auth_type",
          "client_ca_file",
          "min_version",
          "max_version",
          "prefer_server_cipher_suites");

  /** Options of Prometheus' that FleetPulse refuses rather than ignores. */
  private static final List<String> PROMETHEUS_ONLY =
      List.of(
          "cert", "key", "client_ca", "client_allowed_sans", "cipher_suites", "curve_preferences");

  private TlsServerConfig() {}

  /** The endpoint's TLS, or null for plain HTTP when the section sets no file nor policy. */
  static ServerTls read(WebConfigSection tls, Path directory) {
    tls.allowOnly(SUPPORTED, PROMETHEUS_ONLY);
    String certFile = tls.text("cert_file");
    String keyFile = tls.text("key_file");
    String clientAuthName = tls.text("client_auth_type");
    String clientCaFile = tls.text("client_ca_file");
    if (certFile == null && keyFile == null && clientAuthName == null && clientCaFile == null) {
      return null;
    }
    if (certFile == null) {
      throw new IllegalArgumentException(tls.pathOf("cert_file") + " is missing");
    }
    if (keyFile == null) {
      throw new IllegalArgumentException(tls.pathOf("key_file") + " is missing");
    }
    ClientAuthType clientAuth =
        option(tls.pathOf("client_auth_type"), () -> ClientAuthType.parse(clientAuthName));
    if (clientAuth.asksForCertificates() && clientCaFile == null) {
      throw new IllegalArgumentException(
          tls.pathOf("client_auth_type")
              + " "
              + clientAuth
              + " needs client_ca_file, the CAs that verify client certificates");
    }
    if (!clientAuth.asksForCertificates() && clientCaFile != null) {
      throw new IllegalArgumentException(
          tls.pathOf("client_ca_file")
              + " is set while client_auth_type is NoClientCert: set client_auth_type to"
              + " RequireAndVerifyClientCert to verify client certificates");
    }
    TlsVersion min = version(tls, "min_version", TlsVersion.TLS12);
    TlsVersion max = version(tls, "max_version", TlsVersion.TLS13);
    List<String> protocols = min.through(max);
    if (protocols.isEmpty()) {
      throw new IllegalArgumentException(
          tls.pathOf("max_version") + " " + max + " is older than min_version " + min);
    }
    List<X509Certificate> chain =
        option(
            tls.pathOf("cert_file"),
            () -> PemFile.read(directory.resolve(certFile)).certificates());
    PrivateKey key =
        option(tls.pathOf("key_file"), () -> PemFile.read(directory.resolve(keyFile)).privateKey());
    TlsIdentity identity;
    try {
      identity = new TlsIdentity(chain, key);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          tls.pathOf("key_file") + " is not the private key of cert_file", e);
    }
    List<X509Certificate> clientAuthorities =
        clientCaFile == null
            ? null
            : option(
                tls.pathOf("client_ca_file"),
                () -> PemFile.read(directory.resolve(clientCaFile)).certificates());
    try {
      return ServerTls.of(
          identity,
          clientAuthorities,
          clientAuth,
          protocols,
          tls.bool("prefer_server_cipher_suites", true));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          tls.pathOf("cert_file") + " cannot be served: " + e.getMessage(), e);
    }
  }

  private static TlsVersion version(WebConfigSection tls, String key, TlsVersion absent) {
    String name = tls.text(key);
    return name == null ? absent : option(tls.pathOf(key), () -> TlsVersion.parse(name));
  }

  /** What {@code read} gives, its error the reason of {@code option}. */
  private static <T> T option(String option, Supplier<T> read) {
    try {
      return read.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + " " + e.getMessage(), e);
    }
  }
}
