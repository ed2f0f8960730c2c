package dev.marketdata.devservices.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A PostgreSQL server tests may create databases on: the embedded one, or an external one named by
 * a URL. Closing it stops the embedded server; an external server is left running.
 */
public final class PostgresServer implements AutoCloseable {
  private static final Pattern SAFE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private final PostgresDatabase admin;
  private final EmbeddedPostgres embedded; // null for an external server

  private PostgresServer(PostgresDatabase admin, EmbeddedPostgres embedded) {
    this.admin = admin;
    this.embedded = embedded;
  }

  /** Starts an embedded server in a temporary folder. */
  public static PostgresServer embedded() {
    EmbeddedPostgres postgres = EmbeddedPostgres.startTemporary();
    return new PostgresServer(postgres.adminDatabase(), postgres);
  }

  /** Uses the server behind {@code url}; its database is the one new databases are created from. */
  public static PostgresServer external(String url) {
    return new PostgresServer(PostgresUrl.parse(url), null);
  }

  public boolean isEmbedded() {
    return embedded != null;
  }

  /** The database connections for administration go to. */
  public PostgresDatabase admin() {
    return admin;
  }

  /** Creates an empty database with a unique name starting with {@code prefix}. */
  public PostgresDatabase createDatabase(String prefix) {
    String name = uniqueName(prefix);
    execute("CREATE DATABASE " + name);
    return admin.withDatabase(name);
  }

  /** Drops {@code database}, ending any sessions still connected to it. */
  public void dropDatabase(PostgresDatabase database) {
    if (!SAFE_NAME.matcher(database.database()).matches()) {
      throw new IllegalArgumentException("not a database this server created: " + database);
    }
    execute("DROP DATABASE IF EXISTS " + database.database() + " WITH (FORCE)");
  }

  static String uniqueName(String prefix) {
    String clean = prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    if (clean.isEmpty() || Character.isDigit(clean.charAt(0))) {
      clean = "db_" + clean;
    }
    String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String head = clean.length() > 40 ? clean.substring(0, 40) : clean;
    return head + "_" + suffix;
  }

  private void execute(String sql) {
    try (Connection connection =
            DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("could not run `" + sql + "` on " + admin, e);
    }
  }

  @Override
  public void close() {
    if (embedded != null) {
      embedded.close();
    }
  }

  @Override
  public String toString() {
    return (embedded != null ? "embedded " : "external ") + admin;
  }
}
