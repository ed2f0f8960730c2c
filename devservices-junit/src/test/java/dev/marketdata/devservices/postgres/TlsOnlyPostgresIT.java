package dev.marketdata.devservices.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marketdata.devservices.tls.TestCertificates;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded PostgreSQL set up like a managed one: TLS only, passwords for application users. */
class TlsOnlyPostgresIT {
  @TempDir static Path dir;
  private static EmbeddedPostgres postgres;

  @BeforeAll
  static void start() throws SQLException {
    TestCertificates ca = TestCertificates.authority(dir, "pg-test-ca");
    TestCertificates.Server server = ca.issueServer("postgres", "dns:localhost");
    postgres =
        EmbeddedPostgres.startTemporary(
            new EmbeddedPostgres.TlsOnly(server.certificatePem(), server.privateKeyPem()));
    PostgresDatabase admin = postgres.adminDatabase();
    try (Connection c =
            DriverManager.getConnection(admin.jdbcUrl() + "?sslmode=require", "postgres", "");
        Statement st = c.createStatement()) {
      st.execute("CREATE ROLE app LOGIN PASSWORD 'app-password'");
    }
  }

  @AfterAll
  static void stop() {
    postgres.close();
  }

  @Test
  void givenAUserWithItsPassword_overTls_theConnectionIsEncrypted() throws SQLException {
    try (Connection c = DriverManager.getConnection(url("require"), "app", "app-password");
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getBoolean(1)).isTrue();
    }
  }

  @Test
  void givenNoTlsOrAWrongPassword_theServer_refuses() {
    assertThatThrownBy(() -> DriverManager.getConnection(url("disable"), "app", "app-password"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("no encryption");
    assertThatThrownBy(() -> DriverManager.getConnection(url("require"), "app", "wrong"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("password authentication failed");
  }

  private static String url(String sslmode) {
    return postgres.adminDatabase().jdbcUrl() + "?sslmode=" + sslmode;
  }
}
