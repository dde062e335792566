package io.fleetpulse.schemas;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where an endpoint of FleetPulse binds (the sink, the collector, the streams app's health): {@code
 * host:port}, an IPv6 host in brackets, port 0 meaning any free port.
 */
public record ListenAddress(String host, int port) {

  /**
   * Parses {@code listen}; a mistake is an {@link IllegalArgumentException} whose message starts
   * with {@code option}, so it names the setting it came from.
   */
  public static ListenAddress parse(String option, String listen) {
    if (listen == null) {
      throw notHostPort(option, null);
    }
    URI uri;
    try {
      uri = new URI("tcp://" + listen);
    } catch (URISyntaxException e) {
      throw notHostPort(option, listen);
    }
    if (uri.getHost() == null
        || uri.getPort() < 0
        || uri.getPort() > 65_535
        || !uri.getRawPath().isEmpty()
        || uri.getRawUserInfo() != null
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      throw notHostPort(option, listen);
    }
    String host = uri.getHost();
    return new ListenAddress(
        host.startsWith("[") ? host.substring(1, host.length() - 1) : host, uri.getPort());
  }

  private static IllegalArgumentException notHostPort(String option, String listen) {
    return new IllegalArgumentException(
        option
            + " must be host:port with a port 0..65535 "
            + "(e.g. 127.0.0.1:9400, [::1]:9400), got "
            + (listen == null ? "nothing" : "'" + listen + "'"));
  }
}
