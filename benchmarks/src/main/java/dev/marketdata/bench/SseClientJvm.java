package dev.marketdata.bench;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@link SseClients} as a child JVM on the harness's class path, driven one command at a time over
 * its stdin; its other output goes to a log file.
 */
final class SseClientJvm implements AutoCloseable {
  private final Process process;
  private final PrintWriter commands;
  private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
  private final Path logFile;

  private SseClientJvm(Process process, Path logFile) {
    this.process = process;
    this.logFile = logFile;
    this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
  }

  static SseClientJvm start(Path logFile, List<String> jvmArgs, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(SseClients.class.getName());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    SseClientJvm jvm = new SseClientJvm(process, logFile);
    Writer log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8);
    Thread reader =
        new Thread(
            () -> {
              try (log;
                  BufferedReader out =
                      new BufferedReader(
                          new InputStreamReader(
                              process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                  if (line.startsWith(SseClients.ANSWER)) {
                    jvm.answers.add(line.substring(SseClients.ANSWER.length()));
                  } else {
                    log.write(line + "\n");
                    log.flush();
                  }
                }
              } catch (IOException ended) {
                // the child is gone; ask() notices
              }
            },
            "sse-clients-output");
    reader.setDaemon(true);
    reader.start();
    return jvm;
  }

  long pid() {
    return process.pid();
  }

  ProcessHandle handle() {
    return process.toHandle();
  }

  /** Sends one command and waits for its answer. */
  JsonObject ask(String command, Duration timeout) throws InterruptedException {
    commands.println(command);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      String answer = answers.poll(200, TimeUnit.MILLISECONDS);
      if (answer != null) {
        return new JsonObject(answer);
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("SSE client JVM exited; see " + logFile);
      }
    }
    throw new IllegalStateException(
        "SSE client JVM did not answer '" + command + "' within " + timeout + "; see " + logFile);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      commands.println("quit");
    }
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
