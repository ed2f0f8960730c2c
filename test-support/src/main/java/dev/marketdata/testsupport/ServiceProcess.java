package dev.marketdata.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's runnable jar started as a child JVM, so a test can send it SIGTERM or kill it
 * outright, and a benchmark can measure its start-up, memory and CPU on their own.
 */
public final class ServiceProcess implements AutoCloseable {
  /** How long the service may take to start on a busy machine. */
  public static final Duration START = Duration.ofSeconds(120);

  /** The JVM options the reliability tests run the jar with: small, so several fit side by side. */
  public static final List<String> TEST_JVM = List.of("-Xmx384m", "-XX:+UseSerialGC");

  private static final Logger log = LoggerFactory.getLogger(ServiceProcess.class);
  private static final String READY = "market-data-service ready";

  private final Process process;
  private final Path output;
  private final long readyLinesBefore; // a restart appends to the same file

  private ServiceProcess(Process process, Path output, long readyLinesBefore) {
    this.process = process;
    this.output = output;
    this.readyLinesBefore = readyLinesBefore;
  }

  /**
   * The dev jar bootstrap's {@code package} phase builds (embedded mode; the slim jar beside it
   * holds the rest), seen from bootstrap's folder (where its ITs run, after {@code package}).
   */
  public static Path builtJar() {
    return builtJar("market-data-service.jar");
  }

  /**
   * A file bootstrap's {@code package} phase builds under its {@code target} folder, e.g. {@code
   * market-data-service-slim.jar}; see ADR 0008 for the jars.
   */
  public static Path builtJar(String pathInTarget) {
    Path jar = Path.of("target").resolve(pathInTarget).toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: run the ITs through `mvn verify`");
    }
    return jar;
  }

  /** Starts {@link #builtJar()} with {@link #TEST_JVM} options in the current folder. */
  public static ServiceProcess start(Map<String, String> env, Path output) {
    return start(builtJar(), TEST_JVM, env, null, output);
  }

  /**
   * Starts {@code jar} with {@code env} on top of this JVM's environment minus every {@code MDS_*}
   * and provider key, so only what the caller says configures it. Output (stdout and stderr) is
   * appended to {@code output}; {@code workDir} is the child's folder, null for the current one.
   */
  public static ServiceProcess start(
      Path jar, List<String> jvmOptions, Map<String, String> env, Path workDir, Path output) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar.toAbsolutePath().toString());
    ProcessBuilder builder = new ProcessBuilder(command);
    if (workDir != null) {
      builder.directory(workDir.toFile());
    }
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
      throw new UncheckedIOException("cannot start " + jar, e);
    }
  }

  /** Waits until the process logged that all its roles run; fails fast if the process died. */
  public ServiceProcess awaitReady() {
    Await.until(
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
    return text(output).lines().filter(l -> l.contains(READY)).count();
  }

  /** Everything the process (and earlier ones on the same file) wrote so far. */
  public String text() {
    return text(output);
  }

  private static String text(Path output) {
    try {
      return Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String tail() {
    String all = text();
    return all.length() <= 6000 ? all : all.substring(all.length() - 6000);
  }

  public Path output() {
    return output;
  }

  public long pid() {
    return process.pid();
  }

  public ProcessHandle handle() {
    return process.toHandle();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** SIGTERM (what {@link Process#destroy()} sends on Linux), without waiting. */
  public void sigterm() {
    process.destroy();
  }

  /** Waits for the process to exit and returns its exit code. */
  public int awaitExit(Duration timeout) {
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
  public void kill() {
    process.destroyForcibly();
    awaitExit(Duration.ofSeconds(30));
  }

  /**
   * SIGTERM and up to {@code grace} for the graceful stop (a JFR recording is dumped), then kill it
   * and its child processes.
   */
  public void stop(Duration grace) {
    sigterm();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("service pid={} did not stop within {}; killing it", process.pid(), grace);
        killWithChildren();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      killWithChildren();
    }
  }

  /** Kills a process still running, and its children: a test that failed leaves nothing behind. */
  @Override
  public void close() {
    if (process.isAlive()) {
      killWithChildren();
    }
  }

  private void killWithChildren() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    kill();
  }
}
