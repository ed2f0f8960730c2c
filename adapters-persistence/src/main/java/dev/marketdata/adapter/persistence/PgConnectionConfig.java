package dev.marketdata.adapter.persistence;

import dev.marketdata.domain.failure.InvalidInput;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import io.vertx.sqlclient.PoolOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Where the database is, who we are there, how the connection is secured and how many connections
 * to keep: one {@link PgUrl} with the user and password it names, or others given beside it (a
 * container secret, say), turned into the reactive pool's options and into Flyway's JDBC URL alike.
 *
 * <p>TLS follows libpq's {@code sslmode}: {@code allow}, {@code prefer} and {@code require} encrypt
 * without checking the server's certificate (pgjdbc does not check it under {@code require} even
 * with a root certificate, and neither do we); {@code verify-ca} checks it against {@code
 * sslrootcert}; {@code verify-full} also checks that it names the host connected to.
 */
public record PgConnectionConfig(PgUrl url, String user, String password, int poolSize) {
  public PgConnectionConfig {
    if (url == null) {
      throw new InvalidInput(PgUrl.FIELD, null, "is required");
    }
    if (user == null || user.isBlank()) {
      throw new InvalidInput(
          "database.user",
          user,
          "is required, in the URL (postgresql://user@host/db) or beside it");
    }
    password = password == null ? "" : password;
    if (poolSize < 1 || poolSize > 200) {
      throw new InvalidInput("database.poolSize", poolSize, "must be between 1 and 200");
    }
  }

  /** The database of {@code url}, as the user and with the password it names. */
  public static PgConnectionConfig fromUrl(String url, int poolSize) {
    return of(url, Optional.empty(), Optional.empty(), poolSize);
  }

  /**
   * The database of {@code url}; {@code user} and {@code password}, when present, replace the ones
   * the URL names.
   */
  public static PgConnectionConfig of(
      String url, Optional<String> user, Optional<String> password, int poolSize) {
    PgUrl parsed = PgUrl.parse(url);
    return new PgConnectionConfig(
        parsed,
        user.or(parsed::user).orElse(null),
        password.or(parsed::password).orElse(""),
        poolSize);
  }

  /** Options for the reactive pool: a fresh copy each time, as Vert.x options are mutable. */
  public PgConnectOptions connectOptions() {
    PgConnectOptions options =
        new PgConnectOptions()
            .setHost(url.host())
            .setPort(url.port())
            .setDatabase(url.database())
            .setUser(user)
            .setPassword(password)
            .setSslMode(url.sslMode());
    options.setSslOptions(sslOptions());
    url.applicationName().ifPresent(name -> options.addProperty("application_name", name));
    url.options().ifPresent(value -> options.addProperty("options", value));
    return options;
  }

  private ClientSSLOptions sslOptions() {
    ClientSSLOptions ssl = new ClientSSLOptions();
    SslMode mode = url.sslMode();
    if (mode == SslMode.VERIFY_CA || mode == SslMode.VERIFY_FULL) {
      ssl.setTrustOptions(
          new PemTrustOptions().addCertPath(url.rootCertificate().orElseThrow().toString()));
      // Java's "HTTPS" identification: the certificate must name the host (DNS name or IP).
      ssl.setHostnameVerificationAlgorithm(mode == SslMode.VERIFY_FULL ? "HTTPS" : "");
    } else {
      ssl.setTrustAll(true);
    }
    return ssl;
  }

  /**
   * The same database as a JDBC URL for Flyway, with the same TLS settings; the credentials go
   * beside it, never in it.
   */
  public String jdbcUrl() {
    StringBuilder jdbc =
        new StringBuilder("jdbc:postgresql://")
            .append(url.hostInUrl())
            .append(':')
            .append(url.port())
            .append('/')
            .append(encode(url.database()))
            .append("?sslmode=")
            .append(url.sslMode().value);
    url.rootCertificate().ifPresent(p -> jdbc.append("&sslrootcert=").append(encode(p.toString())));
    url.applicationName().ifPresent(n -> jdbc.append("&ApplicationName=").append(encode(n)));
    url.options().ifPresent(o -> jdbc.append("&options=").append(encode(o)));
    return jdbc.toString();
  }

  public PoolOptions poolOptions() {
    return new PoolOptions().setMaxSize(poolSize);
  }

  private static String encode(String part) {
    return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public String toString() {
    return "PgConnectionConfig["
        + user
        + "@"
        + url.hostInUrl()
        + ":"
        + url.port()
        + "/"
        + url.database()
        + ", sslmode="
        + url.sslMode().value
        + ", poolSize="
        + poolSize
        + "]";
  }
}
