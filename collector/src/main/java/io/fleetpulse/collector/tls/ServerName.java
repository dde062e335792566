package io.fleetpulse.collector.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;

/**
 * The name a server's certificate must be valid for, a DNS name or an IP address, checked as Go
 * checks it for Prometheus: against the certificate's subject alternative names only (no fallback
 * to the common name), a wildcard standing for exactly one leftmost label.
 */
public final class ServerName {

  private static final int DNS_NAME = 2;
  private static final int IP_ADDRESS = 7;
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private final String name;
  private final InetAddress address;

  private ServerName(String name, InetAddress address) {
    this.name = name;
    this.address = address;
  }

  /** The name as configured; an {@link IllegalArgumentException} when it is no valid host name. */
  public static ServerName of(String name) {
    if (name.indexOf(':') >= 0 || IPV4.matcher(name).matches()) {
      return new ServerName(name, literal(name));
    }
    String dnsName = name.toLowerCase(Locale.ROOT);
    dnsName = dnsName.endsWith(".") ? dnsName.substring(0, dnsName.length() - 1) : dnsName;
    try {
      new SNIHostName(dnsName);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("\"" + name + "\" is not a valid host name", e);
    }
    return new ServerName(dnsName, null);
  }

  /** What the TLS handshake announces (SNI); none for an IP address, as the RFC forbids it. */
  public Optional<SNIServerName> indication() {
    return address == null ? Optional.of(new SNIHostName(name)) : Optional.empty();
  }

  /** Throws when {@code certificate} is not valid for this name, saying which names it is for. */
  public void check(X509Certificate certificate) throws CertificateException {
    List<String> names = new ArrayList<>();
    for (List<?> entry : alternativeNames(certificate)) {
      int type = (Integer) entry.get(0);
      String value = (String) entry.get(1);
      if (type == DNS_NAME && address == null && dnsMatch(value.toLowerCase(Locale.ROOT))) {
        return;
      }
      if (type == IP_ADDRESS && address != null && address.equals(literalOrNull(value))) {
        return;
      }
      if (type == DNS_NAME || type == IP_ADDRESS) {
        names.add(value);
      }
    }
    throw new CertificateException(
        names.isEmpty()
            ? "certificate is valid for no name (it has no subject alternative names), not " + name
            : "certificate is valid for " + String.join(", ", names) + ", not " + name);
  }

  @Override
  public String toString() {
    return name;
  }

  private boolean dnsMatch(String pattern) {
    if (pattern.endsWith(".")) {
      pattern = pattern.substring(0, pattern.length() - 1);
    }
    if (!pattern.startsWith("*.")) {
      return pattern.equals(name);
    }
    int dot = name.indexOf('.');
    return dot > 0 && name.substring(dot).equals(pattern.substring(1));
  }

  private static Collection<List<?>> alternativeNames(X509Certificate certificate)
      throws CertificateParsingException {
    Collection<List<?>> names = certificate.getSubjectAlternativeNames();
    return names == null ? List.of() : names;
  }

  private static InetAddress literal(String text) {
    InetAddress address = literalOrNull(text);
    if (address == null) {
      throw new IllegalArgumentException("\"" + text + "\" is not a valid IP address");
    }
    return address;
  }

  /**
   * The address written in {@code text}, or null. Never asks DNS: a dotted quad is parsed here,
   * since the JDK would look up one that is out of range as a host name, and text with a colon is
   * only ever taken as an IPv6 literal.
   */
  private static InetAddress literalOrNull(String text) {
    String bare =
        text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    try {
      if (bare.indexOf(':') >= 0) {
        return InetAddress.getByName(bare);
      }
      if (!IPV4.matcher(bare).matches()) {
        return null;
      }
      byte[] octets = new byte[4];
      String[] parts = bare.split("\\.");
      for (int i = 0; i < 4; i++) {
        int octet = Integer.parseInt(parts[i]);
        if (octet > 255) {
          return null;
        }
        octets[i] = (byte) octet;
      }
      return InetAddress.getByAddress(octets);
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
