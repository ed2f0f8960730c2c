package dev.marketdata.devservices.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The embedded server's postmaster process, made sure to be gone once it was asked to stop. */
final class Postmaster {
  private static final Logger LOG = LoggerFactory.getLogger(Postmaster.class);
  private static final int STOP_GRACE_SECONDS = 10;

  private Postmaster() {}

  /**
   * The running postmaster, from the first line of its {@code postmaster.pid}: zonky only logs when
   * {@code pg_ctl stop} gives up after 5 s (a loaded machine), and a postmaster still shutting down
   * keeps its port open without answering, so a "stopped" server would hang clients instead of
   * refusing them.
   */
  static Optional<ProcessHandle> of(Path dataDirectory) {
    try (Stream<String> lines = Files.lines(dataDirectory.resolve("postmaster.pid"))) {
      return lines.findFirst().map(String::trim).map(Long::parseLong).flatMap(ProcessHandle::of);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Waits for the postmaster to end its shutdown; one still running after that is killed. */
  static void awaitExit(ProcessHandle postmaster) {
    if (exited(postmaster, Duration.ofSeconds(STOP_GRACE_SECONDS))) {
      return;
    }
    LOG.warn(
        "embedded PostgreSQL postmaster pid={} still running {} s after pg_ctl stop; killing it",
        postmaster.pid(),
        STOP_GRACE_SECONDS);
    postmaster.descendants().forEach(ProcessHandle::destroyForcibly);
    postmaster.destroyForcibly();
    exited(postmaster, Duration.ofSeconds(STOP_GRACE_SECONDS));
  }

  private static boolean exited(ProcessHandle process, Duration within) {
    try {
      process.onExit().get(within.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException | ExecutionException e) {
      return !process.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }
}
