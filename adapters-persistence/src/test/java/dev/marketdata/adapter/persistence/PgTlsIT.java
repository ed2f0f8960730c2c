package dev.marketdata.adapter.persistence;

import static dev.marketdata.testsupport.Await.failure;
import static dev.marketdata.testsupport.Await.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.marketdata.devservices.postgres.EmbeddedPostgres;
import dev.marketdata.devservices.tls.TestCertificates;
import dev.marketdata.domain.failure.DependencyUnavailable;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The migrations (Flyway over JDBC) and the reactive pool against a PostgreSQL that, like a managed
 * one, takes TLS connections only and wants passwords: both honour the URL's {@code sslmode} and
 * {@code sslrootcert}, and the user and password given beside the URL.
 */
class PgTlsIT {
  private static final String USER = "mds_app";
  private static final String PASSWORD = "app-pw-4711";

  @TempDir static Path dir;
  private static TestCertificates ca;
  private static TestCertificates otherCa;
  private static EmbeddedPostgres postgres;
  private static Vertx vertx;

  @BeforeAll
  static void startTlsOnlyServer() throws SQLException {
    ca = TestCertificates.authority(dir, "pg-ca");
    otherCa = TestCertificates.authority(dir, "other-ca");
    // The certificate names localhost only: connecting to 127.0.0.1 is a host-name mismatch.
    TestCertificates.Server server = ca.issueServer("postgres", "dns:localhost");
    postgres =
        EmbeddedPostgres.startTemporary(
            new EmbeddedPostgres.TlsOnly(server.certificatePem(), server.privateKeyPem()));
    try (Connection c =
            DriverManager.getConnection(
                postgres.adminDatabase().jdbcUrl() + "?sslmode=require", "postgres", "");
        Statement st = c.createStatement()) {
      st.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
      st.execute("CREATE DATABASE tls_app OWNER " + USER);
    }
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    result(vertx.close().toCompletionStage());
    postgres.close();
  }

  @Test
  void givenSslmodeDisable_migrationsAndPool_areRefusedByTheServer() {
    PgConnectionConfig config = config("localhost", "sslmode=disable");

    assertThat(catchThrowable(() -> Migrations.migrate(config)))
        .isInstanceOf(DependencyUnavailable.class)
        .hasMessageContaining("no encryption");
    assertThat(poolFailure(config)).hasMessageContaining("no encryption");
  }

  @Test
  void givenSslmodeRequire_migrationsRun_andTheSessionIsEncrypted() {
    PgConnectionConfig config = config("localhost", "sslmode=require");

    Migrations.migrate(config);

    assertThat(encryptedPoolSession(config)).isTrue();
  }

  @Test
  void givenVerifyFullWithTheRightAuthority_migrationsAndPool_connect() {
    PgConnectionConfig config =
        config("localhost", "sslmode=verify-full&sslrootcert=" + ca.certificatePem());

    Migrations.migrate(config);

    assertThat(encryptedPoolSession(config)).isTrue();
  }

  @Test
  void givenVerifyFullWithAnotherAuthority_bothFail_namingTheCertificatePath() {
    PgConnectionConfig config =
        config("localhost", "sslmode=verify-full&sslrootcert=" + otherCa.certificatePem());

    assertThat(catchThrowable(() -> Migrations.migrate(config)))
        .isInstanceOf(DependencyUnavailable.class)
        .hasMessageContaining("PKIX path");
    // Vert.x drops the handshake's cause; startup runs the migrations first, which name it.
    assertThat(poolFailure(config)).hasMessageContaining("SSL handshake failed");
  }

  @Test
  void givenAHostTheCertificateDoesNotName_verifyFullFails_butVerifyCaConnects() {
    PgConnectionConfig full =
        config("127.0.0.1", "sslmode=verify-full&sslrootcert=" + ca.certificatePem());
    PgConnectionConfig caOnly =
        config("127.0.0.1", "sslmode=verify-ca&sslrootcert=" + ca.certificatePem());

    assertThat(catchThrowable(() -> Migrations.migrate(full)))
        .isInstanceOf(DependencyUnavailable.class)
        .hasMessageContaining("127.0.0.1");
    assertThat(poolFailure(full)).hasMessageContaining("SSL handshake failed");
    Migrations.migrate(caOnly);
    assertThat(encryptedPoolSession(caOnly)).isTrue();
  }

  @Test
  void givenUserAndPasswordBesideAUrlWithout_orWithOtherOnes_theyAreUsed() {
    String url = url("localhost", "sslmode=require");
    PgConnectionConfig besideABareUrl =
        PgConnectionConfig.of(url, Optional.of(USER), Optional.of(PASSWORD), 2);
    PgConnectionConfig overridingAWrongOne =
        PgConnectionConfig.of(
            url.replace("://", "://" + USER + ":wrong-pw@"),
            Optional.empty(),
            Optional.of(PASSWORD),
            2);
    PgConnectionConfig wrongAlone =
        PgConnectionConfig.fromUrl(url.replace("://", "://" + USER + ":wrong-pw@"), 2);

    Migrations.migrate(besideABareUrl);
    assertThat(encryptedPoolSession(besideABareUrl)).isTrue();
    Migrations.migrate(overridingAWrongOne);
    assertThat(encryptedPoolSession(overridingAWrongOne)).isTrue();
    assertThat(catchThrowable(() -> Migrations.migrate(wrongAlone)))
        .hasMessageContaining("password authentication failed")
        .hasMessageNotContaining("wrong-pw");
  }

  private static String url(String host, String params) {
    return "postgresql://" + host + ":" + postgres.port() + "/tls_app?" + params;
  }

  private static PgConnectionConfig config(String host, String params) {
    return PgConnectionConfig.of(url(host, params), Optional.of(USER), Optional.of(PASSWORD), 2);
  }

  private static boolean encryptedPoolSession(PgConnectionConfig config) {
    Pool pool = PgPools.open(vertx, config);
    try {
      return result(
              pool.query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
                  .execute()
                  .toCompletionStage())
          .iterator()
          .next()
          .getBoolean(0);
    } finally {
      result(pool.close().toCompletionStage());
    }
  }

  private static Throwable poolFailure(PgConnectionConfig config) {
    Pool pool = PgPools.open(vertx, config);
    try {
      return failure(pool.query("SELECT 1").execute().toCompletionStage());
    } finally {
      result(pool.close().toCompletionStage());
    }
  }
}
