package dev.marketdata.devservices.postgres;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where one PostgreSQL database can be reached: what a test gets injected by {@code
 * PostgresExtension} (devservices-junit), and what dev mode hands to the application.
 *
 * @param password empty when the server trusts the user without one
 */
public record PostgresDatabase(
    String host, int port, String database, String user, String password) {
  public PostgresDatabase {
    require("host", host);
    require("database", database);
    require("user", user);
    password = password == null ? "" : password;
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be between 1 and 65535, was " + port);
    }
  }

  private static void require(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " is required, was " + value);
    }
  }

  /** A JDBC URL without credentials; pass {@link #user()} and {@link #password()} beside it. */
  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  /** A {@code postgresql://user[:password]@host:port/database} URL, credentials included. */
  public String postgresqlUrl() {
    String credentials = encode(user) + (password.isEmpty() ? "" : ":" + encode(password));
    return "postgresql://" + credentials + "@" + host + ":" + port + "/" + database;
  }

  /** The same server, another database on it. */
  public PostgresDatabase withDatabase(String otherDatabase) {
    return new PostgresDatabase(host, port, otherDatabase, user, password);
  }

  private static String encode(String part) {
    return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public String toString() {
    // Never print the password.
    return "PostgresDatabase[" + user + "@" + host + ":" + port + "/" + database + "]";
  }
}
