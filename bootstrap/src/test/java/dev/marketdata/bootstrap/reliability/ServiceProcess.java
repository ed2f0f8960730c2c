package dev.marketdata.bootstrap.reliability;

import static dev.marketdata.bootstrap.testing.ServiceHarness.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runnable jar ({@code target/market-data-service.jar}, built in {@code package} before the ITs
 * run) started as a child process, so a test can send it SIGTERM or kill it outright.
 */
final class ServiceProcess implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ServiceProcess.class);
  static final Duration START = Duration.ofSeconds(120);

  private final Process process;
  private final Path output;
  private final long readyLinesBefore; // a restart appends to the same file

  private ServiceProcess(Process process, Path output, long readyLinesBefore) {
    this.process = process;
    this.output = output;
    this.readyLinesBefore = readyLinesBefore;
  }

  static Path jar() {
    Path jar = Path.of("target", "market-data-service.jar").toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: run the ITs through `mvn verify`");
    }
    return jar;
  }

  /**
   * Starts the jar with {@code env} on top of this JVM's environment minus every {@code MDS_*} and
   * provider key, so only what the test says configures it; output goes to {@code output}.
   */
  static ServiceProcess start(Map<String, String> env, Path output) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(java, "-Xmx384m", "-XX:+UseSerialGC", "-jar", jar().toString());
    builder.environment().keySet().removeIf(k -> k.startsWith("MDS_") || k.endsWith("_API_KEY"));
    builder.environment().putAll(env);
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
    long readyBefore = readyLines(output);
    try {
      Process process = builder.start();
      log.info("service child started pid={} output={}", process.pid(), output);
      return new ServiceProcess(process, output, readyBefore);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + jar(), e);
    }
  }

  /** Waits until the process logged that all its roles run (it fails fast if the process died). */
  ServiceProcess awaitReady() {
    await(
        "the service process logs that it is ready",
        START,
        () -> {
          if (!process.isAlive()) {
            throw new AssertionError(
                "service process exited with " + process.exitValue() + ":\n" + tail());
          }
          return readyLines(output) > readyLinesBefore;
        });
    return this;
  }

  private static long readyLines(Path output) {
    return text(output).lines().filter(l -> l.contains("market-data-service ready")).count();
  }

  String text() {
    return text(output);
  }

  private static String text(Path output) {
    try {
      return Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String tail() {
    String all = text();
    return all.length() <= 6000 ? all : all.substring(all.length() - 6000);
  }

  long pid() {
    return process.pid();
  }

  /** SIGTERM (what {@link Process#destroy()} sends on Linux), without waiting. */
  void sigterm() {
    process.destroy();
  }

  /** Waits for the process to exit and returns its exit code. */
  int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("service process still running after " + timeout + "\n" + tail());
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** SIGKILL: no shutdown hook, no flush, no offset commit; a crash. */
  void kill() {
    process.destroyForcibly();
    awaitExit(Duration.ofSeconds(30));
  }

  boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      awaitExit(Duration.ofSeconds(30));
    }
  }
}
