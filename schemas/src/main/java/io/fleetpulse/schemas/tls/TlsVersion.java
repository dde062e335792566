package io.fleetpulse.schemas.tls;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** A TLS version as Prometheus' {@code min_version} names it, with the JDK's protocol name. */
public enum TlsVersion {
  TLS10("TLSv1"),
  TLS11("TLSv1.1"),
  TLS12("TLSv1.2"),
  TLS13("TLSv1.3");

  private final String protocol;

  TlsVersion(String protocol) {
    this.protocol = protocol;
  }

  public static TlsVersion parse(String name) {
    try {
      return valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "\""
              + name
              + "\" is not one of "
              + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")),
          e);
    }
  }

  /**
   * This version and every later one, as the JDK names them. The JVM's {@code
   * jdk.tls.disabledAlgorithms} still applies: by default it leaves TLS 1.0 and 1.1 off.
   */
  public List<String> andLater() {
    return through(TLS13);
  }

  /**
   * This version up to {@code newest}, as the JDK names them; none when {@code newest} is older.
   */
  public List<String> through(TlsVersion newest) {
    return Arrays.stream(values())
        .skip(ordinal())
        .limit(Math.max(0, newest.ordinal() - ordinal() + 1))
        .map(version -> version.protocol)
        .toList();
  }
}
