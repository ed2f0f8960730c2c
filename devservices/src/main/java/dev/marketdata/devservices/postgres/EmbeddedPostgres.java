package dev.marketdata.devservices.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (the zonky binaries, 17.x) started in-process on a free port, for dev
 * mode and tests.
 *
 * <p>As root, PostgreSQL refuses to run; the zonky launcher then wraps {@code initdb}, {@code
 * pg_ctl} and {@code postgres} in {@code unshare -U} (a user namespace where we are not root), so
 * this works unchanged in containers that run as root.
 */
public final class EmbeddedPostgres implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);
  private static final String SUPERUSER = "postgres";

  private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
  private final Path dataDirectory;
  private final boolean temporary;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedPostgres(
      io.zonky.test.db.postgres.embedded.EmbeddedPostgres server,
      Path dataDirectory,
      boolean temporary) {
    this.server = server;
    this.dataDirectory = dataDirectory;
    this.temporary = temporary;
  }

  /** Starts a server whose data lives in a fresh temporary folder, deleted on {@link #close()}. */
  public static EmbeddedPostgres startTemporary() {
    try {
      return start(Files.createTempDirectory("mds-postgres-"), true);
    } catch (IOException e) {
      throw new UncheckedIOException("could not create a temporary data directory", e);
    }
  }

  /**
   * Starts a server on {@code dataDirectory}, creating the cluster there on first use and keeping
   * it afterwards, so dev mode finds its data again on the next run.
   */
  public static EmbeddedPostgres startPersistent(Path dataDirectory) {
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    try {
      Files.createDirectories(dataDirectory);
    } catch (IOException e) {
      throw new UncheckedIOException("could not create data directory " + dataDirectory, e);
    }
    return start(dataDirectory.toAbsolutePath(), false);
  }

  private static EmbeddedPostgres start(Path dataDirectory, boolean temporary) {
    return start(dataDirectory, temporary, temporary);
  }

  /**
   * Like {@link #startPersistent(Path)}, for a process that closes the server itself during its own
   * ordered shutdown: no JVM hook of zonky's stops PostgreSQL under it while it still flushes.
   */
  public static EmbeddedPostgres startPersistentOwnedByCaller(Path dataDirectory) {
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    try {
      Files.createDirectories(dataDirectory);
    } catch (IOException e) {
      throw new UncheckedIOException("could not create data directory " + dataDirectory, e);
    }
    return start(dataDirectory.toAbsolutePath(), false, false);
  }

  private static EmbeddedPostgres start(
      Path dataDirectory, boolean temporary, boolean shutdownHook) {
    try {
      // Port 0 lets zonky pick a free port. Its own shutdown hook stays on unless the caller
      // closes the server itself: a JVM that exits without closing us must not leave a
      // postmaster behind.
      io.zonky.test.db.postgres.embedded.EmbeddedPostgres server =
          io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
              .setDataDirectory(dataDirectory)
              .setCleanDataDirectory(temporary)
              .setRegisterShutdownHook(shutdownHook)
              .setServerConfig("max_connections", "200")
              .start();
      LOG.info(
          "embedded PostgreSQL started port={} data_directory={} temporary={}",
          server.getPort(),
          dataDirectory,
          temporary);
      return new EmbeddedPostgres(server, dataDirectory, temporary);
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL did not start in " + dataDirectory, e);
    }
  }

  public String host() {
    return "localhost";
  }

  public int port() {
    return server.getPort();
  }

  public String user() {
    return SUPERUSER;
  }

  public Path dataDirectory() {
    return dataDirectory;
  }

  public boolean temporary() {
    return temporary;
  }

  /** The built-in {@code postgres} database, to create others from. */
  public PostgresDatabase adminDatabase() {
    return database("postgres");
  }

  /** Connection details for {@code database} on this server (trust auth: no password). */
  public PostgresDatabase database(String database) {
    return new PostgresDatabase(host(), port(), database, SUPERUSER, "");
  }

  /** A JDBC URL with the user in it, for {@code database}. */
  public String jdbcUrl(String database) {
    return server.getJdbcUrl(SUPERUSER, database);
  }

  /** Stops the server (fast shutdown); a temporary data folder is deleted. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      server.close();
      LOG.info("embedded PostgreSQL stopped port={}", server.getPort());
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL did not stop cleanly", e);
    }
  }
}
