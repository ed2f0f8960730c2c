package dev.marketdata.devservices.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
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

  private final Path dataDirectory;
  private final boolean temporary;
  private final boolean shutdownHook;
  private final int port;
  private final TlsOnly tls; // null: plain connections with trust, as zonky sets it up
  private final AtomicBoolean closed = new AtomicBoolean();
  private io.zonky.test.db.postgres.embedded.EmbeddedPostgres server; // null while stopped

  private EmbeddedPostgres(
      io.zonky.test.db.postgres.embedded.EmbeddedPostgres server,
      Path dataDirectory,
      boolean temporary,
      boolean shutdownHook,
      TlsOnly tls) {
    this.server = server;
    this.dataDirectory = dataDirectory;
    this.temporary = temporary;
    this.shutdownHook = shutdownHook;
    this.port = server.getPort();
    this.tls = tls;
  }

  /**
   * How a server set up like a managed one takes connections: TLS only, presenting {@code
   * certificate} (PEM) with {@code privateKey} (unencrypted PEM, readable by its owner only); the
   * superuser is trusted, every other user must give its password (scram-sha-256).
   */
  public record TlsOnly(Path certificate, Path privateKey) {
    public TlsOnly {
      Objects.requireNonNull(certificate, "certificate");
      Objects.requireNonNull(privateKey, "privateKey");
    }

    /** {@code pg_hba.conf}: no rule for a connection without TLS, so every such one is refused. */
    static String hbaRules() {
      return String.join(
          "\n",
          "# Written by EmbeddedPostgres.TlsOnly: TLS only, passwords for all but the superuser.",
          "local   all  all       trust",
          "hostssl all  postgres  127.0.0.1/32  trust",
          "hostssl all  postgres  ::1/128       trust",
          "hostssl all  all       127.0.0.1/32  scram-sha-256",
          "hostssl all  all       ::1/128       scram-sha-256",
          "");
    }
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
   * Like {@link #startTemporary()}, but taking connections the way {@code tls} says: for tests of
   * how the service connects to a server that insists on TLS and passwords.
   */
  public static EmbeddedPostgres startTemporary(TlsOnly tls) {
    Objects.requireNonNull(tls, "tls");
    try {
      return start(Files.createTempDirectory("mds-postgres-"), true, true, tls);
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
    return start(dataDirectory, temporary, temporary, null);
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
    return start(dataDirectory.toAbsolutePath(), false, false, null);
  }

  private static EmbeddedPostgres start(
      Path dataDirectory, boolean temporary, boolean shutdownHook, TlsOnly tls) {
    // Port 0 lets zonky pick a free port.
    io.zonky.test.db.postgres.embedded.EmbeddedPostgres server =
        launch(dataDirectory, 0, shutdownHook, tls);
    LOG.info(
        "embedded PostgreSQL started port={} data_directory={} temporary={} tls_only={}",
        server.getPort(),
        dataDirectory,
        temporary,
        tls != null);
    return new EmbeddedPostgres(server, dataDirectory, temporary, shutdownHook, tls);
  }

  private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres launch(
      Path dataDirectory, int port, boolean shutdownHook, TlsOnly tls) {
    try {
      // Zonky never cleans the directory itself (a temporary one is deleted by close()), so a
      // stopped server can start again over the same data. Its own shutdown hook stays on unless
      // the caller closes the server itself: a JVM that exits without closing us must not leave
      // a postmaster behind.
      var builder =
          io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
              .setDataDirectory(dataDirectory)
              .setCleanDataDirectory(false)
              .setPort(port)
              .setRegisterShutdownHook(shutdownHook)
              .setServerConfig("max_connections", "200");
      if (tls != null) {
        // pg_hba.conf is rewritten after initdb and before the server starts; zonky's own
        // readiness check connects as the superuser, which TLS with trust lets in.
        builder
            .setServerConfig("ssl", "on")
            .setServerConfig("ssl_cert_file", plainPath(tls.certificate()))
            .setServerConfig("ssl_key_file", plainPath(tls.privateKey()))
            .setDataDirectoryCustomizer(dir -> writeHba(dir.toPath()));
      }
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL did not start in " + dataDirectory, e);
    }
  }

  public String host() {
    return "localhost";
  }

  /** The port, the same across {@link #stop()} and {@link #restart()}. */
  public int port() {
    return port;
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
    return "jdbc:postgresql://localhost:" + port + "/" + database + "?user=" + SUPERUSER;
  }

  public synchronized boolean isRunning() {
    return server != null;
  }

  /**
   * Stops the server (fast shutdown: open sessions are ended) and keeps its data directory and
   * port, so {@link #restart()} brings the same database back, as after a real server restart.
   */
  public synchronized void stop() {
    if (server == null) {
      return;
    }
    io.zonky.test.db.postgres.embedded.EmbeddedPostgres running = server;
    server = null;
    Optional<ProcessHandle> postmaster = Postmaster.of(dataDirectory);
    try {
      running.close();
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL did not stop cleanly", e);
    }
    postmaster.ifPresent(Postmaster::awaitExit);
    LOG.info("embedded PostgreSQL stopped port={}", port);
  }

  /** Starts the server again on the same port and data directory (stopping it first if needed). */
  public synchronized void restart() {
    if (closed.get()) {
      throw new IllegalStateException("embedded PostgreSQL on port " + port + " is closed");
    }
    stop();
    server = launch(dataDirectory, port, shutdownHook, tls);
    LOG.info("embedded PostgreSQL restarted port={} data_directory={}", port, dataDirectory);
  }

  /** Stops the server (fast shutdown); a temporary data folder is deleted. Idempotent. */
  @Override
  public synchronized void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    stop();
    if (temporary) {
      deleteRecursively(dataDirectory);
    }
  }

  /** A path for the postmaster's command line, which pg_ctl passes through a shell. */
  private static String plainPath(Path file) {
    String path = file.toAbsolutePath().toString();
    if (!path.matches("[A-Za-z0-9/._+-]+")) {
      throw new IllegalArgumentException("TLS files must have a plain path, was " + path);
    }
    return path;
  }

  private static void writeHba(Path dataDirectory) {
    try {
      Files.writeString(dataDirectory.resolve("pg_hba.conf"), TlsOnly.hbaRules());
    } catch (IOException e) {
      throw new UncheckedIOException("could not write pg_hba.conf in " + dataDirectory, e);
    }
  }

  private static void deleteRecursively(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + directory, e);
    }
  }
}
