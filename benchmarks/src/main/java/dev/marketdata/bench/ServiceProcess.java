package dev.marketdata.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real service jar run as a child process, so its start-up, its memory (VmRSS) and its CPU are
 * its own and a JFR recording can be attached to it.
 */
final class ServiceProcess implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ServiceProcess.class);
  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final int port;
  private final long startedNanos;
  private final Path logFile;
  private final Path dataDir;
  private long readyNanos = -1;

  private ServiceProcess(Process process, int port, long startedNanos, Path logFile, Path dataDir) {
    this.process = process;
    this.dataDir = dataDir;
    this.port = port;
    this.startedNanos = startedNanos;
    this.logFile = logFile;
  }

  /** Starts the jar with {@code env} on top of the harness's environment, minus MDS_* leftovers. */
  static ServiceProcess start(
      Path jar, Map<String, String> env, List<String> jvmArgs, Path workDir, String name)
      throws IOException {
    Files.createDirectories(workDir);
    int port = FreePorts.one();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.add("-jar");
    command.add(jar.toAbsolutePath().toString());
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("MDS_"));
    Map<String, String> all = new LinkedHashMap<>();
    all.put("MDS_HTTP_PORT", String.valueOf(port));
    Path dataDir = workDir.resolve("data");
    all.put("MDS_DATA_DIR", dataDir.toString());
    all.put("MDS_LOG_LEVEL", "WARN");
    all.putAll(env);
    builder.environment().putAll(all);
    Path logFile = workDir.resolve(name + ".log");
    builder.redirectErrorStream(true).redirectOutput(logFile.toFile());
    long started = System.nanoTime();
    Process process = builder.start();
    log.info("started service '{}' pid={} port={} log={}", name, process.pid(), port, logFile);
    return new ServiceProcess(process, port, started, logFile, dataDir);
  }

  /** Waits for {@code /health/ready} to answer 200; returns the seconds since the process began. */
  double awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpRequest ready =
        HttpRequest.newBuilder(uri("/health/ready")).timeout(Duration.ofSeconds(2)).build();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "service exited with " + process.exitValue() + " before ready; see " + logFile);
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
    throw new IllegalStateException("service not ready within " + timeout + "; see " + logFile);
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
    return ProcStats.memory(process.toHandle(), dataDir.toString());
  }

  /** CPU seconds used so far by the JVM and, separately, by its child processes. */
  ProcStats.Cpu cpu() {
    return ProcStats.cpu(process.toHandle(), dataDir.toString());
  }

  /** SIGTERM and wait for the graceful stop (so a JFR recording is dumped), then kill. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        log.warn("service pid={} did not stop within 60 s; killing it", process.pid());
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
