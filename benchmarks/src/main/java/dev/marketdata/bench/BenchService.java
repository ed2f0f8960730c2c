package dev.marketdata.bench;

import dev.marketdata.testsupport.ServiceProcess;
import dev.marketdata.testsupport.TcpPorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service under measurement: the real jar as a child process ({@link ServiceProcess}), so its
 * start-up, its memory (VmRSS) and its CPU are its own and a JFR recording can be attached to it.
 */
final class BenchService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BenchService.class);
  static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  private final ServiceProcess process;
  private final int port;
  private final long startedNanos;
  private final Path dataDir;
  private long readyNanos = -1;

  private BenchService(ServiceProcess process, int port, long startedNanos, Path dataDir) {
    this.process = process;
    this.port = port;
    this.startedNanos = startedNanos;
    this.dataDir = dataDir;
  }

  /**
   * Starts the jar in {@code workDir} with {@code env} on top of a port and data folder of its own.
   */
  static BenchService start(
      Path jar, Map<String, String> env, List<String> jvmArgs, Path workDir, String name)
      throws IOException {
    Files.createDirectories(workDir);
    int port = TcpPorts.free();
    Path dataDir = workDir.resolve("data");
    Map<String, String> all = new LinkedHashMap<>();
    all.put("MDS_HTTP_PORT", String.valueOf(port));
    all.put("MDS_DATA_DIR", dataDir.toString());
    all.put("MDS_LOG_LEVEL", "WARN");
    all.putAll(env);
    long started = System.nanoTime();
    ServiceProcess process =
        ServiceProcess.start(jar, jvmArgs, all, workDir, workDir.resolve(name + ".log"));
    log.info("service '{}' pid={} port={}", name, process.pid(), port);
    return new BenchService(process, port, started, dataDir);
  }

  /** Waits for {@code /health/ready} to answer 200; returns the seconds since the process began. */
  double awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpRequest ready =
        HttpRequest.newBuilder(uri("/health/ready")).timeout(Duration.ofSeconds(2)).build();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "service exited before ready; see " + process.output() + "\n" + process.tail());
      }
      try {
        if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          readyNanos = System.nanoTime();
          return (readyNanos - startedNanos) / 1e9;
        }
      } catch (IOException notYet) {
        log.trace("not ready yet: {}", notYet.toString());
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException(
        "service not ready within " + timeout + "; see " + process.output());
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + port + pathAndQuery);
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  /** The service's MDS_DATA_DIR (its embedded PostgreSQL lives under {@code postgres}). */
  Path dataDir() {
    return dataDir;
  }

  String get(String pathAndQuery) throws IOException, InterruptedException {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("GET " + pathAndQuery + " -> " + r.statusCode() + r.body());
    }
    return r.body();
  }

  String postJson(String path, String json) throws IOException, InterruptedException {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      throw new IllegalStateException("POST " + path + " -> " + r.statusCode() + " " + r.body());
    }
    return r.body();
  }

  PromMetrics metrics() throws IOException, InterruptedException {
    return PromMetrics.parse(get("/metrics"));
  }

  /** Resident memory of the JVM itself and, separately, of its child processes (PostgreSQL). */
  ProcStats.Memory memory() {
    return ProcStats.memory(process.handle(), dataDir.toString());
  }

  /** CPU seconds used so far by the JVM and, separately, by its child processes. */
  ProcStats.Cpu cpu() {
    return ProcStats.cpu(process.handle(), dataDir.toString());
  }

  /** SIGTERM and wait for the graceful stop (so a JFR recording is dumped), then kill. */
  @Override
  public void close() {
    process.stop(Duration.ofSeconds(60));
  }
}
