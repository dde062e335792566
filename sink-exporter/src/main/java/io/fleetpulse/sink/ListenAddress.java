package io.fleetpulse.sink;

/** Where the /metrics endpoint binds: a host (name or IP literal) and a port, 0 meaning any free port. */
public record ListenAddress(String host, int port) {

  public ListenAddress {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("sink listen host must not be empty");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("sink listen port must be 0..65535, got " + port);
    }
  }

  /** Parses {@code host:port}; an IPv6 host is written in brackets, {@code [::1]:9400}. */
  public static ListenAddress parse(String listen) {
    if (listen == null) {
      throw new IllegalArgumentException("sink.listen must be host:port, got nothing");
    }
    int colon = listen.lastIndexOf(':');
    if (colon <= 0 || colon == listen.length() - 1) {
      throw new IllegalArgumentException(
          "sink.listen must be host:port (e.g. 127.0.0.1:9400), got '" + listen + "'");
    }
    String host = listen.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      throw new IllegalArgumentException(
          "sink.listen: an IPv6 host must be in brackets (e.g. [::1]:9400), got '" + listen + "'");
    }
    String portText = listen.substring(colon + 1);
    int port;
    try {
      port = Integer.parseInt(portText);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "sink.listen: port '" + portText + "' in '" + listen + "' is not a number", e);
    }
    return new ListenAddress(host, port);
  }
}
