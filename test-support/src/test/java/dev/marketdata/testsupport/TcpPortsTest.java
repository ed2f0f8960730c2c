package dev.marketdata.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class TcpPortsTest {
  @Test
  void free_isAPortAServerCanListenOn() throws IOException {
    int port = TcpPorts.free();

    assertThat(port).isBetween(1, 65535);
    try (ServerSocket server = new ServerSocket(port)) {
      assertThat(server.getLocalPort()).isEqualTo(port);
    }
  }
}
