package dev.marketdata.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * Local TCP port numbers (network ports, not the hexagon's): one to tell a child server to listen
 * on, or an address where nothing listens.
 */
public final class TcpPorts {
  private TcpPorts() {}

  /** A port nobody listened on a moment ago; it stays free unless another process takes it. */
  public static int free() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free TCP port", e);
    }
  }
}
