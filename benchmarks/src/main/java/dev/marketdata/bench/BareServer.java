package dev.marketdata.bench;

import dev.marketdata.testsupport.TcpPorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@link BareJsonServer} child process of an HTTP part, started with the first service's answer
 * and kept up for the whole part, so its rounds can alternate with the service's.
 */
final class BareServer implements AutoCloseable {
  private final BenchContext ctx;
  private ChildJava process;
  private int port = -1;

  BareServer(BenchContext ctx) {
    this.ctx = ctx;
  }

  /** Starts the server answering {@code body}, unless it already runs; returns its port. */
  int start(String body) throws IOException, InterruptedException {
    if (process == null) {
      Path bodyFile = ctx.workDir().resolve("latest.json");
      Files.writeString(bodyFile, body);
      port = TcpPorts.free();
      process =
          ChildJava.start(
              BareJsonServer.class,
              ctx.workDir().resolve("bare.log"),
              String.valueOf(port),
              String.valueOf(ctx.httpInstances()),
              bodyFile.toString());
      process.awaitHttp(port, "/", Duration.ofSeconds(30));
    }
    return port;
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null) {
      process.close();
    }
  }
}
