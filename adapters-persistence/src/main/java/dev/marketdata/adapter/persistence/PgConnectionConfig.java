package dev.marketdata.adapter.persistence;

import dev.marketdata.domain.failure.InvalidInput;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

/**
 * Where the database is and how many connections to keep, read from one {@code
 * postgresql://user[:password]@host[:port]/database} URL.
 */
public record PgConnectionConfig(PgConnectOptions connectOptions, int poolSize) {
  public PgConnectionConfig {
    if (connectOptions == null) {
      throw new InvalidInput("database.url", null, "is required");
    }
    if (poolSize < 1 || poolSize > 200) {
      throw new InvalidInput("database.poolSize", poolSize, "must be between 1 and 200");
    }
  }

  public static PgConnectionConfig fromUrl(String url, int poolSize) {
    if (url == null || url.isBlank()) {
      throw new InvalidInput("database.url", url, "is required");
    }
    PgConnectOptions options;
    try {
      options = PgConnectOptions.fromUri(url.strip());
    } catch (RuntimeException e) {
      throw new InvalidInput(
          "database.url", redact(url), "must look like postgresql://user@host:5432/database");
    }
    return new PgConnectionConfig(options, poolSize);
  }

  /** The same database as a JDBC URL, for Flyway; credentials go beside it. */
  public String jdbcUrl() {
    return "jdbc:postgresql://"
        + connectOptions.getHost()
        + ":"
        + connectOptions.getPort()
        + "/"
        + connectOptions.getDatabase();
  }

  public String user() {
    return connectOptions.getUser();
  }

  public String password() {
    return connectOptions.getPassword() == null ? "" : connectOptions.getPassword();
  }

  public PoolOptions poolOptions() {
    return new PoolOptions().setMaxSize(poolSize);
  }

  private static String redact(String url) {
    return url.replaceAll("://([^:@/]*):[^@/]*@", "://$1:***@");
  }

  @Override
  public String toString() {
    return "PgConnectionConfig["
        + user()
        + "@"
        + connectOptions.getHost()
        + ":"
        + connectOptions.getPort()
        + "/"
        + connectOptions.getDatabase()
        + ", poolSize="
        + poolSize
        + "]";
  }
}
