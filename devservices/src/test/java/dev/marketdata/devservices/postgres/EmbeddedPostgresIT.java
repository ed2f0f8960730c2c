package dev.marketdata.devservices.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresIT {
  @Test
  void givenTemporaryServer_start_servesPostgres17AndCloseDeletesTheData() throws SQLException {
    Path data;
    try (EmbeddedPostgres postgres = EmbeddedPostgres.startTemporary()) {
      data = postgres.dataDirectory();
      assertThat(postgres.port()).isPositive();
      assertThat(Files.exists(data.resolve("PG_VERSION"))).isTrue();
      PostgresDatabase admin = postgres.adminDatabase();
      assertThat(query(admin, "SHOW server_version_num")).startsWith("17");
      assertThat(query(admin, "SELECT current_user")).isEqualTo("postgres");
      assertThat(postgres.jdbcUrl("postgres")).contains(":" + postgres.port() + "/postgres");
    }
    assertThat(Files.exists(data)).isFalse();
  }

  @Test
  void givenPersistentDirectory_restart_keepsTheData(@TempDir Path dir) throws SQLException {
    Path data = dir.resolve("pgdata");
    try (EmbeddedPostgres first = EmbeddedPostgres.startPersistent(data)) {
      execute(first.adminDatabase(), "CREATE TABLE kept (v text)");
      execute(first.adminDatabase(), "INSERT INTO kept VALUES ('still here')");
    }
    assertThat(Files.exists(data.resolve("PG_VERSION"))).isTrue();

    try (EmbeddedPostgres second = EmbeddedPostgres.startPersistent(data)) {
      assertThat(query(second.adminDatabase(), "SELECT v FROM kept")).isEqualTo("still here");
    }
  }

  @Test
  void givenStoppedServer_restart_servesTheSameDataOnTheSamePort() throws SQLException {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.startTemporary()) {
      int port = postgres.port();
      execute(postgres.adminDatabase(), "CREATE TABLE survived (v text)");
      execute(postgres.adminDatabase(), "INSERT INTO survived VALUES ('restarted')");

      postgres.stop();
      assertThat(postgres.isRunning()).isFalse();
      assertThatThrownBy(() -> query(postgres.adminDatabase(), "SELECT 1"))
          .isInstanceOf(SQLException.class);

      postgres.restart();
      assertThat(postgres.isRunning()).isTrue();
      assertThat(postgres.port()).isEqualTo(port);
      assertThat(query(postgres.adminDatabase(), "SELECT v FROM survived")).isEqualTo("restarted");
    }
  }

  static String query(PostgresDatabase db, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  static void execute(PostgresDatabase db, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
