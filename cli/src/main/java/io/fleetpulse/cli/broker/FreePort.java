package io.fleetpulse.cli.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Finds a free loopback port. Kafka needs its ports before start-up (the quorum voters and
 * advertised listener name them), so binding port 0 inside the broker is not an option; the small
 * race between closing this socket and the broker binding it is accepted.
 */
public final class FreePort {

  private FreePort() {}

  public static int find() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }
}
